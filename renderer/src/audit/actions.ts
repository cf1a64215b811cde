import { ctrlShift, type ActionDef } from '../model/actions';

export const AUDIT_ACTIONS: readonly ActionDef[] = [
  { id: 'audit.open', title: 'audit:actions.audit.open', group: 'Gateway', shortcut: ctrlShift('KeyA'), when: (ctx) => ctx.gateway === 'connected' },
];
