// SFTP messages (version 3, the one OpenSSH speaks: draft-ietf-secsh-filexfer-02) as the gateway
// sees them while relaying: split out of a byte stream, read for the few fields it follows (opens,
// reads, writes, closes and their replies), and the one reply it writes itself (a failure status).

/** Largest message either side may send, as OpenSSH's sftp-server and sftp accept (SFTP_MAX_MSG_LENGTH). */
export const MAX_SFTP_MESSAGE_BYTES = 256 * 1024;

export const FXP = {
  INIT: 1,
  VERSION: 2,
  OPEN: 3,
  CLOSE: 4,
  READ: 5,
  WRITE: 6,
  OPENDIR: 11,
  STATUS: 101,
  HANDLE: 102,
  DATA: 103,
} as const;

export const FX_OK = 0;
export const FX_EOF = 1;
export const FX_FAILURE = 4;
/** SSH_FXF_WRITE in an OPEN's pflags: the file is opened to be written (an upload). */
export const FXF_WRITE = 0x02;

export class SftpProtocolError extends Error {}

/**
 * Splits a byte stream into whole messages (each with its 4-byte length). Holds at most one
 * message not yet complete; a length above MAX_SFTP_MESSAGE_BYTES is refused before anything is kept.
 */
export class MessageSplitter {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const messages: Buffer[] = [];
    while (buf.length >= 4) {
      const length = buf.readUInt32BE(0);
      if (length > MAX_SFTP_MESSAGE_BYTES) throw new SftpProtocolError(`an SFTP message of ${length} bytes is over the limit of ${MAX_SFTP_MESSAGE_BYTES}`);
      if (length === 0) throw new SftpProtocolError('an empty SFTP message');
      if (buf.length < 4 + length) break;
      messages.push(buf.subarray(0, 4 + length));
      buf = buf.subarray(4 + length);
    }
    // A copy, so a small tail does not keep a large chunk alive.
    this.pending = Buffer.from(buf);
    return messages;
  }
}

/** Reads a message's fields in order; any read past its end is a protocol error. */
export class MessageReader {
  private at = 5; // after the length and the type byte

  constructor(private readonly message: Buffer) {}

  get type(): number {
    return this.message[4]!;
  }

  uint32(): number {
    this.need(4);
    const value = this.message.readUInt32BE(this.at);
    this.at += 4;
    return value;
  }

  uint64(): number {
    this.need(8);
    const value = this.message.readBigUInt64BE(this.at);
    this.at += 8;
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new SftpProtocolError('an SFTP file offset beyond 2^53');
    return Number(value);
  }

  bytes(): Buffer {
    const length = this.uint32();
    this.need(length);
    const value = this.message.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }

  private need(n: number): void {
    if (this.at + n > this.message.length) throw new SftpProtocolError('a truncated SFTP message');
  }
}

/** SSH_FXP_STATUS for request `id`: what the gateway answers in place of the target. */
export function statusMessage(id: number, code: number, text: string): Buffer {
  const textBytes = Buffer.from(text);
  const body = Buffer.alloc(1 + 4 + 4 + 4 + textBytes.length + 4);
  let at = body.writeUInt8(FXP.STATUS, 0);
  at = body.writeUInt32BE(id, at);
  at = body.writeUInt32BE(code, at);
  at = body.writeUInt32BE(textBytes.length, at);
  at += textBytes.copy(body, at);
  body.writeUInt32BE(0, at); // language tag: none
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}
