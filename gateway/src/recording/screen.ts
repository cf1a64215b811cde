// Follows a session's screen in a headless xterm, off the data path: output is handed to xterm's
// own asynchronous write queue and nothing waits for it. Used for keyframes (a serialized screen
// every ~256 KB or ~10 s) and, for shells, by the command log (commands/extractor.ts).
//
// Output, input and resizes reach xterm in batches, in order, at most BATCH_MS after they arrive:
// each xterm write that finds its queue empty arms a timer of xterm's own, and with one write per
// keystroke that timer was a second wake-up of the gateway for every key typed.
//
// A flood must not make it the bottleneck: it accepts at most `budgetBytesPerSec` of output (and
// never more than MAX_BACKLOG unparsed); beyond that output is skipped, keeping only the tail, and
// when the budget allows again the terminal is reset and redrawn from that tail (a marked gap).
// While the flood lasts it is redrawn from the tail once per window (a keyframe each time) and
// nothing else is parsed: the screen between two gaps would be reset unseen anyway.
//
// Memory: every line xterm keeps costs ~12 bytes per column (a Uint32Array per line) plus its JS
// objects, so scrollback is what makes a follower big (200 lines at 120 columns: ~400 KiB once
// filled). Keyframes need only the screen; the command log needs the rows of its longest command
// above the cursor (observer.scrollbackChars), so scrollback is exactly that, per width.
import xtermHeadless from '@xterm/headless';
import serializeAddon from '@xterm/addon-serialize';

export const KEYFRAME_BYTES = 256 * 1024;
export const KEYFRAME_MS = 10_000;
const WINDOW_MS = 250;
const MAX_BACKLOG = 1024 * 1024;
const TAIL_BYTES = 32 * 1024;
const BATCH_MS = 20;
// xterm parses ~15-100 MB/s here (control floods are the slow end) and shares the event loop with
// the relay: 1 MB/s covers interactive use and costs the relay little during a flood.
export const DEFAULT_BUDGET = 1024 * 1024;

export type Terminal = InstanceType<typeof xtermHeadless.Terminal>;

/** What the command log plugs in: called in order with the terminal in the matching state. */
export interface ScreenObserver {
  /** The user typed `text` (called at once, before the terminal has caught up). */
  typed(text: string): void;
  /** The user typed `text`; the terminal now shows all output received before it. */
  input(term: Terminal, text: string, at: number, offset: number): void;
  /** Whether output should be cut before its next newline (a command line is about to be taken). */
  wantsNewline(): boolean;
  /** The terminal is just before a newline of output (only while wantsNewline()). */
  beforeNewline(term: Terminal): void;
  /** Output was skipped: whatever was being tracked is unreliable. */
  gap(): void;
  /** The longest logical line (characters) it may read back: the follower keeps enough scrollback for it. */
  readonly scrollbackChars?: number;
}

export interface ScreenOptions {
  cols: number;
  rows: number;
  /** Exec without a pty sends bare \n. */
  convertEol?: boolean;
  budgetBytesPerSec?: number;
  onKeyframe?(k: { t: number; offset: number; cols: number; rows: number; snapshot: string }): void;
  observer?: ScreenObserver;
}

/** A terminal's screen as ANSI text that redraws it. */
export interface ScreenSnapshot {
  cols: number;
  rows: number;
  snapshot: string;
}

export class ScreenFollower {
  readonly term: Terminal;
  private readonly serializer = new serializeAddon.SerializeAddon();
  private backlog = 0;
  private windowStart = 0;
  private windowBytes = 0;
  private windowOffered = 0;
  private skipping = false;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private tailOffset = 0;
  private tailT = 0;
  private resumeTimer: NodeJS.Timeout | undefined;
  private sinceKeyframe = 0;
  private lastKeyframe = 0;
  private disposed = false;
  /** What waits for the next batch, in arrival order; `queuedBytes` of it is output. */
  private queued: Array<() => void> = [];
  private queuedBytes = 0;
  private batchTimer: NodeJS.Timeout | undefined;
  /** Snapshots asked for and not yet taken: answered (undefined) if the follower is disposed first. */
  private snapshotWaiters = new Set<(screen: ScreenSnapshot | undefined) => void>();
  /** Output bytes skipped so far (flood protection). */
  skipped = 0;

