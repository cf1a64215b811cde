// The recording player: its own read-only xterm (not a terminal session: no flow control), fed by a
// Playhead that seeks from the gateway's keyframes and fetches chunks as playback reaches them.
import '@xterm/xterm/css/xterm.css';
import { Terminal } from '@xterm/xterm';
import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import { REVIEW_MAX_CHUNK_BYTES } from '../../../shared/contract/gateway-api/review';
import { PlayerStrip } from '../metrics';
import { errorText } from '../ui';
import { ExportBar } from './ExportBar';
import { markFramePainted } from './frame-painted';
import { OutputSearch } from './output-search';
import { Playhead, type ChunkSource } from './playhead';
import type { PlayerTarget } from './review-store';
import { xtermScreen } from './screen-ops';
import { FIT_MAX_FONT, fittedFontSize } from './screen-fit';
import { SeekMarkers } from './SeekMarkers';
import { clockText, plain } from './session-row-text';
import { advance, playerKey, SPEEDS, type Marker } from './timeline';

interface Header {
  width: number;
  height: number;
  duration: number;
  live: boolean;
  commands: Marker[];
}

const NO_MARKERS: Marker[] = [];

/** Keystrokes as text a person reads: Enter as ⏎, other control keys as ^X. */
const keysText = (typed: string) => typed.replace(/\r/g, '⏎\n').replace(/[\x00-\x09\x0b-\x1f\x7f]/g, (c) => (c === '\x7f' ? '⌫' : `^${String.fromCharCode(c.charCodeAt(0) + 64)}`));

