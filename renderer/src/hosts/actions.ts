import type { ActionDef } from '../model/actions';

export const HOSTS_ACTIONS: readonly ActionDef[] = [
  { id: 'filter.focus', title: 'Filter hosts', group: 'Hosts', shortcutNote: '/ (outside a terminal)', plainKey: { key: '/', where: 'outside-terminal' } },
];
