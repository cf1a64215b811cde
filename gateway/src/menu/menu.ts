// The target menu for plain OpenSSH users who name no target (`ssh alice@bastion` with a pty):
// a pure state machine. Input bytes in → new state, an action, and the screen to draw. No I/O,
// so every key is unit-tested; gateway/src/menu/run.ts connects it to an SSH channel.
//
// Keys: printable characters filter (every blank-separated word must appear in "login@host");
// Backspace deletes, Ctrl+U or Esc clears the filter; ↑/↓ (or Ctrl+P/Ctrl+N), PgUp/PgDn move;
// Enter connects; Ctrl+C, Ctrl+D, or q while the filter is empty, quit.
// Terminals send an arrow key's escape sequence in one write, so a lone ESC at the end of the
// input is the Esc key; a sequence split across writes is completed by the next input.

export interface MenuEntry {
  login: string;
  host: string;
  /** When access ends (ms since epoch), null when no grant ends it. */
  until: number | null;
}

export interface MenuState {
  entries: readonly MenuEntry[];
  filter: string;
  /** Index into the filtered list. */
  selected: number;
  /** First filtered entry shown. */
  scroll: number;
  cols: number;
  rows: number;
  /** An escape sequence cut by the end of the last input. */
  pending: string;
}

export type MenuAction = { kind: 'none' } | { kind: 'go'; entry: MenuEntry } | { kind: 'quit' };

export type Key = { kind: 'char'; char: string } | { kind: 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'enter' | 'backspace' | 'clear' | 'quit' };

export function createMenu(entries: readonly MenuEntry[], size: { cols: number; rows: number }): MenuState {
  return { entries, filter: '', selected: 0, scroll: 0, cols: Math.max(20, size.cols), rows: Math.max(5, size.rows), pending: '' };
}

export const entryText = (e: MenuEntry) => `${e.login}@${e.host}`;

