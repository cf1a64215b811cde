// Units of host metrics that both the gateway (`ssh … metrics`) and the client's panel show, and
// the range → step rule both sides share, so a number reads the same everywhere.
import { METRICS_LIMITS, type MetricsRange } from './gateway-api/metrics';

export const RANGE_SECONDS: Record<MetricsRange, number> = { '15m': 900, '1h': 3600, '6h': 6 * 3600, '24h': 24 * 3600 };

/** The smallest whole-second step that keeps a series of `range` within the point limit (Prometheus returns span / step + 1 points). */
export function rangeStepSeconds(range: MetricsRange): number {
  return Math.max(1, Math.ceil(RANGE_SECONDS[range] / (METRICS_LIMITS.maxPoints - 1)));
}

const BYTE_RATE_UNITS = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s'] as const;

/** Bytes per second with decimal prefixes: `999 B/s`, `1.5 kB/s`, `230 MB/s`. */
export function bytesPerSecond(value: number): string {
  let n = value;
  let unit = 0;
  while (Math.abs(n) >= 1000 && unit < BYTE_RATE_UNITS.length - 1) {
    n /= 1000;
    unit++;
  }
  return `${n.toFixed(unit === 0 || Math.abs(n) >= 100 ? 0 : 1)} ${BYTE_RATE_UNITS[unit]}`;
}

/** The value of the point nearest `at` (ms) of a series' `[ms, value]` points; undefined without points. */
export function valueNearest(points: ReadonlyArray<readonly [number, number]>, at: number): number | undefined {
  let best: readonly [number, number] | undefined;
  for (const point of points) if (!best || Math.abs(point[0] - at) < Math.abs(best[0] - at)) best = point;
  return best?.[1];
}
