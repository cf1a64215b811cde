// How a relayed session ended, as the session's lifecycle records it. Defined here, below the
// SSH adapter that produces it (ssh/relay.ts), so the core never imports the adapter.
export type ExitInfo = { code: number } | { signal: string; coreDumped: boolean; description: string };

export interface RelayResult {
  /** How the target's command ended; undefined when it ended without telling (or we closed first). */
  exit?: ExitInfo;
  /** Who ended the session. */
  endedBy: 'target' | 'client';
}