export function Player({ api, target }: { api: PortcullisApi; target: PlayerTarget }) {
  const { t } = useTranslation('review');
  const screenRef = useRef<HTMLDivElement>(null);
  const head = useRef<Playhead | null>(null);
  const term = useRef<Terminal | null>(null);
  const busy = useRef<Promise<void>>(Promise.resolve());
  const [header, setHeader] = useState<Header | null>(null);
  const [pos, setPos] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [idleCap, setIdleCap] = useState(2);
  const [typed, setTyped] = useState('');
  const [marker, setMarker] = useState<number | undefined>(target.marker);
  const [error, setError] = useState('');
  const [find, setFind] = useState({ query: '', matches: [] as number[], searching: false, done: false });
  const settings = useRef({ speed, idleCap, playing });
  settings.current = { speed, idleCap, playing };

  const fetchChunk: ChunkSource = useCallback((ask) => api.request('review.recording.chunk', { sessionId: target.sessionId, ...ask, maxBytes: REVIEW_MAX_CHUNK_BYTES }), [api, target.sessionId]);

  const sync = () => {
    const h = head.current;
    if (!h) return;
    setPos(h.pos);
    setTyped(h.typed);
  };

  /** Runs playhead work one at a time (a seek waits for a step in flight, then wins). */
  const queue = useCallback((work: (h: Playhead) => Promise<void>) => {
    busy.current = busy.current.then(async () => {
      if (!head.current) return;
      try {
        await work(head.current);
      } catch (e) {
        setError(t('error', { message: errorText(e) }));
        setPlaying(false);
      }
      sync();
    });
    return busy.current;
  }, [t]);

  const seek = useCallback((to: number, markerId?: number) => {
    setMarker(markerId);
    const done = queue((h) => h.seek(to));
    if (term.current) void markFramePainted(term.current, done, { to, opening: false });
    return done;
  }, [queue]);

  useEffect(() => {
    const xterm = new Terminal({ disableStdin: true, cursorBlink: false, scrollback: 1000, fontSize: FIT_MAX_FONT, allowProposedApi: true });
    term.current = xterm;
    xterm.open(screenRef.current!);
    let gone = false;
    void (async () => {
      try {
        const h = await api.request('review.recording.open', { sessionId: target.sessionId });
        if (gone) return;
        xterm.resize(h.width, h.height);
        head.current = new Playhead(fetchChunk, xtermScreen(xterm));
        setHeader(h);
        const opened = queue((p) => p.seek(target.at ?? 0));
        void markFramePainted(xterm, opened, { to: target.at ?? 0, opening: true });
        await opened;
      } catch (e) {
        setError(t('error', { message: errorText(e) }));
      }
    })();
    return () => {
      gone = true;
      head.current = null;
      xterm.dispose();
    };
  }, [api, target, fetchChunk, queue, t]);

  // The screen keeps the recording's columns and rows: the font follows the room the window gives it.
  useEffect(() => {
    const room = screenRef.current;
    const drawn = room?.querySelector<HTMLElement>('.xterm-screen');
    const xterm = term.current;
    if (!room || !drawn || !xterm) return;
    const refit = () => {
      const style = getComputedStyle(room);
      const padding = { x: parseFloat(style.paddingLeft) + parseFloat(style.paddingRight), y: parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) };
      const font = fittedFontSize(xterm.options.fontSize ?? FIT_MAX_FONT, { width: drawn.offsetWidth, height: drawn.offsetHeight }, { width: room.clientWidth - padding.x, height: room.clientHeight - padding.y });
      if (font !== xterm.options.fontSize) xterm.options.fontSize = font;
    };
    const observer = new ResizeObserver(refit);
    observer.observe(room);
    observer.observe(drawn);
    return () => observer.disconnect();
  }, [header]);

  // Playback: each frame moves the clock (speed, idle cap) and shows the events up to it.
  useEffect(() => {
    if (!playing || !header) return;
    let last = performance.now();
    let frame = 0;
    let stepping = false;
    const tick = (now: number) => {
      frame = requestAnimationFrame(tick);
      const h = head.current;
      if (!h || stepping) return;
      const { speed: s, idleCap: cap } = settings.current;
      const to = Math.min(header.duration, advance({ pos: h.pos, wallDt: (now - last) / 1000, speed: s, idleCap: cap, lastEventT: h.lastEventT, nextEventT: h.nextEventT }));
      last = now;
      stepping = true;
      void queue((p) => p.playTo(to)).then(() => {
        stepping = false;
        if (to >= header.duration && !header.live) setPlaying(false);
      });
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, header, queue]);

  const toggle = () => {
    if (!playing && header && pos >= header.duration) void seek(0).then(() => setPlaying(true));
    else setPlaying(!playing);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const tag = (e.target as HTMLElement).tagName;
    if (!header || tag === 'INPUT' || tag === 'SELECT' || tag === 'BUTTON') return;
    const action = playerKey(e, { pos, duration: header.duration, markers: header.commands });
    if (action.kind === 'none') return;
    e.preventDefault();
    if (action.kind === 'toggle') toggle();
    else void seek(action.to, action.marker);
  };

  // Search the output: chunks from the start, scanned as they come, each match a time to jump to.
  async function runFind(query: string) {
    const search = new OutputSearch(query);
    setFind({ query, matches: [], searching: true, done: false });
    let chunk = await fetchChunk({ from: 0 });
    for (;;) {
      const more = search.feed(chunk.events);
      setFind({ query, matches: [...search.matches], searching: true, done: false });
      if (!more || chunk.next === null || chunk.events.length === 0) break;
      chunk = await fetchChunk({ cursor: chunk.next });
    }
    setFind({ query, matches: search.matches, searching: false, done: true });
    const first = search.matches[0];
    if (first !== undefined) void seek(first);
  }
  const nextMatch = () => {
    const m = find.matches.find((x) => x > pos + 0.001) ?? find.matches[0];
    if (m !== undefined) void seek(m);
  };
  const copy = () => {
    const text = term.current?.getSelection() ?? '';
    if (text) void navigator.clipboard?.writeText(text).catch(() => {});
  };

  const duration = header?.duration ?? 0;
  return (
    <div className="review-player" tabIndex={0} onKeyDown={onKeyDown} aria-label={t('player.label', { target: `${target.login}@${target.host}` })} data-testid="review-player" data-pos={pos.toFixed(3)} data-playing={playing} data-selected-marker={marker ?? ''}>
      <div className="review-player-title">
        {plain(`${target.user} → ${target.login}@${target.host}`)} {header?.live && <em>{t('player.live')}</em>}
      </div>
      {error && <p className="review-error" role="alert">{error}</p>}
      {!header && !error && <p>{t('player.loading')}</p>}
      <div className="review-stage">
        <div className="review-screen" ref={screenRef} data-testid="review-screen" />
        <aside className="review-input" aria-label={t('player.input')} data-testid="review-input">
          <h3>{t('player.input')}</h3>
          <pre>{typed ? keysText(typed) : t('player.noInput')}</pre>
        </aside>
      </div>
      <div className="review-seekbar">
        <input type="range" min={0} max={duration || 1} step={0.01} value={Math.min(pos, duration)} aria-label={t('player.seek')} data-testid="review-seek" onChange={(e) => void seek(Number(e.target.value))} />
        <SeekMarkers commands={header?.commands ?? NO_MARKERS} duration={duration} selected={marker} onSeek={seek} />
      </div>
      {header && (
        <Suspense fallback={null}>
          <PlayerStrip api={api} sessionId={target.sessionId} pos={pos} duration={duration} onSeek={(to) => void seek(to)} />
        </Suspense>
      )}
      <div className="review-controls">
        <button type="button" onClick={toggle} disabled={!header} data-testid="review-play">
          {playing ? t('player.pause') : t('player.play')}
        </button>
        <span className="review-clock" data-testid="review-clock">
          {clockText(pos)} / {clockText(duration)}
        </span>
        <label>
          {t('player.speed')}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="review-speed">
            {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
        <label>
          {t('player.idleCap')}
          <input type="number" min={0} max={3600} step={0.5} value={idleCap} onChange={(e) => setIdleCap(Math.max(0, Number(e.target.value) || 0))} className="review-number" />
        </label>
        <button type="button" onClick={copy}>{t('window.copy')}</button>
        <form
          className="review-find"
          onSubmit={(e) => {
            e.preventDefault();
            const q = (e.currentTarget.elements.namedItem('q') as HTMLInputElement).value;
            if (q) void runFind(q).catch((err) => setError(t('error', { message: errorText(err) })));
          }}
        >
          <input name="q" placeholder={t('player.find')} aria-label={t('player.find')} data-testid="review-find" />
          <button type="button" onClick={nextMatch} disabled={find.matches.length === 0}>{t('player.findNext')}</button>
          <span data-testid="review-find-count">
            {find.searching ? t('player.searching') : find.done ? (find.matches.length ? t('player.matches', { count: find.matches.length }) : t('player.noMatch')) : ''}
          </span>
        </form>
      </div>
      <p className="review-keys">{t('player.keys')}</p>
      <ExportBar api={api} target={target} />
    </div>
  );
}