  constructor(private readonly options: ScreenOptions) {
    this.term = new xtermHeadless.Terminal({ cols: options.cols, rows: options.rows, scrollback: this.scrollbackFor(options.cols), allowProposedApi: true, convertEol: options.convertEol ?? false });
    this.term.loadAddon(this.serializer as never);
  }

  /**
   * Target output; `offsetAfter` is where the next .cast event starts, `t` the event's time (ms
   * on the recording's clock): a keyframe after this output carries both.
   */
  output(data: Buffer, offsetAfter: number, t: number): void {
    if (this.disposed || data.length === 0) return;
    const now = performance.now();
    const budget = ((this.options.budgetBytesPerSec ?? DEFAULT_BUDGET) * WINDOW_MS) / 1000;
    if (now - this.windowStart >= WINDOW_MS) {
      // A flood that goes on (more offered in the last window than the budget): redraw from the
      // tail for this window's keyframe, then skip again. Feeding the window's budget would only
      // be parsed to be reset by the next gap: 288 KB of xterm work per window instead of 32 KB.
      const floodGoesOn = this.skipping && this.windowOffered > budget && this.backlog === 0 && this.queued.length === 0; // reset() is not queued
      this.windowStart = now;
      this.windowBytes = 0;
      this.windowOffered = 0;
      if (floodGoesOn) {
        this.resumeFromTail();
        this.windowBytes = budget;
      }
    }
    this.windowOffered += data.length;
    if (this.windowBytes + data.length > budget || this.backlog + this.queuedBytes > MAX_BACKLOG) {
      this.skip(data, offsetAfter, t);
      return;
    }
    if (this.skipping) this.resumeFromTail();
    this.windowBytes += data.length;
    this.later(() => this.feed(data, offsetAfter, t), data.length);
  }

  input(text: string, at: number, offset: number): void {
    const observer = this.options.observer;
    if (this.disposed || !observer || this.skipping) return;
    observer.typed(text);
    this.later(() => this.term.write('', () => observer.input(this.term, text, at, offset)));
  }

  resize(cols: number, rows: number): void {
    if (this.disposed) return;
    this.later(() =>
      this.term.write('', () => {
        if (this.disposed) return;
        this.term.options.scrollback = this.scrollbackFor(cols);
        this.term.resize(cols, rows);
      }),
    );
  }

  /**
   * Lines above the screen the observer may read back at `cols` columns; at least one even without
   * an observer: with no scrollback at all xterm's reflow on resize can leave a hole in its buffer
   * and throw from its write loop (a timer), which would take the whole gateway down.
   */
  private scrollbackFor(cols: number): number {
    return Math.max(1, Math.ceil((this.options.observer?.scrollbackChars ?? 0) / Math.max(1, cols)));
  }

  /** Resolves once everything handed over so far is parsed (at most MAX_BACKLOG of work). */
  settled(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.runQueued();
    return new Promise((resolve) => this.term.write('', resolve));
  }

