// How many host runs of a job may be under way at once: a slow start. Starting `parallel`
// handshakes together on a small machine makes the first host answer only when most of them do
// (docs/BENCHMARKS.md, batch); starting with one and adding one for each run that has reached its
// host (or ended) lets the first line come early and doubles the width every round, up to
// `parallel`. The width also doubles with time alone, so hosts that never answer (each up to the
// upstream timeout) cannot hold the job at a narrow width.

/** Runs started at once when the job starts. */
export const RAMP_START = 1;
/** The width doubles at least this often, whatever the hosts do. */
export const RAMP_DOUBLING_MS = 1000;

/**
 * The width after `opened` runs reached their host or ended, `elapsedMs` after the first dispatch:
 * RAMP_START + opened, or RAMP_START doubled once per RAMP_DOUBLING_MS, whichever is wider; never
 * more than `limit` (the job's parallel), never less than one.
 */
export function rampWidth(limit: number, opened: number, elapsedMs: number): number {
  const byProgress = RAMP_START + opened;
  const doublings = Math.floor(Math.max(0, elapsedMs) / RAMP_DOUBLING_MS);
  const byTime = doublings >= 31 ? Number.POSITIVE_INFINITY : RAMP_START * 2 ** doublings;
  return Math.max(1, Math.min(limit, Math.max(byProgress, byTime)));
}

/** The next doubling by time (ms after the first dispatch: the width may grow then), or undefined once it is `limit`. */
export function nextWidening(limit: number, opened: number, elapsedMs: number): number | undefined {
  if (rampWidth(limit, opened, elapsedMs) >= limit) return undefined;
  return (Math.floor(Math.max(0, elapsedMs) / RAMP_DOUBLING_MS) + 1) * RAMP_DOUBLING_MS;
}

/** One job's ramp: counts the runs that opened, and answers the width now. */
export class Ramp {
  private opened = 0;
  private startedAt: number | undefined;

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The width now; the clock starts at the first call (the job's first dispatch). */
  width(): number {
    this.startedAt ??= this.now();
    return rampWidth(this.limit, this.opened, this.now() - this.startedAt);
  }

  /** Milliseconds to the next doubling by time, or undefined once the width is full. */
  msToWidening(): number | undefined {
    this.startedAt ??= this.now();
    const elapsed = this.now() - this.startedAt;
    const at = nextWidening(this.limit, this.opened, elapsed);
    return at === undefined ? undefined : at - elapsed;
  }

  /** A run reached its host (or ended without): one more may start. */
  open(): void {
    this.opened++;
  }
}
