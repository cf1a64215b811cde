import { useSyncExternalStore } from 'react';
import type { SessionsSnapshot, SessionsStore } from './sessions-store';

export function useSessions(store: SessionsStore): SessionsSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
