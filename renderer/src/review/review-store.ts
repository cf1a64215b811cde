// Which review view is shown and what the player plays: the area's own small state, kept outside
// React so the actions (palette, shortcuts) and the views share it.
import { useSyncExternalStore } from 'react';

export type ReviewTab = 'sessions' | 'commands' | 'player';

/** What the player opens: the session's facts it shows and exports, and where to start. */
export interface PlayerTarget {
  sessionId: string;
  user: string;
  host: string;
  login: string;
  startedAt: number;
  command: string | null;
  /** Start here (s into the recording); the beginning when absent. */
  at?: number;
  /** The command marker to highlight. */
  marker?: number;
}

export interface ReviewState {
  tab: ReviewTab;
  player: PlayerTarget | null;
}

let state: ReviewState = { tab: 'sessions', player: null };
const listeners = new Set<() => void>();

function set(next: Partial<ReviewState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

export const reviewStore = {
  get: () => state,
  show: (tab: ReviewTab) => set({ tab }),
  play: (player: PlayerTarget) => set({ tab: 'player', player }),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export const useReviewState = (): ReviewState => useSyncExternalStore(reviewStore.subscribe, reviewStore.get);
