// A running job's ETA: the hosts left times the time per finished host, where time counts only
// while the job runs and only hosts this runner saw finish count. A pause would otherwise stretch
// the time per host (an hour paused made the ETA hours long), and a finished job revived by *Retry
// failed* would divide a few milliseconds by every host it ever finished (an ETA of nothing).
export class JobEta {
  private runningMs = 0;
  /** When the current running stretch began; null while the job is not running. */
  private since: number | null = null;
  private finished = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The job started, resumed, paused or ended. */
  running(on: boolean): void {
    if (on && this.since === null) this.since = this.now();
    if (!on && this.since !== null) {
      this.runningMs += this.now() - this.since;
      this.since = null;
    }
  }

  hostFinished(): void {
    this.finished++;
  }

  /** Milliseconds until `left` more hosts finish at the pace so far; null when unknown or not running. */
  etaMs(left: number): number | null {
    if (this.since === null || this.finished === 0 || left === 0) return null;
    const ms = this.runningMs + (this.now() - this.since);
    return Math.round((ms / this.finished) * left);
  }
}
