import { describe, expect, it } from 'vitest';
import { METRICS_LIMITS, METRICS_RANGES } from './gateway-api/metrics';
import { bytesPerSecond, RANGE_SECONDS, rangeStepSeconds } from './metrics-units';

describe('metrics units', () => {
  it('words bytes per second with decimal prefixes', () => {
    expect([0, 999, 1500, 2_345_678, 1e12, 150_000].map(bytesPerSecond)).toEqual(['0 B/s', '999 B/s', '1.5 kB/s', '2.3 MB/s', '1.0 TB/s', '150 kB/s']);
  });

  it('steps each range within the point limit, and no finer than needed', () => {
    expect(METRICS_RANGES.map(rangeStepSeconds)).toEqual([2, 7, 37, 145]);
    for (const range of METRICS_RANGES) {
      const step = rangeStepSeconds(range);
      expect(RANGE_SECONDS[range] / step + 1).toBeLessThanOrEqual(METRICS_LIMITS.maxPoints);
      expect(RANGE_SECONDS[range] / (step - 1) + 1).toBeGreaterThan(METRICS_LIMITS.maxPoints);
    }
  });
});
