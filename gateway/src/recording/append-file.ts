// One append-only file with its pending bytes and a single in-flight writev. Lines are encoded
// straight into 1 MiB slabs taken from a small process-wide pool and handed back once written, so
// a flood allocates (and the GC sees) nothing per chunk. Long runs of one escaped byte can be
// queued as a shared constant buffer instead (pushShared): the kernel copies it, we do not.
// Given a second, O_DIRECT descriptor, large batches bypass the page cache (direct-io.ts): they
// are copied into an aligned stage and written from the last aligned offset, so the file's bytes
// since that offset (`carry`, under 4 KiB) are kept after each write to start the next one.
import { closeSync, write as fsWrite, writev } from 'node:fs';
import { alignDown, DIRECT_ALIGN, directIoStats, disableDirectIo, giveStage, STAGE_BYTES, takeStages } from './direct-io';

const SLAB = 1024 * 1024;
/** Slabs kept for reuse across all files (memory held while idle: at most this many MiB). */
const POOL_MAX = 8;
const pool: Buffer[] = [];
/** Batches smaller than this (typing, a prompt) go through the page cache: one page, no stage. */
const DIRECT_MIN = 64 * 1024;
/** After a write, bytes pending that are written at once instead of at the owner's next flush. */
const REWRITE_AT_ONCE_BYTES = 64 * 1024;
/** Errors of a direct write that mean "not this way" (alignment, no O_DIRECT), not a failing disk. */
const DIRECT_REFUSED = new Set(['EINVAL', 'EOPNOTSUPP', 'ENOTSUP']);
/** One write takes at most half of the stages, so two floods can both write directly. */
const STAGES_PER_WRITE = 8;

class Slab {
  /** Queued or in-flight segments of this slab, plus one while it is a file's current slab. */
  refs = 1;
  constructor(readonly buf: Buffer) {}
}

function release(slab: Slab): void {
  if (--slab.refs === 0 && slab.buf.length === SLAB && pool.length < POOL_MAX) pool.push(slab.buf);
}

interface Segment {
  /** What is left to write of it (a direct write may take only its start). */
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
  /** Bytes written to the file (confirmed) plus in flight. */
  private committed = 0;
  private writing = false;
  private idle: Array<() => void> = [];
  /** The file's bytes from alignDown(committed) to committed, when direct writes are possible. */
  private carry: Buffer | undefined;
  private carryLen = 0;
  /** Undefined without O_DIRECT, or once a direct write was refused. */
  private directFd: number | undefined;

