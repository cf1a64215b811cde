import { describe, expect, it } from 'vitest';
import type { ChartModel } from '../model/metrics-panel';
import { chartShape, FEW_POINTS } from './chart-shape';
import type { ChartTheme } from './use-chart-theme';

const theme: ChartTheme = { text: '#eee', muted: '#999', grid: '#333', tooltipBg: '#222', lines: ['#6ea8fe', '#4fc285'] };
const points = (n: number, from = 0) => Array.from({ length: n }, (_, i) => [from + i * 5000, i] as [number, number]);
const cpu = (n: number, from = 0): ChartModel => ({ id: 'cpu', unit: 'percent', lines: [{ key: 'cpu', nameKey: 'line.cpu', points: points(n, from) }] });

describe("a chart's shape (what a live reading may merge into)", () => {
  it('stays the same when a live reading moves the points and the range', () => {
    expect(chartShape(cpu(180, 5000), ['CPU'], theme, 'en')).toBe(chartShape(cpu(180), ['CPU'], theme, 'en'));
    expect(chartShape(cpu(181), ['CPU'], theme, 'en')).toBe(chartShape(cpu(180), ['CPU'], theme, 'en'));
  });

  it('changes when the chart must be rebuilt: a line more, other names, theme, language or cores, or dots shown or not', () => {
    const base = chartShape(cpu(180), ['CPU'], theme, 'en');
    const twoLines: ChartModel = { ...cpu(180), lines: [...cpu(180).lines, { key: 'cpu:2', nameKey: 'line.cpu', points: points(180) }] };
    expect(chartShape(twoLines, ['CPU', 'CPU'], theme, 'en')).not.toBe(base);
    expect(chartShape(cpu(180), ['处理器'], theme, 'en')).not.toBe(base);
    expect(chartShape(cpu(180), ['CPU'], { ...theme, grid: '#ccc' }, 'en')).not.toBe(base);
    expect(chartShape(cpu(180), ['CPU'], theme, 'zh-CN')).not.toBe(base);
    expect(chartShape(cpu(FEW_POINTS - 1), ['CPU'], theme, 'en')).not.toBe(chartShape(cpu(FEW_POINTS), ['CPU'], theme, 'en'));
    expect(chartShape({ ...cpu(180), unit: 'bytes' }, ['CPU'], theme, 'en')).not.toBe(base);
    // Load's tooltip reads a point times the host's cores.
    expect(chartShape({ ...cpu(180), unit: 'load', cores: 4 }, ['CPU'], theme, 'en')).not.toBe(chartShape({ ...cpu(180), unit: 'load', cores: 2 }, ['CPU'], theme, 'en'));
  });
});
