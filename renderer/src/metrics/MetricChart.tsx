// One chart of the panel: a title with the latest values, and an echarts line chart over the
// range from start to end (time of day on the x axis, the unit on the y axis). It resizes with the panel.
import { Fragment, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAxis, formatTime, latestReadings, readingOf, type ChartModel, type Reading } from '../model/metrics-panel';
import { echarts, type ComposeOption, type EChartsType, type GridComponentOption, type LegendComponentOption, type LineSeriesOption, type TooltipComponentOption } from './echarts';
import type { ChartTheme } from './use-chart-theme';
import { chartShape, FEW_POINTS } from './chart-shape';


type Option = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

interface Props {
  chart: ChartModel;
  start: number;
  end: number;
  theme: ChartTheme;
}

export function MetricChart({ chart, start, end, theme }: Props) {
  const { t, i18n } = useTranslation('metrics');
  const box = useRef<HTMLDivElement | null>(null);
  const instance = useRef<EChartsType | null>(null);
  /** The shape (chart-shape.ts) of the option the chart holds: a live reading with the same one is merged. */
  const built = useRef('');
  const language = i18n.resolvedLanguage ?? 'en';
  const names = chart.lines.map((line) => t(line.nameKey, { label: line.label }));
  const read = ({ value, perCore }: Reading) => (perCore === undefined ? value : t('chart.loadReading', { load: value, perCore }));

  useEffect(() => {
    const el = box.current!;
    const made = echarts.init(el, undefined, { renderer: 'canvas' });
    instance.current = made;
    built.current = ''; // a new chart has no option yet
    // When the canvas was last drawn (performance.now()), for the benchmark's first paint.
    made.on('finished', () => {
      el.dataset.drawn = String(performance.now());
    });
    const observer = new ResizeObserver(() => made.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      made.dispose();
      instance.current = null;
    };
  }, []);

  useEffect(() => {
    const shape = chartShape(chart, names, theme, language);
    if (built.current === shape) {
      instance.current?.setOption({ xAxis: { min: start, max: end }, series: chart.lines.map((line) => ({ data: line.points as [number, number][] })) });
      return;
    }
    built.current = shape;
    const percent = chart.unit === 'percent';
    const option: Option = {
      animation: false,
      color: theme.lines,
      grid: { left: 8, right: 22, top: chart.lines.length > 1 ? 30 : 10, bottom: 4, containLabel: true },
      legend: { show: chart.lines.length > 1, type: 'scroll', top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: theme.muted, fontSize: 11, lineHeight: 14 }, pageTextStyle: { color: theme.muted }, pageIconSize: 10 },
      tooltip: {
        trigger: 'axis',
        backgroundColor: theme.tooltipBg,
        borderColor: theme.grid,
        textStyle: { color: theme.text, fontSize: 12 },
        valueFormatter: (value) => (typeof value === 'number' ? read(readingOf(chart, value)) : String(value)),
        axisPointer: { label: { formatter: ({ value }) => formatTime(Number(value), language, true) } },
      },
      xAxis: {
        type: 'time',
        min: start,
        max: end,
        splitNumber: 4,
        axisLabel: { color: theme.muted, fontSize: 10, hideOverlap: true, formatter: (value: number) => formatTime(value, language) },
        axisLine: { lineStyle: { color: theme.grid } },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        // 0, 50, 100: ticks of 30 put 90 % and 100 % on top of each other.
        ...(percent ? { max: 100, interval: 50 } : { splitNumber: 3 }),
        axisLabel: { color: theme.muted, fontSize: 10, formatter: (value: number) => formatAxis(chart.unit, value) },
        splitLine: { lineStyle: { color: theme.grid } },
      },
      series: chart.lines.map((line, i) => ({
        type: 'line',
        name: names[i],
        data: line.points as [number, number][],
        // A young series (a new exporter, a fresh lab) is a few points: dots, so it shows at all.
        showSymbol: line.points.length < FEW_POINTS,
        symbolSize: 3,
        connectNulls: false,
        lineStyle: { width: 1.5 },
        ...(chart.lines.length === 1 ? { areaStyle: { opacity: 0.15 } } : {}),
      })),
    };
    instance.current?.setOption(option, { notMerge: true });
    // The line colours it was drawn with: the e2e suite checks that the charts follow the theme.
    box.current!.dataset.lineColors = theme.lines.join(' ');
  });

  const latest = latestReadings(chart).map((r) => `${chart.lines.length > 1 ? `${names[r.line]} ` : ''}${read(r)}`);
  // Load over cores reads longer (the host's load and per core): on a line of its own, each reading whole.
  const long = chart.unit === 'load' && chart.cores !== undefined;
  const title = chart.id === 'load' && chart.cores ? t('chart.loadPerCore', { total: chart.cores }) : t(`chart.${chart.id}`);
  return (
    <section className="metrics-chart" data-testid={`metrics-chart-${chart.id}`} data-points={chart.lines[0]?.points.length ?? 0}>
      <header>
        <h3>{title}</h3>
        <span className={long ? 'metrics-latest metrics-latest-long' : 'metrics-latest'} title={latest.join('\n')} data-testid="metrics-latest">
          {latest.length
            ? latest.map((text, i) => (
                <Fragment key={i}>
                  {i > 0 && ' · '}
                  <span>{text}</span>
                </Fragment>
              ))
            : t('chartEmpty')}
        </span>
      </header>
      <div className="metrics-canvas" ref={box} />
    </section>
  );
}
