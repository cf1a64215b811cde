import { describe, expect, it } from 'vitest';
import type { HealthReport, HostHealth } from '../../../shared/contract/gateway-api/metrics-health';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../shared/contract/host-health';
import { createHealthStore } from './health-store';

const report = (...hosts: HostHealth[]): HealthReport => ({ at: 1, thresholds: DEFAULT_HEALTH_THRESHOLDS, hosts });
const ok = (host: string, cpu = 10): HostHealth => ({ host, level: 'ok', state: 'ok', cpu, memory: 20, disk: 30 });

describe('the tree health store', () => {
  it('tells only the dots whose host or node changed', () => {
    const store = createHealthStore();
    store.setScreen([
      { kind: 'group', key: '["a"]' },
      { kind: 'host', key: '["a"]\u0000web-01', host: 'web-01' },
      { kind: 'host', key: '["a"]\u0000web-02', host: 'web-02' },
    ]);
    const calls: string[] = [];
    for (const key of ['web-01', 'web-02', '["a"]']) store.subscribe(key, () => calls.push(key));
    store.apply(report(ok('web-01'), ok('web-02')));
    expect(calls.sort()).toEqual(['["a"]', 'web-01', 'web-02']);
    calls.length = 0;
    // The same figures again: nothing re-renders. One host's CPU moves: its dot only (the node stays ok).
    store.apply(report(ok('web-01'), ok('web-02')));
    expect(calls).toEqual([]);
    store.apply(report(ok('web-01'), ok('web-02', 12)));
    expect(calls).toEqual(['web-02']);
    calls.length = 0;
    store.apply(report(ok('web-01'), { ...ok('web-02', 95), level: 'critical' }));
    expect(calls).toEqual(['web-02', '["a"]']);
    expect(store.group('["a"]')).toEqual({ level: 'critical', known: 2 });
  });
});
