// The CLI's printing helper, for any string: nothing a terminal acts on gets through, and the
// escaping reads back to the original (so distinct inputs stay distinct); JSON stays exact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SafeText, escapeJsonText, jsonText, line, safeLines, tableLines, terminalText, unescapeTerminalText } from './terminal-text';

const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const FUZZ = { seed: 20260131, numRuns: 1000 };

/** Strings rich in what matters: C0, DEL, C1, bidi and zero-width characters, backslashes, escapes. */
const hostile = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('\x1b', '\r', '\n', '\t', '\x00', '\x7f', '\x9b', '\x85', '\u202e', '\u2066', '\u200b', '\ufeff', '\u2028', '\u{e0041}', '\ud800', '\udfff'),
      fc.constantFrom('\\', '\\e', '\\x1b', '\\u202e', '\\u{e0041}', 'x', 'é', '👩‍💻'),
    ),
  )
  .map((parts) => parts.join(''));

describe('terminalText', () => {
  it('shows the usual suspects as readable escapes', () => {
    expect(terminalText('\r\x1b[2Kok\x9b31m\u202e\\')).toBe('\\r\\e[2Kok\\u009b31m\\u202e\\\\');
    expect(terminalText('\x07\x7f\u{e0041}\ud800')).toBe('\\x07\\u007f\\u{e0041}\\ud800');
    expect(terminalText('web-01 café 👍')).toBe('web-01 café 👍');
  });

  it('for any string: no control character left, and it reads back to the original', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const shown = terminalText(s);
        expect(shown).not.toMatch(CONTROL);
        expect(unescapeTerminalText(shown)).toBe(s);
      }),
      FUZZ,
    );
  });

  it('distinct inputs give distinct output', () => {
    fc.assert(fc.property(hostile, hostile, (a, b) => a === b || terminalText(a) !== terminalText(b)), FUZZ);
  });
});

describe('jsonText', () => {
  it('for any value: parses back to the same value, and its text holds no control character', () => {
    fc.assert(
      fc.property(fc.jsonValue(), hostile, (value, s) => {
        for (const v of [value, { s, value }]) {
          const text = jsonText(v, 2);
          expect(text.replace(/\n/g, '')).not.toMatch(CONTROL);
          expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        }
      }),
      FUZZ,
    );
  });

  it('escapes DEL, C1 and format characters JSON.stringify leaves raw', () => {
    expect(escapeJsonText(JSON.stringify('\x7f\x9b\u202e\u{e0041}'))).toBe('"\\u007f\\u009b\\u202e\\udb40\\udc41"');
  });
});

describe('line, tableLines and the last line of defence', () => {
  it('line escapes the values, not the literal text, and inserts SafeText as it is', () => {
    expect(line`user ${'a\nb'} data ${new SafeText('{"k":"\\u001b"}')}`).toBe('user a\\nb data {"k":"\\u001b"}');
  });

  it('tableLines pads by the escaped width, so columns stay aligned', () => {
    expect(tableLines([['A', 'B'], ['\x1b', 'x'], ['long', 'y']])).toEqual(['A     B', '\\e    x', 'long  y']);
  });

  it('safeLines splits at newlines and escapes whatever else is raw, leaving backslashes alone', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const lines = safeLines(s);
        expect(lines).toHaveLength(s.split('\n').length);
        for (const l of lines) expect(l).not.toMatch(CONTROL);
      }),
      FUZZ,
    );
    expect(safeLines('a\\e\x1b\nb')).toEqual(['a\\e\\e', 'b']);
  });
});
