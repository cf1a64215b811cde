// The line editor's model: the cursor keys shells share are followed; keys that depend on the
// shell's state mark the line uncertain.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TypedLine } from './typed-line';

const typed = (keys: string) => {
  const line = new TypedLine();
  for (const ch of keys) line.key(ch);
  return line.take();
};

describe('the typed line', () => {
  it('inserts at the cursor after Home, the arrows and Ctrl+A/B/F', () => {
    expect(typed('ouch x\x1b[Ht')).toEqual({ text: 'touch x', uncertain: false });
    expect(typed('ouch x\x01t')).toEqual({ text: 'touch x', uncertain: false });
    expect(typed('rm/\x1b[D\x1b[D -rf \x1bOC\x1b[F!')).toEqual({ text: 'r -rf m/!', uncertain: false });
    expect(typed('ab\x02\x02\x02X\x06\x06\x06\x06Y')).toEqual({ text: 'XabY', uncertain: false });
    expect(typed('abc\x1b[1~1\x1b[4~2')).toEqual({ text: '1abc2', uncertain: false });
  });

  it('deletes and kills where the cursor is', () => {
    expect(typed('xrm\x01\x1b[3~')).toEqual({ text: 'rm', uncertain: false }); // Delete
    expect(typed('xrm\x01\x04')).toEqual({ text: 'rm', uncertain: false }); // Ctrl+D on a non-empty line
    expect(typed('echo rm -rf\x1b[D\x1b[D\x1b[D\x0b')).toEqual({ text: 'echo rm ', uncertain: false }); // Ctrl+K
    expect(typed('junk rm x\x1b[D\x1b[D\x1b[D\x1b[D\x15')).toEqual({ text: 'rm x', uncertain: false }); // Ctrl+U kills back to the start only
    expect(typed('a bb cc\x1b[D\x1b[D\x17')).toEqual({ text: 'a cc', uncertain: false }); // Ctrl+W before the cursor
    expect(typed('rm\x7f\x7f\x7fls')).toEqual({ text: 'ls', uncertain: false });
    expect(typed('rm -rf /\x03ls')).toEqual({ text: 'ls', uncertain: false }); // Ctrl+C starts over
  });

  it('marks the line uncertain after history, completion, Alt keys and unknown sequences', () => {
    for (const key of ['\x1b[A', '\x1bOB', '\x10', '\x0e', '\x12', '\t', '\x19', '\x1bb', '\x1b.', '\x1b[1;5D', '\x1b[15~', '\x1f']) {
      expect(typed(`ls${key}x`).uncertain, JSON.stringify(key)).toBe(true);
    }
    const line = new TypedLine();
    for (const ch of 'ls\t') line.key(ch);
    line.take();
    expect(line.take().uncertain).toBe(false); // a new line starts certain
  });

  it('bracketed paste markers are not text', () => {
    expect(typed('\x1b[200~rm -rf /\x1b[201~')).toEqual({ text: 'rm -rf /', uncertain: false });
  });

  it('matches a plain string model for any mix of text and the keys it follows (property)', () => {
    const key = fc.oneof(
      fc.constantFrom('a', 'b', ' ', 'r', 'm', '/'),
      fc.constantFrom('\x01', '\x05', '\x02', '\x06', '\x7f', '\x0b', '\x15', '\x1b[D', '\x1b[C', '\x1b[3~'),
    );
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), (keys) => {
        let text = '';
        let at = 0;
        for (const k of keys) {
          if (k === '\x01') at = 0;
          else if (k === '\x05') at = text.length;
          else if (k === '\x02' || k === '\x1b[D') at = Math.max(0, at - 1);
          else if (k === '\x06' || k === '\x1b[C') at = Math.min(text.length, at + 1);
          else if (k === '\x7f') {
            if (at > 0) {
              text = text.slice(0, at - 1) + text.slice(at);
              at--;
            }
          } else if (k === '\x0b') text = text.slice(0, at);
          else if (k === '\x15') {
            text = text.slice(at);
            at = 0;
          } else if (k === '\x1b[3~') text = text.slice(0, at) + text.slice(at + 1);
          else {
            text = text.slice(0, at) + k + text.slice(at);
            at++;
          }
        }
        expect(typed(keys.join(''))).toEqual({ text, uncertain: false });
      }),
    );
  });
});
