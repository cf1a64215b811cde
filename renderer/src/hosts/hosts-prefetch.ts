// The host list's head is the first thing the renderer asks for: main.tsx calls prefetchHosts before
// the app's code is loaded, so the main side (and the gateway behind it) prepares the list while
// the app starts. useHosts takes the answer once, when the connection it belongs to is the one on
// screen; otherwise (not connected yet, another profile, any failure) it asks again as before.
import type { GatewayState } from '../../../shared/contract/client-api';
import type { HostTableHead } from '../../../shared/contract/host-table-head';
import type { PortcullisApi } from '../../../shared/contract/window';

/** Rows in the head: more than the tallest screen shows. */
export const HEAD_ROWS = 150;

let prefetched: { state: Promise<GatewayState>; head: Promise<HostTableHead> } | null = null;

export function prefetchHosts(api: PortcullisApi): void {
  // Asked together: the main side answers both from the same connection (it handles messages in order).
  const state = api.request('gateway.state', {});
  const head = api.request('hosts.head', { rows: HEAD_ROWS });
  state.catch(() => {});
  head.catch(() => {}); // e.g. not_connected: useHosts asks again once connected
  prefetched = { state, head };
}

/** The prefetched head, if it is `profileId`'s connected gateway's; null: ask again. Taken once. */
export async function takePrefetchedHead(profileId: string | undefined): Promise<HostTableHead | null> {
  const taken = prefetched;
  prefetched = null;
  if (!taken) return null;
  try {
    const [state, head] = await Promise.all([taken.state, taken.head]);
    return state.status === 'connected' && state.profileId === profileId ? head : null;
  } catch {
    return null;
  }
}
