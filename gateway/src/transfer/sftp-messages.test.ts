// The SFTP message splitter and the file digest: pieces of real traffic shapes, no network.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FileDigest } from './file-digest';
import { FX_FAILURE, MAX_SFTP_MESSAGE_BYTES, MessageReader, MessageSplitter, statusMessage } from './sftp-messages';

const message = (type: number, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(body.length + 1);
  head[4] = type;
  return Buffer.concat([head, body]);
};

describe('MessageSplitter', () => {
  it('gives whole messages whatever the chunks, byte by byte or several in one', () => {
    const a = message(3, Buffer.from('first'));
    const b = message(5, Buffer.alloc(1000, 7));
    const stream = Buffer.concat([a, b, a]);
    const bytewise = new MessageSplitter();
    const out = [...stream].flatMap((byte) => bytewise.push(Buffer.from([byte])));
    expect(out).toEqual([a, b, a]);
    expect(new MessageSplitter().push(stream)).toEqual([a, b, a]);
  });

  it('refuses a length over the limit before holding any of it', () => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(MAX_SFTP_MESSAGE_BYTES + 1);
    expect(() => new MessageSplitter().push(head)).toThrow(`an SFTP message of ${MAX_SFTP_MESSAGE_BYTES + 1} bytes is over the limit of ${MAX_SFTP_MESSAGE_BYTES}`);
  });

  it('a status message reads back as written', () => {
    const m = new MessageReader(statusMessage(42, FX_FAILURE, 'no'));
    expect([m.type, m.uint32(), m.uint32(), m.bytes().toString(), m.bytes().length]).toEqual([101, 42, FX_FAILURE, 'no', 0]);
    expect(() => m.uint32()).toThrow('a truncated SFTP message');
  });
});

describe('FileDigest', () => {
  it('hashes bytes that come in order; out of order, it counts them and gives no hash', () => {
    const inOrder = new FileDigest();
    inOrder.add(0, Buffer.from('hello '));
    inOrder.add(6, Buffer.from('world'));
    expect(inOrder.digest()).toBe(createHash('sha256').update('hello world').digest('hex'));
    const jumping = new FileDigest();
    jumping.add(6, Buffer.from('world'));
    jumping.add(0, Buffer.from('hello '));
    expect([jumping.bytes, jumping.inOrder, jumping.digest()]).toEqual([11, false, undefined]);
  });
});
