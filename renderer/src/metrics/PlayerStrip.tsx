// The host's metrics under the review player: CPU and memory used % over the session's time range
// (review.session.metrics), a cursor at the playhead that follows playback, and a click or drag on
// the strip that seeks the player. Hidden when the gateway keeps no metrics history; no data,
// source down and not permitted are said in words. Lives in the metrics chunk: it shares echarts.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { SessionMetrics } from '../../../shared/contract/gateway-api/review';
import type { MetricsState } from '../../../shared/contract/gateway-api/metrics';
import { valueNearest } from '../../../shared/contract/metrics-units';
import { formatTime, formatValue, stateKey, stateOfRangeError } from '../model/metrics-panel';
import { cursorFraction, posAtFraction, type StripScale } from '../model/player-strip';
import { errorText } from '../ui';
import { echarts, type ComposeOption, type EChartsType, type GridComponentOption, type LineSeriesOption } from './echarts';
import { useChartTheme } from './use-chart-theme';

/** The plot's margins in the strip (px): the cursor layer lies exactly over the plot. */
const GRID = { left: 40, right: 10, top: 6, bottom: 18 } as const;
const LINES = ['cpu', 'memory'] as const;

type Loaded = { kind: 'loading' } | { kind: 'hidden' } | { kind: 'error'; message: string } | { kind: 'state'; state: Exclude<MetricsState, 'ok'> } | { kind: 'ok'; data: SessionMetrics };

interface Props {
  api: PortcullisApi;
  sessionId: string;
  /** The playhead (s into the recording) and the recording's length. */
  pos: number;
  duration: number;
  onSeek: (pos: number) => void;
}

/** Shown or folded, for every session opened in this window (a reviewer's choice, not a session's). */
let folded = false;

export function PlayerStrip({ api, sessionId, pos, duration, onSeek }: Props) {
  const { t } = useTranslation('metrics');
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [open, setOpen] = useState(!folded);

  useEffect(() => {
    let gone = false;
    setLoaded({ kind: 'loading' });
    api.request('review.session.metrics', { sessionId }).then(
      (data) => !gone && setLoaded(data.state === 'ok' ? { kind: 'ok', data } : { kind: 'state', state: data.state }),
      (error: unknown) => {
        if (gone) return;
        const code = (error as { code?: unknown }).code;
        if (code === 'unavailable') setLoaded({ kind: 'hidden' });
        else if (stateOfRangeError(error)) setLoaded({ kind: 'state', state: 'not_permitted' });
        else setLoaded({ kind: 'error', message: errorText(error) });
      },
    );
    return () => {
      gone = true;
    };
  }, [api, sessionId]);

  if (loaded.kind === 'hidden') return null;
  const toggle = () => {
    folded = open;
    setOpen(!open);
  };
  return (
    <section className="player-strip" aria-label={t('strip.label')} data-testid="player-strip" data-state={loaded.kind === 'ok' ? 'ok' : loaded.kind === 'state' ? loaded.state : loaded.kind}>
      <header>
        <button type="button" className="player-strip-toggle" aria-expanded={open} onClick={toggle} data-testid="player-strip-toggle">
          {open ? '▾' : '▸'} {t('strip.title')}
        </button>
        {open && loaded.kind === 'ok' && <Figures data={loaded.data} pos={pos} />}
        {open && loaded.kind === 'ok' && <Legend />}
      </header>
      {open && loaded.kind === 'loading' && <p className="player-strip-note">{t('loading')}</p>}
      {open && loaded.kind === 'error' && <p className="player-strip-note" role="alert">{t('failed', { error: loaded.message })}</p>}
      {open && loaded.kind === 'state' && <p className="player-strip-note" data-testid="player-strip-state">{t(stateKey(loaded.state))}</p>}
      {open && loaded.kind === 'ok' && <StripChart data={loaded.data} pos={pos} duration={duration} onSeek={onSeek} />}
    </section>
  );
}

