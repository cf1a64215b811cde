import { ctrlShift, type ActionDef } from '../model/actions';

export const CONNECTION_ACTIONS: readonly ActionDef[] = [
  { id: 'profiles.open', title: 'Gateway profiles…', group: 'Gateway', shortcut: ctrlShift('KeyG') },
  {
    id: 'gateway.reconnect',
    title: 'Reconnect to the gateway',
    group: 'Gateway',
    shortcutNote: 'R (when the connection is lost)',
    // One key to reconnect: the terminals are lost anyway, so the key is not the shell's.
    plainKey: { key: 'r', where: 'anywhere', onlyWhen: (ctx) => ctx.gateway === 'lost' },
    when: (ctx) => ctx.gateway === 'lost' || ctx.gateway === 'disconnected',
  },
  { id: 'gateway.disconnect', title: 'Disconnect from the gateway', group: 'Gateway', when: (ctx) => ctx.gateway === 'connected' },
];
