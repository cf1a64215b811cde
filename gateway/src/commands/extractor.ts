// Finds the command lines a user enters in an interactive shell, from the screen (a headless xterm
// following the session, see recording/screen.ts) rather than from keystrokes, so line editing
// (backspace, arrows, history, completion) comes out as the shell shows it.
//
// Where the command starts: when the first key of a line is typed, the cursor sits just after
// the prompt; a marker remembers that row (it follows scrolling) and the column. The line is
// taken when the shell echoes the newline after Enter: the text from that column to the end of
// the (possibly wrapped) line. Ctrl+C or Ctrl+D abandon the line; keys typed before the shell's
// answer to them (^C, newline, prompt) has fully arrived start a line *below* the abandoned one.
// Lines pasted together are typed before the shell has echoed the earlier ones: their start is
// found by stripping the prompt seen on the first line. Full-screen programs (alternate screen) are ignored.
import type { ScreenObserver, Terminal } from '../recording/screen';
import { firstRowOf, lineText, textFrom } from '../recording/screen-text';

export interface ExtractedCommand {
  /** When Enter was pressed (ms, the caller's clock). */
  at: number;
  /** Offset in the recording of the input event holding the Enter. */
  offset: number;
  command: string;
}

type Marker = NonNullable<ReturnType<Terminal['registerMarker']>>;
type Start =
  | { marker: Marker; col: number }
  /** Typed before the newline ending an abandoned line (marked) was shown: starts below it. */
  | { below: Marker }
  | 'after-prompt';

const MAX_COMMAND = 8192;

export class CommandExtractor implements ScreenObserver {
  /** A command is read back from the screen up to this long: the follower keeps the rows for it. */
  readonly scrollbackChars = MAX_COMMAND;
  private start: Start | undefined;
  private pending: Array<{ at: number; offset: number; start: Start | undefined }> = [];
  /** The text left of the input on the last line whose start was seen: the prompt. */
  private prompt = '';
  /** Enters typed whose echo is still to come: output is cut before newlines while > 0. */
  private enters = 0;
  /** The row where the last line was abandoned (Ctrl+C / Ctrl+D), until the next line starts. */
  private abandoned: Marker | undefined;

  typed(text: string): void {
    for (const ch of text) if (ch === '\r' || ch === '\n') this.enters++;
  }

  constructor(private readonly onCommand: (c: ExtractedCommand) => void) {}

  input(term: Terminal, text: string, at: number, offset: number): void {
    if (term.buffer.active.type === 'alternate') {
      // Enters in a full-screen program end no command line.
      for (const ch of text) if (ch === '\r' || ch === '\n') this.enters = Math.max(0, this.enters - 1);
      return;
    }
    for (const ch of text) {
      if (ch === '\x03' || ch === '\x04') {
        this.dropStart(); // the line being typed is abandoned; lines already entered stand
        this.abandoned?.dispose();
        this.abandoned = term.registerMarker(0);
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        this.pending.push({ at, offset, start: this.start });
        this.start = undefined;
        continue;
      }
      if (this.start) continue;
      if (this.pending.length > 0) {
        this.start = 'after-prompt';
        continue;
      }
      const buf = term.buffer.active;
      const abandoned = this.abandoned;
      this.abandoned = undefined;
      if (abandoned && !abandoned.isDisposed && abandoned.line === buf.baseY + buf.cursorY) {
        this.start = { below: abandoned };
        continue;
      }
      abandoned?.dispose();
      const marker = term.registerMarker(0);
      this.start = marker ? { marker, col: buf.cursorX } : 'after-prompt';
      // Typed ahead while a command still ran (cursor at column 0): the prompt comes later.
      if (buf.cursorX > 0) this.prompt = lineText(term, buf.baseY + buf.cursorY).slice(0, buf.cursorX);
    }
  }

  wantsNewline(): boolean {
    return this.enters > 0;
  }

  beforeNewline(term: Terminal): void {
    const entry = this.pending[0];
    if (!entry) return;
    const buf = term.buffer.active;
    const cursorRow = buf.baseY + buf.cursorY;
    const s = entry.start;
    let command: string;
    // Still the newline that ends the abandoned line: the command's own comes later.
    if (s && typeof s === 'object' && 'below' in s && !s.below.isDisposed && cursorRow <= s.below.line) return;
    if (s && typeof s === 'object' && 'marker' in s && !s.marker.isDisposed && s.marker.line >= 0 && s.marker.line <= cursorRow) {
      command = textFrom(term, s.marker.line, s.col);
      if (s.col === 0) command = this.stripPrompt(command);
    } else {
      const line = textFrom(term, firstRowOf(term, cursorRow), 0);
      // A line typed ahead (pasted): the earlier commands' output comes first; wait for the prompt.
      if (s === 'after-prompt' && this.prompt && !line.startsWith(this.prompt)) return;
      command = this.stripPrompt(line);
    }
    this.pending.shift();
    this.enters = Math.max(0, this.enters - 1);
    this.dispose(s);
    command = command.trim();
    if (command) this.onCommand({ at: entry.at, offset: entry.offset, command: command.slice(0, MAX_COMMAND) });
  }

  private stripPrompt(line: string): string {
    if (this.prompt && line.startsWith(this.prompt)) return line.slice(this.prompt.length);
    return line.replace(/^[^\n]*?[$#%>] /, '');
  }

  gap(): void {
    this.enters = 0;
    this.dropStart();
    this.abandoned?.dispose();
    this.abandoned = undefined;
    for (const p of this.pending.splice(0)) this.dispose(p.start);
  }

  private dropStart(): void {
    this.dispose(this.start);
    this.start = undefined;
  }

  private dispose(start: Start | undefined): void {
    if (start && typeof start === 'object') ('marker' in start ? start.marker : start.below).dispose();
  }
}
