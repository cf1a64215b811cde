// How a relayed session ended, as the session's lifecycle records it. Defined here, below the
// session core's relay that produces it (sessions/core/relay.ts).
import type { EndCause } from './end-cause';

export type ExitInfo = { code: number } | { signal: string; coreDumped: boolean; description: string };

/** Who ended the session and why, and how the target's command ended (undefined when it did not tell, or we closed first). */
export interface RelayResult extends EndCause {
  exit?: ExitInfo;
}
