// The access area's live state, shared between its overlay (which follows the topics) and its
// status-bar badge: one small external store, read with useSyncExternalStore.
import { useSyncExternalStore } from 'react';
import type { AccessLive } from './use-access-live';

let current: AccessLive = { roles: [], mine: null, pending: 0, requestsVersion: 0 };
const listeners = new Set<() => void>();

export function publishAccessLive(live: AccessLive): void {
  if (live === current) return;
  current = live;
  for (const listener of listeners) listener();
}

/** The connected user's roles as the gateway said them (empty until known): for other areas' `when`. */
export const accessRoles = (): AccessLive['roles'] => current.roles;

export function useAccessLiveState(): AccessLive {
  return useSyncExternalStore(
    (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    () => current,
  );
}

/** My access as the `access.mine` topic last told it (null before it has): a new object at every change. */
export function useMyAccess(): AccessLive['mine'] {
  return useAccessLiveState().mine;
}
