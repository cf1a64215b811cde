import { describe, expect, it } from 'vitest';
import { endMetricCell, loadedEndMetrics } from './batch-end-metrics';

const result = loadedEndMetrics({ job: 'j1', state: 'ok', hosts: [{ host: 'web-01', at: 1, cpu: 12.345, memory: 4.21 }, { host: 'web-02', at: 2, memory: 55 }] });

describe('the batch results\' metric columns', () => {
  it('show a host\'s value at its run end, as the metrics panel writes a percent', () => {
    expect(endMetricCell(result, 'web-01', 'cpu')).toEqual({ text: '12 %' });
    expect(endMetricCell(result, 'web-01', 'memory')).toEqual({ text: '4.2 %' });
  });

  it('leave a cell blank with the reason when the value is unknown', () => {
    expect(endMetricCell(result, 'web-02', 'cpu')).toEqual({ text: '', whyKey: 'results.metrics.unknown' });
    expect(endMetricCell(result, 'db-09', 'memory')).toEqual({ text: '', whyKey: 'results.metrics.unknown' });
    expect(endMetricCell(loadedEndMetrics({ job: 'j1', state: 'source_down', hosts: [] }), 'web-01', 'cpu')).toEqual({ text: '', whyKey: 'results.metrics.source_down' });
    expect(endMetricCell({ kind: 'failed', why: 'unavailable' }, 'web-01', 'cpu')).toEqual({ text: '', whyKey: 'results.metrics.unavailable' });
    expect(endMetricCell({ kind: 'loading' }, 'web-01', 'cpu').whyKey).toBe('results.metrics.loading');
    expect(endMetricCell({ kind: 'off' }, 'web-01', 'cpu')).toEqual({ text: '' });
  });
});