/** CPU and memory at the playhead, in words beside the title. */
function Figures({ data, pos }: { data: SessionMetrics; pos: number }) {
  const { t, i18n } = useTranslation('metrics');
  const at = data.startedAt + pos * 1000;
  const parts = LINES.flatMap((metric) => {
    const value = valueNearest(data.series.find((s) => s.metric === metric)?.points ?? [], at);
    return value === undefined ? [] : [`${t(`chart.${metric}`)} ${formatValue('percent', value)}`];
  });
  return (
    <span className="player-strip-figures" data-testid="player-strip-figures">
      {formatTime(at, i18n.resolvedLanguage ?? 'en', true)} · {parts.length ? parts.join(' · ') : t('chartEmpty')}
    </span>
  );
}

/** Which colour is which line (the chart's own legend would sit on the lines of so short a strip). */
function Legend() {
  const { t } = useTranslation('metrics');
  const theme = useChartTheme();
  return (
    <span className="player-strip-legend" aria-hidden="true">
      {LINES.map((metric, i) => (
        <span key={metric}>
          <i style={{ background: theme.lines[i] }} />
          {t(`chart.${metric}`)}
        </span>
      ))}
    </span>
  );
}

type Option = ComposeOption<LineSeriesOption | GridComponentOption>;

function StripChart({ data, pos, duration, onSeek }: { data: SessionMetrics; pos: number; duration: number; onSeek: (pos: number) => void }) {
  const { t, i18n } = useTranslation('metrics');
  const theme = useChartTheme();
  const box = useRef<HTMLDivElement | null>(null);
  const chart = useRef<EChartsType | null>(null);
  const layer = useRef<HTMLDivElement | null>(null);
  /** Where a drag is (s): the cursor follows the pointer, the player seeks where it is let go. */
  const [dragPos, setDragPos] = useState<number | null>(null);
  const scale: StripScale = { startedAt: data.startedAt, start: data.start, end: data.end, duration };
  const language = i18n.resolvedLanguage ?? 'en';

  useEffect(() => {
    const made = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = made;
    const observer = new ResizeObserver(() => made.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      made.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const option: Option = {
      animation: false,
      color: theme.lines,
      grid: { ...GRID, containLabel: false },
      xAxis: {
        type: 'time',
        min: data.start,
        max: data.end,
        splitNumber: 4,
        axisLabel: { color: theme.muted, fontSize: 10, hideOverlap: true, formatter: (value: number) => formatTime(value, language, data.end - data.start < 600_000) },
        axisLine: { lineStyle: { color: theme.grid } },
        splitLine: { show: false },
      },
      yAxis: { type: 'value', min: 0, max: 100, interval: 50, axisLabel: { color: theme.muted, fontSize: 10, formatter: (value: number) => `${value} %` }, splitLine: { lineStyle: { color: theme.grid } } },
      series: LINES.map((metric) => ({
        type: 'line',
        name: t(`chart.${metric}`),
        data: (data.series.find((s) => s.metric === metric)?.points ?? []) as [number, number][],
        showSymbol: false,
        lineStyle: { width: 1.5 },
      })),
    };
    chart.current?.setOption(option, { notMerge: true });
  }, [data, theme, language, t]);

  const posAt = (clientX: number) => {
    const rect = layer.current!.getBoundingClientRect();
    return posAtFraction(rect.width > 0 ? (clientX - rect.left) / rect.width : 0, scale);
  };
  const shown = dragPos ?? pos;
  return (
    <div className="player-strip-plot">
      <div className="player-strip-canvas" ref={box} />
      <div
        ref={layer}
        className="player-strip-layer"
        style={{ left: GRID.left, right: GRID.right, top: GRID.top, bottom: GRID.bottom }}
        role="slider"
        tabIndex={-1}
        aria-label={t('strip.seek')}
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        aria-valuenow={Math.round(shown)}
        data-testid="player-strip-seek"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          setDragPos(posAt(e.clientX));
        }}
        onPointerMove={(e) => {
          if (dragPos !== null) setDragPos(posAt(e.clientX));
        }}
        onPointerUp={(e) => {
          if (dragPos === null) return;
          setDragPos(null);
          onSeek(posAt(e.clientX));
        }}
        onPointerCancel={() => setDragPos(null)}
      >
        <div className="player-strip-cursor" style={{ left: `${cursorFraction(shown, scale) * 100}%` }} data-testid="player-strip-cursor" data-fraction={cursorFraction(shown, scale).toFixed(4)} />
      </div>
    </div>
  );
}
