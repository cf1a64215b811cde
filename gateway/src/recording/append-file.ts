// One append-only file with its pending bytes and a single in-flight writev. Lines are encoded
// straight into 1 MiB slabs taken from a small process-wide pool and handed back once written, so
// a flood allocates (and the GC sees) nothing per chunk. Long runs of one escaped byte can be
// queued as a shared constant buffer instead (pushShared): the kernel copies it, we do not.
import { closeSync, write as fsWrite, writev } from 'node:fs';

const SLAB = 1024 * 1024;
/** Slabs kept for reuse across all files (memory held while idle: at most this many MiB). */
const POOL_MAX = 8;
const pool: Buffer[] = [];

class Slab {
  /** Queued or in-flight segments of this slab, plus one while it is a file's current slab. */
  refs = 1;
  constructor(readonly buf: Buffer) {}
}

function release(slab: Slab): void {
  if (--slab.refs === 0 && slab.buf.length === SLAB && pool.length < POOL_MAX) pool.push(slab.buf);
}

interface Segment {
  data: Buffer;
  slab?: Slab;
}

export class AppendFile {
  private queued: Segment[] = [];
  private slab: Slab | undefined;
  /** Start of the current slab's bytes not yet queued, and the end of what was committed. */
  private start = 0;
  private pos = 0;
  /** Bytes committed but not yet handed to a write. */
  pendingBytes = 0;
  inFlightBytes = 0;
  /** Bytes written to the file (confirmed) plus in flight. */
  private committed = 0;
  private writing = false;
  private idle: Array<() => void> = [];

  constructor(
    private readonly fd: number,
    private readonly onError: (error: NodeJS.ErrnoException) => void,
  ) {}

  /** Logical end of the file once everything pending is written. */
  get end(): number {
    return this.committed + this.pendingBytes;
  }

  /** A buffer and the offset in it where up to `n` bytes may be written, then commit(end). */
  reserve(n: number): [Buffer, number] {
    if (!this.slab || this.slab.buf.length - this.pos < n) {
      this.seal();
      this.dropSlab();
      this.slab = new Slab(n <= SLAB ? (pool.pop() ?? Buffer.allocUnsafeSlow(SLAB)) : Buffer.allocUnsafeSlow(n));
      this.start = this.pos = 0;
    }
    return [this.slab.buf, this.pos];
  }

  /** The bytes from the reserved offset up to `end` are part of the file (after earlier ones). */
  commit(end: number): void {
    this.pendingBytes += end - this.pos;
    this.pos = end;
  }

  /** Appends a string (a header, resize or index line). */
  pushString(text: string): void {
    const [buf, o] = this.reserve(Buffer.byteLength(text));
    this.commit(o + buf.write(text, o, 'utf8'));
  }

  /** Appends a buffer that is never modified (it is queued as is, not copied). */
  pushShared(data: Buffer): void {
    this.seal();
    this.queued.push({ data });
    this.pendingBytes += data.length;
  }

  /** Forgets what is not yet handed to the kernel; returns how many bytes were dropped. */
  drop(): number {
    const n = this.pendingBytes;
    for (const s of this.queued) if (s.slab) release(s.slab);
    this.queued = [];
    this.start = this.pos;
    this.pendingBytes = 0;
    return n;
  }

  flush(): void {
    this.seal();
    if (this.writing || this.queued.length === 0) return;
    const segments = this.queued;
    const total = this.pendingBytes;
    this.queued = [];
    this.committed += total;
    this.inFlightBytes = total;
    this.pendingBytes = 0;
    this.writing = true;
    const buffers = segments.map((s) => s.data);
    const done = (error: NodeJS.ErrnoException | null) => {
      for (const s of segments) if (s.slab) release(s.slab);
      this.written(error);
    };
    writev(this.fd, buffers, (error, n) => {
      if (error || n === total) return done(error);
      this.writeRest(Buffer.concat(buffers).subarray(n), done); // a short write: rare, finish it
    });
  }

  /** Resolves when nothing is pending or in flight. */
  drained(): Promise<void> {
    this.flush();
    if (!this.writing) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  close(): void {
    this.dropSlab();
    closeSync(this.fd);
  }

  /** Queues the current slab's committed bytes as one segment. */
  private seal(): void {
    if (!this.slab || this.pos === this.start) return;
    this.queued.push({ data: this.slab.buf.subarray(this.start, this.pos), slab: this.slab });
    this.slab.refs++;
    this.start = this.pos;
  }

  private dropSlab(): void {
    if (this.slab) release(this.slab);
    this.slab = undefined;
  }

  private writeRest(data: Buffer, done: (error: NodeJS.ErrnoException | null) => void): void {
    fsWrite(this.fd, data, 0, data.length, null, (error, n) => {
      if (error || n === data.length) return done(error);
      this.writeRest(data.subarray(n), done);
    });
  }

  private written(error: NodeJS.ErrnoException | null): void {
    this.writing = false;
    this.inFlightBytes = 0;
    if (error) {
      this.onError(error);
      this.wake();
    } else if (this.queued.length > 0 || this.pos > this.start) this.flush();
    else {
      this.dropSlab(); // idle: hold no memory until the next line
      this.wake();
    }
  }

  private wake(): void {
    for (const fn of this.idle.splice(0)) fn();
  }
}
