// A running job's host counts, over the job and per wave, kept up to date as each host changes
// rather than recounted: the runner needs them after every host (thresholds, the counts in events,
// whether `ssh … batch` may print its summary), and a recount over all hosts each time made a
// 2,000-host job quadratic (the gateway's event loop busy counting instead of relaying).
import type { BatchCounts, BatchHostStatus } from '../../../shared/contract/gateway-api/batch';
import { BATCH_HOST_STATUSES } from '../../../shared/contract/gateway-api/batch';

export interface TalliedHost {
  status: BatchHostStatus;
  wave: number | null;
}

export const emptyCounts = (): BatchCounts => Object.fromEntries(BATCH_HOST_STATUSES.map((s) => [s, 0])) as BatchCounts;

export class HostTally {
  private readonly all = emptyCounts();
  private readonly byWave = new Map<number, BatchCounts>();
  private readonly waveSizes = new Map<number, number>();

  constructor(hosts: readonly TalliedHost[]) {
    for (const h of hosts) this.add(h, 1);
  }

  /** A host went from `before` to `after` (status, wave or both). */
  move(before: TalliedHost, after: TalliedHost): void {
    this.add(before, -1);
    this.add(after, 1);
  }

  /** Hosts in each state over the job (a copy). */
  counts(): BatchCounts {
    return { ...this.all };
  }

  count(status: BatchHostStatus): number {
    return this.all[status];
  }

  /** Hosts of wave `wave` in `status`. */
  inWave(wave: number, status: BatchHostStatus): number {
    return this.byWave.get(wave)?.[status] ?? 0;
  }

  /** How many hosts wave `wave` has. */
  waveSize(wave: number): number {
    return this.waveSizes.get(wave) ?? 0;
  }

  private add(h: TalliedHost, n: 1 | -1): void {
    this.all[h.status] += n;
    if (h.wave === null) return;
    const wave = this.byWave.get(h.wave) ?? this.byWave.set(h.wave, emptyCounts()).get(h.wave)!;
    wave[h.status] += n;
    this.waveSizes.set(h.wave, (this.waveSizes.get(h.wave) ?? 0) + n);
  }
}
