// The sampler's ring of readings, as metrics.range serves it: only what it holds, one point per step.
import { describe, expect, it } from 'vitest';
import { METRICS_LIMITS } from '../../../../shared/contract/gateway-api/metrics';
import { createHistory } from './history';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('the SSH sampler history', () => {
  it('keeps the last `capacity` readings, the oldest dropped first', () => {
    const history = createHistory(3);
    for (let i = 1; i <= 5; i++) history.add(NOW - (6 - i) * 5000, [{ metric: 'cpu', value: i }]);
    expect(history.size).toBe(3);
    const { series } = history.range('15m', NOW);
    expect(series).toEqual([{ labels: { metric: 'cpu' }, points: expect.any(Array) }]);
    expect(series[0]!.points.map(([, v]) => v)).toEqual([3, 4, 5]);
  });

  it('gives one point per step (the last reading of it) and at most the point limit over a day of 5 s readings', () => {
    const history = createHistory(24 * 720);
    for (let t = NOW - 24 * 3_600_000; t <= NOW; t += 5000) history.add(t, [{ metric: 'disk_used', label: '/', value: t }]);
    const { window, series } = history.range('24h', NOW);
    expect(window.stepSec).toBe(145);
    const points = series[0]!.points;
    expect(points.length).toBeLessThanOrEqual(METRICS_LIMITS.maxPoints);
    for (const [at, value] of points) {
      expect((at / 1000 - window.startSec) % window.stepSec === 0 || at === window.endSec * 1000).toBe(true); // a step's end, or the window's
      expect(value).toBeLessThanOrEqual(at); // the reading at or before it
      expect(at - value).toBeLessThan(5000); // the last one of the step
    }
    expect(series[0]!.labels).toEqual({ metric: 'disk_used', label: '/' });
  });

  it('has nothing outside the window, and nothing at all with no room', () => {
    const history = createHistory(10);
    history.add(NOW - 20 * 60_000, [{ metric: 'memory', value: 50 }]);
    expect(history.range('15m', NOW).series).toEqual([]);
    const none = createHistory(0);
    none.add(NOW, [{ metric: 'memory', value: 50 }]);
    expect(none.size).toBe(0);
  });
});