export function filtered(state: MenuState): MenuEntry[] {
  const words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...state.entries];
  return state.entries.filter((e) => {
    const text = entryText(e).toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

const ESC = '\x1b';
const CSI_KEYS: Record<string, Key['kind']> = { A: 'up', B: 'down', H: 'home', F: 'end', '5~': 'pageUp', '6~': 'pageDown', '1~': 'home', '4~': 'end' };

/** Splits input into keys; returns what is left of an unfinished escape sequence. */
export function decodeKeys(input: string): { keys: Key[]; rest: string } {
  const keys: Key[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ESC) {
      const next = input[i + 1];
      if (next === undefined) {
        keys.push({ kind: 'clear' }); // a lone Esc key
        i++;
        continue;
      }
      if (next === '[' || next === 'O') {
        // CSI or SS3: parameters then one final byte in @..~
        let j = i + 2;
        while (j < input.length && !/[@-~]/.test(input[j]!)) j++;
        if (j >= input.length) return { keys, rest: input.slice(i) };
        const body = input.slice(i + 2, j + 1);
        // Modified arrows (ESC [ 1 ; 5 A) move like plain ones; unknown sequences are skipped.
        const kind = CSI_KEYS[body] ?? (/^[\d;]*[ABHF]$/.test(body) ? CSI_KEYS[body.slice(-1)] : undefined);
        if (kind) keys.push({ kind } as Key);
        i = j + 1;
        continue;
      }
      keys.push({ kind: 'clear' }); // Esc followed by something else: Esc, then that
      i++;
      continue;
    }
    i++;
    if (c === '\r' || c === '\n') {
      if (c === '\r' && input[i] === '\n') i++; // CR LF is one Enter
      keys.push({ kind: 'enter' });
    } else if (c === '\x7f' || c === '\b') keys.push({ kind: 'backspace' });
    else if (c === '\x03' || c === '\x04') keys.push({ kind: 'quit' });
    else if (c === '\x15') keys.push({ kind: 'clear' });
    else if (c === '\x10') keys.push({ kind: 'up' });
    else if (c === '\x0e') keys.push({ kind: 'down' });
    else if (c >= ' ' && c <= '~') keys.push({ kind: 'char', char: c });
    // other control characters and non-ASCII are ignored: targets are ASCII
  }
  return { keys, rest: '' };
}

/** Rows available for entries: title, filter line, blank line above; status line below. */
const listRows = (state: MenuState) => Math.max(1, state.rows - 4);

function clampView(state: MenuState): MenuState {
  const count = filtered(state).length;
  const selected = Math.min(Math.max(0, state.selected), Math.max(0, count - 1));
  const visible = listRows(state);
  let scroll = Math.min(state.scroll, selected);
  if (selected >= scroll + visible) scroll = selected - visible + 1;
  scroll = Math.max(0, Math.min(scroll, Math.max(0, count - visible)));
  return { ...state, selected, scroll };
}

/** One key. Pure. */
export function applyKey(state: MenuState, key: Key): { state: MenuState; action: MenuAction } {
  const none = { kind: 'none' } as const;
  const page = listRows(state);
  switch (key.kind) {
    case 'quit':
      return { state, action: { kind: 'quit' } };
    case 'char':
      if (key.char === 'q' && state.filter === '') return { state, action: { kind: 'quit' } };
      return { state: clampView({ ...state, filter: state.filter + key.char, selected: 0, scroll: 0 }), action: none };
    case 'backspace':
      return { state: clampView({ ...state, filter: state.filter.slice(0, -1), selected: 0, scroll: 0 }), action: none };
    case 'clear':
      return { state: clampView({ ...state, filter: '', selected: 0, scroll: 0 }), action: none };
    case 'up':
      return { state: clampView({ ...state, selected: state.selected - 1 }), action: none };
    case 'down':
      return { state: clampView({ ...state, selected: state.selected + 1 }), action: none };
    case 'pageUp':
      return { state: clampView({ ...state, selected: state.selected - page }), action: none };
    case 'pageDown':
      return { state: clampView({ ...state, selected: state.selected + page }), action: none };
    case 'home':
      return { state: clampView({ ...state, selected: 0 }), action: none };
    case 'end':
      return { state: clampView({ ...state, selected: Number.MAX_SAFE_INTEGER }), action: none };
    case 'enter': {
      const entry = filtered(state)[state.selected];
      return { state, action: entry ? { kind: 'go', entry } : none };
    }
  }
}

/** Input bytes (as latin1/utf8 text) → new state, the first decisive action, and the screen. */
export function feed(state: MenuState, input: string): { state: MenuState; action: MenuAction; screen: string } {
  const { keys, rest } = decodeKeys(state.pending + input);
  let s: MenuState = { ...state, pending: rest };
  for (const key of keys) {
    const r = applyKey(s, key);
    s = r.state;
    if (r.action.kind !== 'none') return { state: s, action: r.action, screen: '' };
  }
  return { state: s, action: { kind: 'none' }, screen: render(s) };
}

export function resize(state: MenuState, size: { cols: number; rows: number }): { state: MenuState; screen: string } {
  const s = clampView({ ...state, cols: Math.max(20, size.cols), rows: Math.max(5, size.rows) });
  return { state: s, screen: render(s) };
}

const fit = (text: string, cols: number) => (text.length > cols ? text.slice(0, Math.max(0, cols - 1)) + '…' : text);

function untilText(until: number | null): string {
  if (until === null) return '';
  return `until ${new Date(until).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The whole screen: clear, title, filter, the visible entries (selected in reverse video), status. */
export function render(state: MenuState): string {
  const list = filtered(state);
  const width = Math.max(...state.entries.map((e) => entryText(e).length), 10);
  const lines: string[] = [];
  lines.push(fit('Portcullis: pick a target. Type to filter, ↑/↓ to move, Enter to connect, q to quit.', state.cols));
  lines.push(fit(`filter: ${state.filter}`, state.cols));
  lines.push('');
  const visible = list.slice(state.scroll, state.scroll + listRows(state));
  visible.forEach((entry, i) => {
    const text = fit(`${entryText(entry).padEnd(width)}  ${untilText(entry.until)}`.trimEnd(), state.cols - 2);
    lines.push(state.scroll + i === state.selected ? `\x1b[7m> ${text}\x1b[0m` : `  ${text}`);
  });
  for (let i = visible.length; i < listRows(state); i++) lines.push(i === 0 && list.length === 0 ? '  (no target matches)' : '');
  lines.push(fit(`${list.length} of ${state.entries.length} targets`, state.cols));
  // Home, clear, then each line cleared to its end; the cursor is left after the filter text.
  return `\x1b[H\x1b[2J${lines.map((l) => l + '\x1b[K').join('\r\n')}\x1b[2;${Math.min(state.cols, 'filter: '.length + state.filter.length + 1)}H`;
}