  /**
   * `fd` is opened with O_APPEND on a new, empty file; `directFd`, when given, is a second
   * descriptor on it opened with O_DIRECT. `onHanded` hears (synchronously) that pending bytes
   * were handed to the kernel.
   */
  constructor(
    private readonly fd: number,
    private readonly hooks: { onError(error: NodeJS.ErrnoException): void; onHanded?(): void; onBytes?(data: Buffer): void; directFd?: number },
  ) {
    this.directFd = hooks.directFd;
  }

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
    this.writing = true;
    if (this.directFd !== undefined && this.pendingBytes >= DIRECT_MIN) {
      const stages = takeStages(Math.min(Math.ceil((this.carryLen + this.pendingBytes) / STAGE_BYTES), STAGES_PER_WRITE));
      if (stages.length > 0) return this.writeDirect(stages);
    }
    this.writeBuffered();
  }

  /** Everything queued, through the page cache (appended). */
  private writeBuffered(): void {
    const segments = this.queued;
    const total = this.pendingBytes;
    if (this.directFd !== undefined) this.keepCarry(segments, total);
    this.queued = [];
    this.committed += total;
    this.pendingBytes = 0;
    this.hooks.onHanded?.();
    const buffers = segments.map((s) => s.data);
    for (const b of buffers) this.hooks.onBytes?.(b);
    const done = (error: NodeJS.ErrnoException | null) => {
      for (const s of segments) if (s.slab) release(s.slab);
      this.written(error);
    };
    writev(this.fd, buffers, (error, n) => {
      if (error || n === total) return done(error);
      this.writeRest(Buffer.concat(buffers).subarray(n), done); // a short write: rare, finish it
    });
  }

  /**
   * The carry and as much of the queue as fills the stages to an aligned length, written with
   * O_DIRECT at the carry's (aligned) offset. The carry's bytes are rewritten unchanged.
   */
  private writeDirect(stages: Buffer[]): void {
    const carried = this.carryLen;
    const at = this.committed - carried;
    if (carried > 0) this.carry!.copy(stages[0]!, 0, 0, carried);
    const length = alignDown(Math.min(carried + this.pendingBytes, stages.length * STAGE_BYTES));
    const parts: Buffer[] = [];
    let o = carried; // in the whole run of stages
    let used = 0; // segments copied whole: their slabs go back to the pool now
    while (o < length) {
      const s = this.queued[used]!;
      const n = Math.min(s.data.length, length - o, STAGE_BYTES - (o % STAGE_BYTES));
      s.data.copy(stages[Math.floor(o / STAGE_BYTES)]!, o % STAGE_BYTES, 0, n);
      o += n;
      if (n < s.data.length) s.data = s.data.subarray(n);
      else {
        if (s.slab) release(s.slab);
        used++;
      }
    }
    this.queued.splice(0, used);
    for (let i = 0; i * STAGE_BYTES < length; i++) parts.push(stages[i]!.subarray(0, Math.min(STAGE_BYTES, length - i * STAGE_BYTES)));
    for (const unused of stages.splice(parts.length)) giveStage(unused);
    const taken = length - carried;
    this.handedFrom(parts, carried); // the carried bytes were handed before
    this.carryLen = 0; // at + length is aligned
    this.committed += taken;
    this.pendingBytes -= taken;
    this.hooks.onHanded?.();
    const done = (error: NodeJS.ErrnoException | null) => {
      for (const stage of stages) giveStage(stage);
      this.written(error);
    };
    writev(this.directFd!, parts, at, (error, n) => {
      if (!error && n === length) {
        directIoStats.bytes += length;
        return done(null);
      }
      if (error && !DIRECT_REFUSED.has(error.code ?? '')) return done(error);
      if (error) this.abandonDirect(); // another alignment, or no O_DIRECT after all: page cache from now on
      // The rest is appended (after a refusal, all but the carried bytes, which the file has):
      // the file ends at at + max(n, carried) here.
      this.writeRest(Buffer.concat(parts).subarray(Math.max(error ? 0 : n, carried)), done);
    });
  }

  /** Tells onBytes the bytes of `parts` from `skip` on, in file order. */
  private handedFrom(parts: Buffer[], skip: number): void {
    if (!this.hooks.onBytes) return;
    for (const p of parts) {
      if (skip < p.length) this.hooks.onBytes(p.subarray(skip));
      skip = Math.max(0, skip - p.length);
    }
  }

  /** Keeps the file's bytes since the last aligned offset once `segments` are appended. */
  private keepCarry(segments: Segment[], total: number): void {
    const k = (this.committed + total) % DIRECT_ALIGN;
    const carry = (this.carry ??= Buffer.allocUnsafe(DIRECT_ALIGN));
    const fromOld = Math.max(k - total, 0); // a batch shorter than the carry keeps the old one's end
    if (fromOld > 0) carry.copy(carry, 0, this.carryLen - fromOld, this.carryLen);
    let o = fromOld;
    let skip = total - (k - fromOld);
    for (const s of segments) {
      if (skip >= s.data.length) {
        skip -= s.data.length;
        continue;
      }
      o += s.data.copy(carry, o, skip);
      skip = 0;
    }
    this.carryLen = k;
  }

  private abandonDirect(): void {
    disableDirectIo();
    if (this.directFd !== undefined) closeSync(this.directFd);
    this.directFd = undefined;
  }

  /** Resolves when nothing is pending or in flight. */
  drained(): Promise<void> {
    this.flush();
    if (!this.writing) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  close(): void {
    this.dropSlab();
    if (this.directFd !== undefined) closeSync(this.directFd);
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
    if (error) {
      this.hooks.onError(error);
      this.wake();
    } else if (this.queued.length > 0 || this.pos > this.start) {
      // More came in while this write was out. A flood's next batch goes at once; a few lines
      // (typing: one write per keystroke otherwise, each a thread-pool round trip) wait for the
      // owner's next flush, unless someone waits for the file to drain.
      if (this.idle.length > 0 || this.pendingBytes >= REWRITE_AT_ONCE_BYTES) this.flush();
    } else {
      this.dropSlab(); // idle: hold no memory until the next line
      this.wake();
    }
  }

  private wake(): void {
    for (const fn of this.idle.splice(0)) fn();
  }
}
