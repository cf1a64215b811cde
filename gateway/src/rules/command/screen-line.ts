// The line being typed as the shell shows it: a headless xterm follows the shell's output (with
// the recording's flood budget), the cursor's place when the line's first key arrives marks where
// the line starts (just after the prompt), and the line is read from there to the end of its
// wrapped rows — or, when its first key was typed before the prompt was drawn, the cursor's line
// without its prompt. The line gate asks for it when the keys alone cannot tell what is on the line
// (history, completion: typed-line.ts). What the shell never echoes (`stty -echo`) is not seen.
import type { Readable } from 'node:stream';
import { ScreenFollower, type ScreenObserver, type Terminal } from '../../recording/screen';
import { firstRowOf, lineText, textFrom } from '../../recording/screen-text';

type Marker = NonNullable<ReturnType<Terminal['registerMarker']>>;

/** How long the shell's output must pause before the screen is read, and the longest wait. */
export const SCREEN_QUIET_MS = 60;
export const SCREEN_WAIT_MAX_MS = 500;
/** A line is read back up to this long (the follower keeps the rows for it). */
const MAX_CHARS = 16 * 1024;

export interface ScreenLineOptions {
  cols: number;
  rows: number;
  shellOutput: Readable;
  quietMs?: number;
  waitMaxMs?: number;
}

export class ScreenLine implements ScreenObserver {
  readonly scrollbackChars = MAX_CHARS;
  private readonly follower: ScreenFollower;
  private start: { marker: Marker; col: number } | undefined;
  /** The next key starts a line (its start is marked when the screen has caught up with it). */
  private fresh = true;
  private lastOutput = 0;
  /** The text left of the last line read where its start was seen: the prompt. */
  private prompt = '';
  private readonly onOutput = (d: Buffer) => {
    this.lastOutput = performance.now();
    this.follower.output(d, 0, 0);
  };

  constructor(private readonly options: ScreenLineOptions) {
    this.follower = new ScreenFollower({ cols: options.cols, rows: options.rows, observer: this });
    options.shellOutput.on('data', this.onOutput);
  }

  /** A key of the line was sent to the shell. */
  keyTyped(): void {
    if (!this.fresh) return;
    this.fresh = false;
    this.follower.input('k', 0, 0);
  }

  /** The line ended (Enter, Ctrl+C): the next key starts another. */
  lineEnded(): void {
    this.fresh = true;
    this.follower.input('\r', 0, 0);
  }

  resize(cols: number, rows: number): void {
    this.follower.resize(cols, rows);
  }

  /** The line from its start to the end of its rows, once the output has paused; undefined if unknown. */
  async read(): Promise<string | undefined> {
    const quiet = this.options.quietMs ?? SCREEN_QUIET_MS;
    const until = performance.now() + (this.options.waitMaxMs ?? SCREEN_WAIT_MAX_MS);
    for (;;) {
      const now = performance.now();
      const waitFor = Math.min(this.lastOutput + quiet, until) - now;
      if (waitFor <= 0) break;
      await new Promise((r) => setTimeout(r, waitFor));
    }
    await this.follower.settled();
    const term = this.follower.term;
    const buf = term.buffer.active;
    if (buf.type === 'alternate') return undefined;
    // The line editor's line is where the cursor is once the output has settled.
    const row = firstRowOf(term, buf.baseY + buf.cursorY);
    const s = this.start;
    if (s && !s.marker.isDisposed && s.marker.line >= 0 && firstRowOf(term, s.marker.line) === row) {
      this.prompt = s.marker.line === row ? lineText(term, row).slice(0, s.col) : this.prompt;
      return textFrom(term, s.marker.line, s.col);
    }
    // Typed ahead of the prompt (its first key arrived before the shell had drawn the prompt): the
    // start was marked on an earlier line; the prompt is cut off as last seen, or up to `$ `/`# `.
    const text = textFrom(term, row, 0);
    if (this.prompt && text.startsWith(this.prompt)) return text.slice(this.prompt.length);
    return text.replace(/^[^\n]*?[$#%>] /, '');
  }

  dispose(): void {
    this.options.shellOutput.off('data', this.onOutput);
    this.dropStart();
    this.follower.dispose();
  }

  // ScreenObserver: called in order with the terminal as it was when each key arrived.
  typed(): void {}

  input(term: Terminal, text: string): void {
    if (text === '\r') return this.dropStart();
    const buf = term.buffer.active;
    this.dropStart();
    if (buf.type === 'alternate') return;
    const marker = term.registerMarker(0);
    if (marker) this.start = { marker, col: buf.cursorX };
  }

  wantsNewline(): boolean {
    return false;
  }

  beforeNewline(): void {}

  gap(): void {
    this.dropStart(); // output was skipped: where the line starts is no longer known
  }

  private dropStart(): void {
    this.start?.marker.dispose();
    this.start = undefined;
  }
}
