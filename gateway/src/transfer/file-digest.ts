// The SHA-256 of a file's bytes as they move through the gateway, computed while they stream (never
// buffered). A file moved front to back (what sftp and scp do) gets the digest of its content; one
// read or written out of order cannot, and says so rather than give a hash of nothing real.
import { createHash, type Hash } from 'node:crypto';

export class FileDigest {
  private readonly hash: Hash = createHash('sha256');
  private next = 0;
  private sequential = true;
  /** Every byte moved, in order or not. */
  bytes = 0;

  add(offset: number, data: Buffer): void {
    this.bytes += data.length;
    if (!this.sequential) return;
    if (offset !== this.next) {
      this.sequential = false;
      return;
    }
    this.hash.update(data);
    this.next += data.length;
  }

  /** Whether every byte so far came in order from offset 0, and where the next one would start. */
  get inOrder(): boolean {
    return this.sequential;
  }

  get end(): number {
    return this.next;
  }

  /** The hex SHA-256 of the bytes from offset 0 on; undefined when they did not come in order. */
  digest(): string | undefined {
    return this.sequential ? this.hash.copy().digest('hex') : undefined;
  }
}
