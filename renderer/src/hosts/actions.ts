import { ctrlShift, type ActionDef } from '../model/actions';

export const HOSTS_ACTIONS: readonly ActionDef[] = [
  { id: 'hosts.quickConnect', title: 'hosts:actions.hosts.quickConnect', group: 'Hosts', shortcut: ctrlShift('KeyO') },
  { id: 'filter.focus', title: 'hosts:actions.filter.focus', group: 'Hosts', shortcutNote: 'hosts:actions.filter.focusKeys', plainKey: { key: '/', where: 'outside-terminal' } },
];
