import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JsonLineEncoder } from './json-line';

/** Encodes `data` in the given chunk sizes; returns the decoded event strings joined. */
function roundTrip(data: Buffer, chunk: number): string {
  const enc = new JsonLineEncoder();
  let text = '';
  for (let i = 0; i < data.length; i += chunk) {
    const line = enc.encode('[0.5, "o", "', data.subarray(i, i + chunk), '"]\n');
    if (!line) continue;
    expect(line.toString('utf8').endsWith('"]\n')).toBe(true);
    const [t, type, s] = JSON.parse(line.toString('utf8')) as [number, string, string];
    expect([t, type]).toEqual([0.5, 'o']);
    text += s;
  }
  const rest = enc.end('[1, "o", "', '"]\n');
  if (rest) text += (JSON.parse(rest.toString('utf8')) as [number, string, string])[2];
  return text;
}

describe('JsonLineEncoder', () => {
  it('writes exactly what JSON.stringify writes for valid UTF-8', () => {
    for (const text of ['plain', 'quote " backslash \\ tab \t', '\x00\x00\x00\x01\x1b[31mred\x7f', 'héllo ✓ 𝄞 \r\n']) {
      const line = new JsonLineEncoder().encode('[1.000000, "o", "', Buffer.from(text), '"]\n')!;
      expect(line.toString('utf8')).toBe(`[1.000000, "o", ${JSON.stringify(text)}]\n`);
    }
  });

  it('keeps UTF-8 sequences split across chunks and replaces invalid bytes like TextDecoder', () => {
    const valid = Buffer.from('héllo ✓ 𝄞 wörld '.repeat(50));
    for (const chunk of [1, 2, 3, 7, 64]) expect(roundTrip(valid, chunk)).toBe(valid.toString('utf8'));
    const random = randomBytes(20_000);
    const expected = new TextDecoder('utf-8').decode(random);
    for (const chunk of [1, 5, 4096, 20_000]) expect(roundTrip(random, chunk)).toBe(expected);
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xff]]) {
      expect(roundTrip(Buffer.from(bad), 1)).toBe(new TextDecoder().decode(Buffer.from(bad)));
    }
  });
});
