import { describe, expect, it } from 'vitest';
import { base64Bytes, castEventLines, castHeaderLine, exportFileName } from './cast-file';

describe('asciicast export', () => {
  it('is a v2 header line and one JSON array per event', () => {
    const text = castHeaderLine({ width: 80, height: 24, startedAt: 1_700_000_000_500, login: 'root', host: 'web-01', command: null }) + castEventLines([[0.5, 'o', 'hi\r\n'], [1, 'r', '100x30']]);
    const [header, ...events] = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(header).toEqual({ version: 2, width: 80, height: 24, timestamp: 1_700_000_000, env: { TERM: 'xterm-256color' }, title: 'root@web-01' });
    expect(events).toEqual([[0.5, 'o', 'hi\r\n'], [1, 'r', '100x30']]);
  });
  it('names files after the login, host and start (UTC), nothing odd in them', () => {
    expect(exportFileName({ login: 'root', host: 'web/01', startedAt: Date.UTC(2026, 11, 6, 3, 4, 5) }, 'cast')).toBe('root@web_01-20261206-030405.cast');
  });
  it('decodes a bundle chunk', () => {
    expect([...base64Bytes('AAH/')]).toEqual([0, 1, 255]);
  });
});
