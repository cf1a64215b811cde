import { ctrlShift, type ActionDef } from '../model/actions';

export const CONNECTION_ACTIONS: readonly ActionDef[] = [
  { id: 'profiles.open', title: 'connection:actions.profiles.open', group: 'Gateway', shortcut: ctrlShift('KeyG') },
  {
    id: 'gateway.reconnect',
    title: 'connection:actions.gateway.reconnect',
    group: 'Gateway',
    shortcutNote: 'connection:actions.gateway.reconnectKeys',
    // One key to reconnect: the terminals are lost anyway, so the key is not the shell's.
    plainKey: { key: 'r', where: 'anywhere', onlyWhen: (ctx) => ctx.gateway === 'lost' },
    when: (ctx) => ctx.gateway === 'lost' || ctx.gateway === 'disconnected',
  },
  { id: 'gateway.disconnect', title: 'connection:actions.gateway.disconnect', group: 'Gateway', when: (ctx) => ctx.gateway === 'connected' },
];
