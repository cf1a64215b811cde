// The host list is the first thing the renderer asks for: main.tsx calls prefetchHosts before the
// app's code is loaded, so the main side (and the gateway behind it) prepares the list while the
// app starts. useHosts takes the answer once, when the connection it belongs to is the one on
// screen; otherwise (not connected yet, another profile, any failure) it asks again as before.
import type { GatewayState } from '../../../shared/contract/client-api';
import type { HostTable } from '../../../shared/contract/host-table';
import type { PortcullisApi } from '../../../shared/contract/window';

let prefetched: { state: Promise<GatewayState>; table: Promise<HostTable> } | null = null;

export function prefetchHosts(api: PortcullisApi): void {
  // Asked together: the main side answers both from the same connection (it handles messages in order).
  const state = api.request('gateway.state', {});
  const table = api.request('hosts.list', {});
  state.catch(() => {});
  table.catch(() => {}); // e.g. not_connected: useHosts asks again once connected
  prefetched = { state, table };
}

/** The prefetched table, if it is `profileId`'s connected gateway's; null: ask again. Taken once. */
export async function takePrefetchedHosts(profileId: string | undefined): Promise<HostTable | null> {
  const taken = prefetched;
  prefetched = null;
  if (!taken) return null;
  try {
    const [state, table] = await Promise.all([taken.state, taken.table]);
    return state.status === 'connected' && state.profileId === profileId ? table : null;
  } catch {
    return null;
  }
}
