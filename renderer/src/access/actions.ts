import type { GatewayRole } from '../../../shared/contract/gateway-api/policy';
import { ctrlShift, type ActionContext, type ActionDef } from '../model/actions';
import { accessRoles } from './live-store';

const connected = (ctx: ActionContext) => ctx.gateway === 'connected';

/**
 * Connected, as a user holding one of `roles` (as `access.whoami` told them): the palette offers an
 * action only to whom the gateway would answer. The UI only hides; the gateway checks every call.
 */
export const connectedAs =
  (...roles: readonly GatewayRole[]) =>
  (ctx: ActionContext): boolean =>
    connected(ctx) && accessRoles().some((role) => roles.includes(role));

// Asking is the operators' (and admins'); approvals and grants are the admins'.
export const ACCESS_ACTIONS: readonly ActionDef[] = [
  { id: 'access.mine', title: 'access:actions.access.mine', group: 'Gateway', shortcut: ctrlShift('Period'), when: connected },
  { id: 'access.request', title: 'access:actions.access.request', group: 'Gateway', when: connectedAs('operator', 'admin') },
  { id: 'access.approvals', title: 'access:actions.access.approvals', group: 'Gateway', when: connectedAs('admin') },
  { id: 'access.grants', title: 'access:actions.access.grants', group: 'Gateway', when: connectedAs('admin') },
];
