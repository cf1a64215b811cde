// The player's screen reset, on xterm.js itself (its core runs without a DOM): a seek from any
// state draws what a seek on a fresh terminal draws, without xterm.js's full reset (RIS).
import { Terminal } from '@xterm/xterm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOps, keyframeOps, xtermScreen } from './screen-ops';

const written = (term: Terminal, data: string) => new Promise<void>((resolve) => term.write(data, resolve));

/** What a person sees, and what the next output lands on: buffer, cursor, each cell's text and colours. */
function screenOf(term: Terminal) {
  const buf = term.buffer.active;
  const rows: string[] = [];
  for (let y = 0; y < buf.length; y++) {
    const line = buf.getLine(y)!;
    let cells = '';
    for (let x = 0; x < term.cols; x++) {
      const c = line.getCell(x)!;
      cells += `${c.getChars() || ' '}${c.getFgColor()}/${c.getBgColor()}/${c.isBold()}${c.isInverse()} `;
    }
    rows.push(cells);
  }
  return { type: buf.type, x: buf.cursorX, y: buf.cursorY, base: buf.baseY, rows };
}

/** State a recording can leave behind at any point. */
const leftover = fc.constantFrom(
  '\x1b[?1049h', // the alternate screen
  '\x1b[3;5r', // a scroll region
  '\x1b[1;7;31;44m', // bold, inverse, colours
  '\x1b[?6h', // origin mode
  '\x1b[4h', // insert mode
  '\x1b[?7l', // no wraparound
  '\x1b(0', // line drawing
  '\x1b[5G\x1bH', // a tab stop
  '\x1b[3g', // no tab stops
  '\x1b[?25l', // the cursor hidden
  '\x1b7', // a saved cursor
  'scrolled away\r\n'.repeat(30),
  '\x1b[4;9Htext',
);

/** What a keyframe draws next: tabs, wrapping, characters that a charset would change, scrolling. */
const probe = (cols: number) => `a\tb\tc\x1b[2;1H${'w'.repeat(cols + 5)}\x1b[1;1Hqx\x1b8${'\r\n'.repeat(12)}end\x1b[0m`;

async function seekScreen(term: Terminal, cols: number, rows: number): Promise<ReturnType<typeof screenOf>> {
  await applyOps(xtermScreen(term), keyframeOps({ keyframe: { t: 0, cols, rows, snapshot: probe(cols) } }), true);
  await written(term, '');
  return screenOf(term);
}

describe("the player's screen reset", () => {
  it('a seek after any state shows what a seek on a fresh terminal shows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(leftover, { maxLength: 8 }), fc.constantFrom([40, 10], [80, 24], [23, 7]), async (state, [cols, rows]) => {
        const used = new Terminal({ cols: 30, rows: 8, allowProposedApi: true, scrollback: 100 });
        await written(used, state.join(''));
        const fresh = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 100 });
        expect(await seekScreen(used, cols!, rows!)).toEqual(await seekScreen(fresh, cols!, rows!));
        used.dispose();
        fresh.dispose();
      }),
      { numRuns: 60 },
    );
  });

  it("seeks to other sizes leave xterm's size options alone (a full reset sets them, and the renderer rebuilds)", async () => {
    const term = new Terminal({ cols: 80, rows: 24, allowProposedApi: true });
    await seekScreen(term, 120, 40);
    await seekScreen(term, 100, 30);
    expect([term.cols, term.rows]).toEqual([100, 30]);
    const sizeOptions = term.options as { cols?: number; rows?: number }; // init-only in the typings, kept by xterm
    expect([sizeOptions.cols, sizeOptions.rows]).toEqual([80, 24]);
    term.dispose();
  });
});
