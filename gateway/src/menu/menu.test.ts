import { describe, expect, it } from 'vitest';
import { createMenu, decodeKeys, feed, filtered, render, resize, type MenuEntry, type MenuState } from './menu';

const entries: MenuEntry[] = [
  { login: 'deploy', host: 'api-01', until: null },
  { login: 'root', host: 'api-01', until: Date.UTC(2026, 10, 21, 22, 0) },
  { login: 'root', host: 'db-01', until: null },
  { login: 'root', host: 'web-01', until: null },
  { login: 'root', host: 'web-02', until: null },
];
const menu = (rows = 24) => createMenu(entries, { cols: 80, rows });
const UP = '\x1b[A';
const DOWN = '\x1b[B';

function type(state: MenuState, ...inputs: string[]) {
  let s = state;
  let last = feed(s, '');
  for (const input of inputs) {
    last = feed(s, input);
    s = last.state;
  }
  return last;
}

describe('decodeKeys', () => {
  it('reads characters, arrows in both modes, page keys, control keys; keeps a cut sequence', () => {
    expect(decodeKeys('ab').keys).toEqual([
      { kind: 'char', char: 'a' },
      { kind: 'char', char: 'b' },
    ]);
    expect(decodeKeys('\x1b[A\x1bOB\x1b[5~\x1b[6~\x1b[1;5A').keys.map((k) => k.kind)).toEqual(['up', 'down', 'pageUp', 'pageDown', 'up']);
    expect(decodeKeys('\r\n\r\x7f\b\x03\x04\x15\x10\x0e').keys.map((k) => k.kind)).toEqual(['enter', 'enter', 'backspace', 'backspace', 'quit', 'quit', 'clear', 'up', 'down']);
    expect(decodeKeys('a\x1b[')).toEqual({ keys: [{ kind: 'char', char: 'a' }], rest: '\x1b[' });
    expect(decodeKeys('\x1b')).toEqual({ keys: [{ kind: 'clear' }], rest: '' }); // a lone Esc key
    expect(decodeKeys('\x1b[99Z\x01é').keys).toEqual([]); // unknown sequence, other controls, non-ASCII: ignored
  });
});

describe('menu', () => {
  it('starts on the first entry and Enter goes there', () => {
    expect(type(menu(), '\r').action).toEqual({ kind: 'go', entry: entries[0] });
  });

  it('arrows move and stop at the ends', () => {
    expect(type(menu(), DOWN, DOWN, '\r').action).toEqual({ kind: 'go', entry: entries[2] });
    expect(type(menu(), UP, UP, '\r').action).toEqual({ kind: 'go', entry: entries[0] });
    expect(type(menu(), DOWN.repeat(10), '\r').action).toEqual({ kind: 'go', entry: entries[4] });
  });

  it('typing filters on login@host, every word must match; backspace and Ctrl+U undo', () => {
    const r = type(menu(), 'web');
    expect(filtered(r.state).map((e) => e.host)).toEqual(['web-01', 'web-02']);
    expect(type(menu(), 'web', DOWN, '\r').action).toEqual({ kind: 'go', entry: entries[4] });
    expect(filtered(type(menu(), 'root api').state)).toEqual([entries[1]]);
    expect(filtered(type(menu(), 'ROOT@DB').state)).toEqual([entries[2]]);
    expect(filtered(type(menu(), 'webx', '\x7f').state)).toHaveLength(2);
    expect(filtered(type(menu(), 'web', '\x15').state)).toHaveLength(5);
    expect(type(menu(), 'zzz', '\r').action).toEqual({ kind: 'none' }); // nothing to go to
    expect(type(menu(), 'zzz').screen).toContain('(no target matches)');
  });

  it('an arrow split across two inputs still moves', () => {
    expect(type(menu(), '\x1b[', 'B', '\r').action).toEqual({ kind: 'go', entry: entries[1] });
  });

  it('q (with an empty filter), Ctrl+C and Ctrl+D quit; q inside a filter is a letter', () => {
    expect(type(menu(), 'q').action).toEqual({ kind: 'quit' });
    expect(type(menu(), 'web', '\x03').action).toEqual({ kind: 'quit' });
    expect(type(menu(), '\x04').action).toEqual({ kind: 'quit' });
    const r = type(menu(), 'w', 'q');
    expect(r.action).toEqual({ kind: 'none' });
    expect(r.state.filter).toBe('wq');
  });

  it('keys after a decisive one in the same input are ignored', () => {
    expect(type(menu(), '\rq').action).toEqual({ kind: 'go', entry: entries[0] });
  });

  it('draws the filter, the selection in reverse video, the end of access and a count', () => {
    const screen = type(menu(), DOWN).screen;
    expect(screen.startsWith('\x1b[H\x1b[2J')).toBe(true);
    expect(screen).toContain('filter: ');
    expect(screen).toContain('\x1b[7m> root@api-01    until 2026-11-21 22:00 UTC\x1b[0m');
    expect(screen).toContain('  deploy@api-01');
    expect(screen).toContain('5 of 5 targets');
    expect(type(menu(), 'web').screen).toContain('2 of 5 targets');
  });

  it('scrolls a long list to keep the selection visible, and fits a resize', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ login: 'root', host: `h-${String(i).padStart(2, '0')}`, until: null }));
    let s = createMenu(many, { cols: 40, rows: 10 }); // 6 list rows
    s = type(s, DOWN.repeat(20)).state;
    expect(s.selected).toBe(20);
    expect(s.scroll).toBe(15);
    const screen = render(s);
    expect(screen).toContain('> root@h-20');
    expect(screen).not.toContain('root@h-14');
    expect(screen).toContain('root@h-15');
    const r = resize(s, { cols: 40, rows: 30 });
    expect(r.state.scroll).toBeLessThanOrEqual(20);
    expect(r.screen).toContain('> root@h-20');
    expect(type(s, '\x1b[6~').state.selected).toBe(26);
    expect(type(s, '\x1b[F').state.selected).toBe(49);
    expect(type(s, '\x1b[H').state.selected).toBe(0);
    // Lines never exceed the width.
    const narrow = render(createMenu([{ login: 'root', host: 'a'.repeat(100), until: null }], { cols: 30, rows: 10 }));
    for (const line of narrow.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split('\r\n')) expect(line.length).toBeLessThanOrEqual(30);
  });
});
