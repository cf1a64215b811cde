// Time the hypervisor ran something else while this VM's vCPUs wanted to run (/proc/stat "steal").
// On the 2-core VM the benches run on it comes in bursts that stall whichever process is running
// for milliseconds, so the echo tail and the throughput runs move with it: the benches print the
// steal share of each path's measured time beside their figures.
import { readFileSync } from 'node:fs';

/** The all-CPU line of /proc/stat, in clock ticks: everything, and steal (the 8th value). */
function cpuTicks(): { total: number; steal: number } {
  const values = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  // guest and guest_nice (9th, 10th) are already counted in user and nice.
  return { total: values.slice(0, 8).reduce((a, b) => a + b, 0), steal: values[7] ?? 0 };
}

/** Adds up the steal share over the intervals between start() and stop(). */
export class StealMeter {
  private total = 0;
  private steal = 0;
  private started: { total: number; steal: number } | null = null;

  start(): void {
    this.started = cpuTicks();
  }

  stop(): void {
    if (!this.started) return;
    const now = cpuTicks();
    this.total += now.total - this.started.total;
    this.steal += now.steal - this.started.steal;
    this.started = null;
  }

  /** Steal as a percentage of all CPU time in the measured intervals (NaN before any). */
  get percent(): number {
    return this.total > 0 ? (100 * this.steal) / this.total : NaN;
  }
}

/** One meter per name (per path). */
export function stealMeters<K extends string>(names: readonly K[]): Record<K, StealMeter> {
  return Object.fromEntries(names.map((name) => [name, new StealMeter()])) as Record<K, StealMeter>;
}