  /**
   * The screen once everything handed over so far is parsed, and nothing handed over after: a live
   * watcher starts from it and then gets the output that follows (approximate during a flood, when
   * output is skipped, as keyframes are).
   */
  snapshot(): Promise<ScreenSnapshot | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.snapshotWaiters.add(resolve);
      this.later(() =>
        this.term.write('', () => {
          if (!this.snapshotWaiters.delete(resolve)) return;
          resolve({ cols: this.term.cols, rows: this.term.rows, snapshot: this.serializer.serialize({ scrollback: 0 }) });
        }),
      );
    });
  }

  dispose(): void {
    for (const resolve of this.snapshotWaiters) resolve(undefined);
    this.snapshotWaiters.clear();
    this.disposed = true;
    clearTimeout(this.resumeTimer);
    clearTimeout(this.batchTimer);
    this.queued = [];
    this.term.dispose();
  }

  /** Runs `step` (xterm work) with the next batch. */
  private later(step: () => void, outputBytes = 0): void {
    this.queued.push(step);
    this.queuedBytes += outputBytes;
    if (this.batchTimer) return;
    this.batchTimer = setTimeout(() => this.runQueued(), BATCH_MS);
    this.batchTimer.unref();
  }

  private runQueued(): void {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    const steps = this.queued;
    this.queued = [];
    this.queuedBytes = 0;
    for (const step of steps) step();
  }

  private feed(data: Buffer, offsetAfter: number, t: number): void {
    const observer = this.options.observer;
    let rest = data;
    // While a command line is pending, cut the output before each newline so the observer reads
    // the line as the shell left it (the newline may scroll it or the command may clear it); the
    // observer decides, with the screen in front of it, which newline ends the command.
    if (observer?.wantsNewline()) {
      let nl: number;
      while ((nl = rest.indexOf(0x0a)) !== -1) {
        this.write(rest.subarray(0, nl), () => observer.beforeNewline(this.term));
        this.write('\n');
        rest = rest.subarray(nl + 1);
      }
    }
    this.write(rest, () => this.maybeKeyframe(offsetAfter, t, data.length));
  }

  private write(data: string | Uint8Array, then?: () => void): void {
    this.backlog += data.length;
    this.term.write(data, () => {
      this.backlog -= data.length;
      if (!this.disposed) then?.();
    });
  }

  private skip(data: Buffer, offsetAfter: number, t: number): void {
    if (!this.skipping) {
      this.skipping = true;
      // In its place among the steps: input queued before the gap must not be tracked after it.
      const observer = this.options.observer;
      if (observer) this.later(() => this.term.write('', () => observer.gap()));
      // Catch up from the tail once the flood has passed, even if no more output comes.
      const retry = () => {
        if (this.disposed || !this.skipping) return;
        if (this.backlog + this.queuedBytes > MAX_BACKLOG) this.resumeTimer = setTimeout(retry, WINDOW_MS);
        else this.resumeFromTail();
      };
      this.resumeTimer = setTimeout(retry, WINDOW_MS);
    }
    this.tailOffset = offsetAfter;
    this.tailT = t;
    this.skipped += data.length;
    this.tail.push(data);
    this.tailBytes += data.length;
    while (this.tailBytes - this.tail[0]!.length >= TAIL_BYTES) this.tailBytes -= this.tail.shift()!.length;
  }

  private resumeFromTail(): void {
    clearTimeout(this.resumeTimer);
    this.skipping = false;
    let tail = Buffer.concat(this.tail);
    this.tail = [];
    this.tailBytes = 0;
    if (tail.length > TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
    const offset = this.tailOffset;
    const t = this.tailT;
    this.later(() => {
      this.term.reset();
      this.write(tail, () => this.maybeKeyframe(offset, t, tail.length, true)); // after a gap: always
    }, tail.length);
  }

  /** After `chars` of output were parsed: a keyframe when enough output or time has passed. */
  private maybeKeyframe(offset: number, now: number, chars: number, force = false): void {
    this.sinceKeyframe += chars;
    const onKeyframe = this.options.onKeyframe;
    if (!onKeyframe || (this.skipping && !force)) return; // forced: the screen after a redraw, valid in a flood
    if (!force && this.sinceKeyframe < KEYFRAME_BYTES && !(this.sinceKeyframe > 0 && now - this.lastKeyframe >= KEYFRAME_MS)) return;
    this.sinceKeyframe = 0;
    this.lastKeyframe = now;
    const snapshot = this.serializer.serialize({ scrollback: 0 });
    onKeyframe({ t: Number((now / 1000).toFixed(6)), offset, cols: this.term.cols, rows: this.term.rows, snapshot });
  }
}
