// API handlers of the inventory for admins (`inventory.hosts.*`, `inventory.credentials.set`): the
// CLI's own operations (admin.ts's addHost and setCredential, inventory-import's editHost and
// removeHost) as the calling admin, so CLI and API write the same audit rows. Credentials are
// write-only: answers carry only which login holds one, of which kind, since when.
import type { AdminHost, inventoryAdminMethods } from '../../../shared/contract/gateway-api/inventory-admin';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { AdminError, createAdmin } from '../admin';
import type { ApiAreaDeps, ApiContext } from '../api-area';
import { editHost, ImportError, removeHost } from '../inventory-import';
import { asRpc } from '../requests/errors';
import type { InventoryHost, Store } from '../store';

function adminHost(store: Store, h: InventoryHost): AdminHost {
  return { name: h.name, address: h.address, nodes: h.nodes, tags: h.tags, logins: h.logins, credentials: store.credentials.stamps(h.id) };
}

const hostNamed = (store: Store, name: string) => adminHost(store, store.hosts.inventory().find((h) => h.name === name)!);

/** `team/line/service` → ['team', 'line', 'service']. */
const nodePath = (text: string) => text.split('/').filter((s) => s !== '');

/** The inventory module's refusals read as the admin operations' (not_found for a missing host). */
function asAdmin<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ImportError) throw new AdminError(error.message);
    throw error;
  }
}

export function inventoryAdminApi({ store, onAccessWrite }: ApiAreaDeps): Handlers<typeof inventoryAdminMethods, ApiContext> {
  const adminOf = (ctx: ApiContext) => createAdmin(store, { actor: ctx.user.name });
  return {
    'inventory.hosts.list': () => store.hosts.inventory().map((h) => adminHost(store, h)),
    'inventory.hosts.create': ({ name, address, nodes, tags, logins }, ctx) =>
      asRpc(() => {
        adminOf(ctx).addHost({ name, address, nodes: (nodes ?? []).map(nodePath), tags, logins });
        return hostNamed(store, name);
      }),
    'inventory.hosts.edit': ({ name, tags, ...edit }, ctx) =>
      asRpc(() =>
        asAdmin(() => {
          const tagTexts = tags && Object.entries(tags).map(([k, v]) => `${k}=${v}`);
          const { fields } = editHost(store, name, { ...edit, tags: tagTexts }, ctx.user.name);
          onAccessWrite?.();
          return { host: hostNamed(store, name), fields };
        }),
      ),
    'inventory.hosts.remove': ({ name, force }, ctx) =>
      asRpc(() =>
        asAdmin(() => {
          const removed = removeHost(store, name, { force, actor: ctx.user.name });
          onAccessWrite?.();
          return removed;
        }),
      ),
    'inventory.credentials.set': ({ host, login, password, privateKey }, ctx) =>
      asRpc(() => {
        adminOf(ctx).setCredential({ host, login, password, privateKey });
        const stamp = store.credentials.stamps(store.hosts.find(host)!.id).find((c) => c.login === login)!;
        return { host, ...stamp };
      }),
  };
}
