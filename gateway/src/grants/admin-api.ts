// API handlers of grants for admins (`access.grants.*`, `access.selector.preview`): the same
// validated, audited operations as the CLI's `grant` commands (admin-access.ts), as the calling admin.
import type { accessMethods } from '../../../shared/contract/gateway-api/access';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { createAccessAdmin } from '../admin-access';
import type { ApiAreaDeps, ApiContext } from '../api-area';
import { asRpc } from '../requests/errors';
import { grantEntry, listGrantEntries, previewSelector } from './entries';

type GrantMethods = Pick<typeof accessMethods, 'access.grants.list' | 'access.grants.create' | 'access.grants.edit' | 'access.grants.revoke' | 'access.selector.preview'>;

export function grantsAdminApi({ store, access, requests, onAccessWrite }: ApiAreaDeps): Handlers<GrantMethods, ApiContext> {
  const adminOf = (ctx: ApiContext) => createAccessAdmin(store, ctx.user.name, { maxGrantMs: requests?.settings.maxGrantMs });
  /** After a change: live sessions and topics see it now, not at the next tick. */
  const changed = <T>(value: T): T => {
    onAccessWrite?.();
    return value;
  };
  return {
    'access.grants.list': (p, ctx) => asRpc(() => listGrantEntries({ store, access, admin: adminOf(ctx) }, p)),
    'access.grants.create': (p, ctx) =>
      asRpc(() => {
        const grant = adminOf(ctx).addGrant(p);
        return changed(grantEntry({ ...grant, subject: p.user !== undefined ? { kind: 'user', name: p.user } : { kind: 'group', name: p.group! }, createdAt: Date.now() }, access, Date.now()));
      }),
    'access.grants.edit': (p, ctx) =>
      asRpc(() => {
        const { grant, revoked } = adminOf(ctx).editGrant(p.id, { until: p.until, from: p.from });
        return changed({ grant: grantEntry(grant, access, Date.now()), revoked });
      }),
    'access.grants.revoke': (p, ctx) => asRpc(() => changed(grantEntry(adminOf(ctx).revokeGrant(p.id), access, Date.now()))),
    'access.selector.preview': (p) => asRpc(() => previewSelector({ store, access }, p.selector)),
  };
}
