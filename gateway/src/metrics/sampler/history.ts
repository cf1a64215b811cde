// What a sampler has seen, for `metrics.range`: a ring of its last readings (at most `capacity`,
// the oldest dropped first). There is history only since the host's sampler started: the host
// keeps nothing, and the ring goes with the sampler when its last watcher has left.
import type { MetricsRange, MetricValue } from '../../../../shared/contract/gateway-api/metrics';
import type { PromSeries } from '../prometheus';
import { rangeWindow, type RangeWindow } from '../queries';

export interface History {
  add(at: number, values: MetricValue[]): void;
  /**
   * The readings within the last `range`, one point per step at most (the last reading of each
   * step, stamped at the step's end, or the window's end for its last part step), as series
   * shape.ts turns into the contract's.
   */
  range(range: MetricsRange, now: number): { window: RangeWindow; series: PromSeries[] };
  readonly size: number;
}

export function createHistory(capacity: number): History {
  const ring: Array<{ at: number; values: MetricValue[] }> = [];
  let next = 0; // where the next reading goes once the ring is full
  return {
    add(at, values) {
      if (capacity <= 0) return;
      if (ring.length < capacity) ring.push({ at, values });
      else {
        ring[next] = { at, values };
        next = (next + 1) % capacity;
      }
    },
    range(range, now) {
      const window = rangeWindow(range, now);
      const [start, end, step] = [window.startSec * 1000, window.endSec * 1000, window.stepSec * 1000];
      const byKey = new Map<string, { labels: Record<string, string>; points: Map<number, number> }>();
      const ordered = [...ring.slice(next), ...ring.slice(0, next)];
      for (const { at, values } of ordered) {
        if (at <= start || at > end) continue;
        const stepEnd = Math.min(end, start + Math.ceil((at - start) / step) * step); // a window need not be whole steps
        for (const v of values) {
          const key = `${v.metric}\u0000${v.label ?? ''}`;
          let entry = byKey.get(key);
          if (!entry) byKey.set(key, (entry = { labels: { metric: v.metric, ...(v.label !== undefined && { label: v.label }) }, points: new Map() }));
          entry.points.set(stepEnd, v.value); // readings come oldest first: the last of a step wins
        }
      }
      return { window, series: [...byKey.values()].map((e) => ({ labels: e.labels, points: [...e.points] })) };
    },
    get size() {
      return ring.length;
    },
  };
}
