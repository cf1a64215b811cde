import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { attachNdjson, createLineSplitter, type NdjsonError } from './ndjson';

function pair() {
  const aToB = new PassThrough();
  const bToA = new PassThrough();
  return {
    a: Duplex.from({ readable: bToA, writable: aToB }),
    b: Duplex.from({ readable: aToB, writable: bToA }),
  };
}

function collect(stream: Duplex, maxLine = 1024) {
  const messages: unknown[] = [];
  const errors: NdjsonError[] = [];
  const conn = attachNdjson(stream, { maxLine, onMessage: (m) => messages.push(m), onError: (e) => errors.push(e) });
  return { conn, messages, errors };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('line splitter', () => {
  it('joins lines split across chunks and across many small chunks', () => {
    const lines: string[] = [];
    const s = createLineSplitter(100, (l) => lines.push(l.toString()), () => {});
    s.push(Buffer.from('{"a":'));
    s.push(Buffer.from('1}\n{"b"'));
    for (const ch of ':2}\n\n') s.push(Buffer.from(ch));
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('reports an oversized line once, holds at most maxLine bytes, then carries on', () => {
    const lines: string[] = [];
    const oversized: number[] = [];
    const s = createLineSplitter(10, (l) => lines.push(l.toString()), (n) => oversized.push(n));
    s.push(Buffer.from('12345'));
    for (let i = 0; i < 1000; i++) s.push(Buffer.alloc(1000, 0x78)); // 1 MB with no newline
    s.push(Buffer.from('tail\nok\n'));
    expect(oversized).toEqual([5 + 1_000_000 + 4]);
    expect(lines).toEqual(['ok']);
  });

  it('a line of exactly maxLine bytes is accepted', () => {
    const lines: string[] = [];
    const s = createLineSplitter(5, (l) => lines.push(l.toString()), () => lines.push('!'));
    s.push(Buffer.from('12345\n123456\n'));
    expect(lines).toEqual(['12345', '!']);
  });

  it('multi-byte UTF-8 split across chunks survives', () => {
    const lines: string[] = [];
    const s = createLineSplitter(100, (l) => lines.push(l.toString('utf8')), () => {});
    const bytes = Buffer.from('"héllo ✓"\n');
    s.push(bytes.subarray(0, 3));
    s.push(bytes.subarray(3, 12));
    s.push(bytes.subarray(12));
    expect(lines).toEqual(['"héllo ✓"']);
  });
});

describe('line splitter pause', () => {
  it('delivers nothing more of a chunk once paused, and the rest in order on resume', () => {
    const lines: string[] = [];
    const s = createLineSplitter(100, (l) => {
      lines.push(l.toString());
      if (lines.length % 2 === 0) s.pause(); // as a consumer at its in-flight limit does
    }, () => {});
    s.push(Buffer.from('1\n2\n3\n4\n5\n6'));
    expect(lines).toEqual(['1', '2']);
    s.push(Buffer.from('\n7\n')); // held too, behind the remainder
    expect(lines).toEqual(['1', '2']);
    s.resume();
    expect(lines).toEqual(['1', '2', '3', '4']);
    s.resume();
    s.resume();
    expect(lines).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('counts an oversized line as a delivery that may pause', () => {
    const got: string[] = [];
    const s = createLineSplitter(3, (l) => got.push(l.toString()), (n) => (got.push(`!${n}`), s.pause()));
    s.push(Buffer.from('toolong\nok\n'));
    expect(got).toEqual(['!7']);
    s.resume();
    expect(got).toEqual(['!7', 'ok']);
  });

  it('ends only after the held lines, with the last unterminated line', () => {
    const got: string[] = [];
    const s = createLineSplitter(100, (l) => (got.push(l.toString()), s.pause()), () => {});
    s.push(Buffer.from('a\nb\nc'));
    let ended = false;
    s.end(() => (ended = true));
    expect([got, ended]).toEqual([['a'], false]);
    s.resume();
    expect([got, ended]).toEqual([['a', 'b'], false]);
    s.resume();
    expect([got, ended]).toEqual([['a', 'b', 'c'], true]);
  });

  it('a callback that resumes does not re-enter the split', () => {
    const got: string[] = [];
    const s = createLineSplitter(100, (l) => {
      got.push(l.toString());
      s.pause();
      s.resume();
    }, () => {});
    s.push(Buffer.from('x\ny\nz\n'));
    expect(got).toEqual(['x', 'y', 'z']);
  });
});

describe('attachNdjson pause', () => {
  it('no message of a chunk already read arrives while paused', async () => {
    const { a, b } = pair();
    const messages: unknown[] = [];
    const conn = attachNdjson(b, { maxLine: 100, onMessage: (m) => (messages.push(m), conn.pause()), onError: () => {} });
    a.write('1\n2\n3\n');
    await tick();
    expect(messages).toEqual([1]);
    a.write('4\n');
    await tick();
    expect(messages).toEqual([1]);
    for (const n of [2, 3, 4]) {
      conn.resume();
      await tick();
      expect(messages.at(-1)).toBe(n);
    }
  });
});

describe('attachNdjson', () => {
  it('sends and receives messages both ways', async () => {
    const { a, b } = pair();
    const A = collect(a);
    const B = collect(b);
    A.conn.send({ hello: 'b' });
    B.conn.send({ hello: 'a' });
    B.conn.send([1, 2, 3]);
    await tick();
    expect(B.messages).toEqual([{ hello: 'b' }]);
    expect(A.messages).toEqual([{ hello: 'a' }, [1, 2, 3]]);
  });

  it('a malformed line goes to onError and the stream stays usable', async () => {
    const { a, b } = pair();
    const B = collect(b);
    a.write('{not json}\r\n{"ok":true}\r\n');
    await tick();
    expect(B.errors.map((e) => e.kind)).toEqual(['malformed']);
    expect(B.messages).toEqual([{ ok: true }]);
  });

  it('an oversized line goes to onError and the next line is read', async () => {
    const { a, b } = pair();
    const B = collect(b, 64);
    a.write(`"${'x'.repeat(200)}"\n{"n":1}\n`);
    await tick();
    expect(B.errors.map((e) => e.kind)).toEqual(['oversized']);
    expect(B.messages).toEqual([{ n: 1 }]);
  });

  it('refuses to send a message longer than maxLine', () => {
    const { a } = pair();
    const A = collect(a, 16);
    expect(() => A.conn.send({ text: 'x'.repeat(100) })).toThrow(/exceeds/);
  });

  it('sends up to maxSendLine when the directions have different limits', async () => {
    const { a, b } = pair();
    const A = attachNdjson(a, { maxLine: 16, maxSendLine: 200, onMessage: () => {}, onError: () => {} });
    const B = collect(b, 200);
    expect(A.send({ text: 'x'.repeat(100) })).toBe(true);
    expect(() => A.send({ text: 'x'.repeat(300) })).toThrow(/limit of 200/);
    await tick();
    expect(B.messages).toEqual([{ text: 'x'.repeat(100) }]);
  });

  it('reports close once and takes a final line without newline', async () => {
    const { a, b } = pair();
    const closes: unknown[] = [];
    const messages: unknown[] = [];
    attachNdjson(b, { maxLine: 100, onMessage: (m) => messages.push(m), onError: () => {}, onClose: (e) => closes.push(e ?? 'clean') });
    a.end('{"last":1}');
    await tick();
    expect(messages).toEqual([{ last: 1 }]);
    expect(closes).toEqual(['clean']);
  });

  it('send reports backpressure and drained() resolves when the reader catches up', async () => {
    const { a, b } = pair();
    const A = collect(a, 1 << 20);
    const big = 'y'.repeat(64 * 1024);
    let full = false;
    for (let i = 0; i < 10 && !full; i++) full = !A.conn.send(big);
    expect(full).toBe(true);
    const B = collect(b, 1 << 20); // starts reading, which drains a's buffer
    await A.conn.drained();
    await tick();
    expect(B.messages.length).toBeGreaterThan(0);
  });
});

describe('attachNdjson half-open', () => {
  it('can still send after the peer ended its side', async () => {
    const { a, b } = pair();
    const received: unknown[] = [];
    attachNdjson(a, { maxLine: 100, onMessage: (m) => received.push(m), onError: () => {} });
    let closed = false;
    const B = attachNdjson(b, { maxLine: 100, onMessage: () => {}, onError: () => {}, onClose: () => (closed = true) });
    a.end();
    await tick();
    expect(closed).toBe(true);
    B.send({ late: true });
    await tick();
    expect(received).toEqual([{ late: true }]);
  });
});
