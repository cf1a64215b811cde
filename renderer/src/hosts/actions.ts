import type { ActionDef } from '../model/actions';

export const HOSTS_ACTIONS: readonly ActionDef[] = [
  { id: 'filter.focus', title: 'hosts:actions.filter.focus', group: 'Hosts', shortcutNote: 'hosts:actions.filter.focusKeys', plainKey: { key: '/', where: 'outside-terminal' } },
];
