// Reading text back from a headless xterm's buffer: logical lines that wrap over several rows.
import type { Terminal } from './screen';

/** The text of one row (trailing blanks trimmed). */
export function lineText(term: Terminal, y: number): string {
  return term.buffer.active.getLine(y)?.translateToString(true) ?? '';
}

/** The row where the wrapped line containing row y starts. */
export function firstRowOf(term: Terminal, y: number): number {
  const buf = term.buffer.active;
  while (y > 0 && buf.getLine(y)?.isWrapped) y--;
  return y;
}

/** Text of the logical line from (row, col) to the end of its last wrapped row. */
export function textFrom(term: Terminal, row: number, col: number): string {
  const buf = term.buffer.active;
  let text = (buf.getLine(row)?.translateToString(false) ?? '').slice(col);
  let y = row + 1;
  while (y < buf.length && buf.getLine(y)?.isWrapped) text += buf.getLine(y++)!.translateToString(false);
  return text.trimEnd();
}
