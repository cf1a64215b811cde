// What a chart's full echarts option is built from, besides its points and its range: while this
// stays the same, a live reading only moves the points and the range (merged into the chart), and
// the chart is not rebuilt (axes, legend and tooltip made anew, times six charts a panel).
import type { ChartModel } from '../model/metrics-panel';
import type { ChartTheme } from './use-chart-theme';

/** Below this many points a line also draws its points. */
export const FEW_POINTS = 20;

export function chartShape(chart: ChartModel, names: readonly string[], theme: ChartTheme, language: string): string {
  return JSON.stringify([chart.unit, chart.cores, chart.lines.length, names, theme, language, chart.lines.map((line) => line.points.length < FEW_POINTS)]);
}
