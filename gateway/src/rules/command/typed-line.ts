// The line a shell's line editor holds, rebuilt from the keys the user sends it, with the cursor:
// what readline (bash), zle (zsh) and a terminal's own line discipline do with the editing keys
// they share — insert at the cursor, Backspace and Delete, Home/End (Ctrl+A/E), the arrows and
// Ctrl+B/F, Ctrl+K/U/W. So `ouch x`, Home, `t` is read as `touch x`, as the shell runs it.
//
// Keys whose effect depends on the shell's state cannot be followed from the keys: history (Up,
// Down, Ctrl+P/N/R), completion (Tab), yank, word motions whose idea of a word differs between
// shells, undo, and any key or sequence not listed here. After one of them the line is marked
// *uncertain*: the gate then also reads the line from the screen (screen-line.ts).

const MAX_LINE = 16 * 1024;

type Edit = (line: TypedLine) => void;

const CONTROL: Record<string, Edit> = {
  '\x01': (l) => l.home(),
  '\x02': (l) => l.move(-1),
  '\x05': (l) => l.end(),
  '\x06': (l) => l.move(1),
  '\x08': (l) => l.backspace(),
  '\x7f': (l) => l.backspace(),
  '\x0b': (l) => l.killToEnd(),
  '\x15': (l) => l.killToStart(),
  '\x17': (l) => l.killWordBack(),
  '\x03': (l) => l.clear(),
  '\x04': (l) => (l.chars.length === 0 ? l.clear() : l.deleteAtCursor()),
  '\x0c': () => {}, // Ctrl+L redraws; the line stays
};

/** CSI and SS3 sequences by their parameters and final byte (`ESC [ 3 ~` is '3~', `ESC [ D` and `ESC O D` are 'D'). */
const SEQUENCES: Record<string, Edit> = {
  D: (l) => l.move(-1),
  C: (l) => l.move(1),
  H: (l) => l.home(),
  F: (l) => l.end(),
  '1~': (l) => l.home(),
  '7~': (l) => l.home(),
  '4~': (l) => l.end(),
  '8~': (l) => l.end(),
  '3~': (l) => l.deleteAtCursor(),
  '200~': () => {}, // bracketed paste: the text between the markers is typed text
  '201~': () => {},
};

export class TypedLine {
  chars: string[] = [];
  cursor = 0;
  /** A key the model cannot follow was typed since the line began. */
  uncertain = false;
  /** An escape sequence being read: '' after ESC, then its bytes. */
  private escape: string | undefined;

  get text(): string {
    return this.chars.join('');
  }

  key(ch: string): void {
    if (this.escape !== undefined) return this.sequence(ch);
    if (ch === '\x1b') {
      this.escape = '';
      return;
    }
    const edit = CONTROL[ch];
    if (edit) edit(this);
    else if (ch >= ' ') this.insert(ch);
    else this.uncertain = true; // Tab, Ctrl+R/P/N/Y/T/V/X/_ …
  }

  /** The line as it stands, and a fresh one begins. */
  take(): { text: string; uncertain: boolean } {
    const taken = { text: this.text, uncertain: this.uncertain };
    this.clear();
    return taken;
  }

  clear(): void {
    this.chars = [];
    this.cursor = 0;
    this.uncertain = false;
    this.escape = undefined;
  }

  insert(ch: string): void {
    if (this.chars.length >= MAX_LINE) return;
    this.chars.splice(this.cursor, 0, ch);
    this.cursor++;
  }

  move(by: number): void {
    this.cursor = Math.max(0, Math.min(this.chars.length, this.cursor + by));
  }

  home(): void {
    this.cursor = 0;
  }

  end(): void {
    this.cursor = this.chars.length;
  }

  backspace(): void {
    if (this.cursor === 0) return;
    this.chars.splice(this.cursor - 1, 1);
    this.cursor--;
  }

  deleteAtCursor(): void {
    this.chars.splice(this.cursor, 1);
  }

  killToEnd(): void {
    this.chars.splice(this.cursor);
  }

  killToStart(): void {
    this.chars.splice(0, this.cursor);
    this.cursor = 0;
  }

  /** Ctrl+W: back over blanks, then over the word before them (a word ends at a blank). */
  killWordBack(): void {
    let from = this.cursor;
    while (from > 0 && /\s/.test(this.chars[from - 1]!)) from--;
    while (from > 0 && !/\s/.test(this.chars[from - 1]!)) from--;
    this.chars.splice(from, this.cursor - from);
    this.cursor = from;
  }

  private sequence(ch: string): void {
    const seq = this.escape!;
    if (seq === '') {
      if (ch === '[' || ch === 'O') this.escape = ch;
      else {
        this.escape = undefined;
        this.uncertain = true; // Alt+key: word motions, Alt+. (last argument), Alt+D …
      }
      return;
    }
    // Parameters and intermediates (0x20–0x3f) until the final byte (0x40–0x7e).
    if (ch >= ' ' && ch <= '?' && seq.length < 16) {
      this.escape = seq + ch;
      return;
    }
    this.escape = undefined;
    const edit = ch >= '@' && ch <= '~' ? SEQUENCES[seq.slice(1) + ch] : undefined;
    if (edit) edit(this);
    else this.uncertain = true; // Up/Down (history), Ctrl+arrows, function keys …
  }
}
