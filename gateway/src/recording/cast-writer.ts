// Writes one session's asciicast v2 file (and its keyframe index) append-only, without ever
// blocking the event loop: events are encoded to bytes (json-line.ts) straight into reusable
// slabs (append-file.ts), then written by one async write at a time — at least every FLUSH_MS,
// sooner when a batch grows large. When the disk falls behind, `behind` tells the session's
// streams to hold back (sink.ts). Memory stays bounded even if they do not: past maxBuffered,
// `onFailure` is told and the pending batch is dropped.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppendFile } from './append-file';
import { openDirect } from './direct-io';
import { escapeOf, JsonLineEncoder, repeatedByte } from './json-line';

export const FLUSH_MS = 250;
const BATCH_BYTES = 256 * 1024;
export const DEFAULT_MAX_BUFFERED = 32 * 1024 * 1024;
/** Half of maxBuffered waiting for the disk: the session's streams hold back (see `behind`)… */
const BEHIND_SHARE = 1 / 2;
/** …until no more than a quarter is waiting. */
const CAUGHT_UP_SHARE = 1 / 4;
/** A writer behind for this long (a hung disk) stops holding the session: it drops and says so. */
export const STALL_MS = 30_000;

export interface CastHeader {
  width: number;
  height: number;
  /** Seconds since the epoch. */
  timestamp: number;
  term?: string;
  title?: string;
}

export interface CastWriterOptions {
  castPath: string;
  idxPath: string;
  header: CastHeader;
  /**
   * Bytes waiting for the disk at most before they are dropped (and onFailure called); half of
   * it makes the writer `behind`. Memory held is at most twice this (plus what is in flight).
   */
  maxBuffered?: number;
  /** Write large batches with O_DIRECT where the filesystem allows it (default true; direct-io.ts). */
  directIo?: boolean;
  /** How long a hung disk may hold the session's streams before what waits is dropped (default STALL_MS). */
  stallMs?: number;
  /** The recording failed: a write error (ENOSPC, EIO…) or the disk cannot keep up. */
  onFailure(reason: string, fatal: boolean): void;
  /** Milliseconds on a monotonic clock (default performance.now); a benchmark records hours in seconds with its own. */
  clock?: () => number;
}

/** Opens both files, 0600, O_APPEND; throws (ENOSPC, EACCES…) when they cannot be created. */
function openAppend(path: string): number {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return openSync(path, 'a', 0o600);
}

const SUFFIX = '"]\n';
/** Runs of one escaped byte at least this long are queued as shared constant buffers. */
const SHARED_RUN_MIN = 4096;
const RUN_UNIT = 32 * 1024; // an SSH packet's data at most: one buffer per chunk
const runs = new Map<number, Buffer>();
/** `count` (≤ RUN_UNIT) escapes of byte b, from one constant buffer per byte value. */
function escapedRun(b: number, escape: Buffer, count: number): Buffer {
  let all = runs.get(b);
  if (!all) runs.set(b, (all = Buffer.alloc(escape.length * RUN_UNIT, escape)));
  return all.subarray(0, escape.length * count);
}

/** Seconds with microseconds, as asciinema writes them. */
const seconds = (ms: number) => (ms / 1000).toFixed(6);

export class CastWriter {
  private readonly cast: AppendFile;
  private readonly idx: AppendFile;
  private readonly clock: () => number;
  private readonly started: number;
  private readonly encoders = { o: new JsonLineEncoder(), e: new JsonLineEncoder(), i: new JsonLineEncoder() };
  private readonly timer: NodeJS.Timeout;
  private readonly maxBuffered: number;
  private failed = false;
  private closed = false;
  private readonly hash = createHash('sha256');
  private digest: string | undefined;
  private waiters: Array<() => void> = [];
  private heldSince = 0;
  /** Time of the last event (ms since the start). */
  lastT = 0;
  /** Bytes of output dropped because the disk could not keep up (non-fatal failures). */
  dropped = 0;

  private constructor(
    castFd: number,
    idxFd: number,
    private readonly options: CastWriterOptions,
  ) {
    this.clock = options.clock ?? (() => performance.now());
    this.started = this.clock();
    const onError = (error: NodeJS.ErrnoException) => this.fail(`write failed: ${error.code ?? error.message}`, true);
    // Output floods bypass the page cache (direct-io.ts); the index is small and stays buffered.
    const directFd = options.directIo !== false && fstatSync(castFd).size === 0 ? openDirect(options.castPath) : undefined;
    // Hashed as it is handed to the disk, so ending a session never re-reads its recording.
    this.cast = new AppendFile(castFd, { onError, onHanded: () => this.wakeIfCaughtUp(), onBytes: (b) => this.hash.update(b), directFd });
    this.idx = new AppendFile(idxFd, { onError });
    this.maxBuffered = options.maxBuffered ?? DEFAULT_MAX_BUFFERED;
    this.timer = setInterval(() => {
      this.flush();
      this.releaseIfStalled();
    }, FLUSH_MS);
    this.timer.unref();
  }

  /** Creates the files and writes the header; throws when the files cannot be opened. */
  static open(options: CastWriterOptions): CastWriter {
    const castFd = openAppend(options.castPath);
    let idxFd: number;
    try {
      idxFd = openAppend(options.idxPath);
    } catch (error) {
      closeSync(castFd);
      throw error;
    }
    const w = new CastWriter(castFd, idxFd, options);
    const h = options.header;
    w.cast.pushString(JSON.stringify({ version: 2, width: h.width, height: h.height, timestamp: h.timestamp, env: { TERM: h.term ?? 'xterm', SHELL: null }, title: h.title }) + '\n');
    w.flush();
    return w;
  }

  /** Milliseconds since the recording started (the clock of every event). */
  elapsed(): number {
    return this.clock() - this.started;
  }

  /**
   * Half of maxBuffered waits for the disk. The session's streams then hold back (a recording
   * sink, sink.ts) as they do for a slow client, rather than the recorder dropping what it could
   * not write: an audited session is recorded whole, at the disk's pace.
   */
  get behind(): boolean {
    return !this.failed && !this.closed && this.cast.pendingBytes > this.maxBuffered * BEHIND_SHARE;
  }

  /** Calls `fn` (asynchronously) once the writer is no longer behind, closed or failed. */
  whenCaughtUp(fn: () => void): void {
    if (this.waiters.length === 0) this.heldSince = performance.now();
    this.waiters.push(fn);
    this.wakeIfCaughtUp();
  }

  /** Sessions held for stallMs: what waits is dropped (audited as a non-fatal failure), they go on. */
  private releaseIfStalled(): void {
    const stallMs = this.options.stallMs ?? STALL_MS;
    if (this.waiters.length === 0 || performance.now() - this.heldSince < stallMs) return;
    this.dropPending(`the disk has not kept up for ${stallMs / 1000} s`);
  }

  private dropPending(reason: string): void {
    this.dropped += this.cast.drop();
    this.idx.drop(); // its entries may point into what was dropped
    this.wakeIfCaughtUp();
    this.options.onFailure(reason, false);
  }

  private wakeIfCaughtUp(): void {
    if (this.waiters.length === 0 || (!this.failed && !this.closed && this.cast.pendingBytes > this.maxBuffered * CAUGHT_UP_SHARE)) return;
    const waiters = this.waiters.splice(0);
    process.nextTick(() => waiters.forEach((fn) => fn())); // not from inside a flush: they record more
  }

  /** Byte offset in the .cast file where the next event will start. */
  get offset(): number {
    return this.cast.end;
  }

  /** Target output (stdout or stderr). */
  output(data: Buffer, stream: 'o' | 'e' = 'o'): void {
    this.event(this.encoders[stream], 'o', data);
  }

  input(data: Buffer): void {
    this.event(this.encoders.i, 'i', data);
  }

  resize(cols: number, rows: number): void {
    if (this.failed || this.closed) return;
    this.lastT = this.elapsed();
    this.cast.pushString(`[${seconds(this.lastT)}, "r", "${cols}x${rows}"]\n`);
    this.afterLine();
  }

  /** A keyframe line for the index (NDJSON). */
  keyframe(entry: { t: number; offset: number; cols: number; rows: number; snapshot: string }): void {
    if (this.failed || this.closed) return;
    this.idx.pushString(JSON.stringify(entry) + '\n');
  }

  private event(encoder: JsonLineEncoder, type: 'o' | 'i', data: Buffer): void {
    if (this.failed || this.closed || data.length === 0) return;
    const t = this.elapsed();
    const prefix = `[${seconds(t)}, "${type}", "`;
    const run = encoder.carrying || data.length < SHARED_RUN_MIN ? -1 : repeatedByte(data);
    const escape = run >= 0 ? escapeOf(run) : undefined;
    if (escape) {
      // A flood of one control byte (NUL from /dev/zero): queue a constant buffer of its escape.
      this.cast.pushString(prefix);
      for (let left = data.length; left > 0; left -= RUN_UNIT) this.cast.pushShared(escapedRun(run, escape, Math.min(left, RUN_UNIT)));
      this.cast.pushString(SUFFIX);
    } else {
      const [buf, start] = this.cast.reserve(prefix.length + JsonLineEncoder.maxBytes(data.length) + SUFFIX.length);
      const body = start + buf.write(prefix, start, 'latin1');
      const end = encoder.encodeInto(data, buf, body);
      if (end === body) return; // only the start of a UTF-8 sequence: it waits for the next chunk
      this.cast.commit(end + buf.write(SUFFIX, end, 'latin1'));
    }
    this.lastT = t;
    this.afterLine();
  }

  private afterLine(): void {
    if (this.cast.pendingBytes >= Math.min(BATCH_BYTES, this.maxBuffered * BEHIND_SHARE)) this.cast.flush();
    if (this.cast.pendingBytes > this.maxBuffered) this.dropPending(`the disk cannot keep up: more than ${this.maxBuffered} bytes waiting`);
  }

  private fail(reason: string, fatal: boolean): void {
    if (this.failed) return;
    this.failed = true;
    clearInterval(this.timer);
    this.cast.drop();
    this.idx.drop();
    this.wakeIfCaughtUp();
    this.options.onFailure(reason, fatal);
  }

  flush(): void {
    this.cast.flush();
    this.idx.flush();
  }

  /** Writes what is pending and closes the files; returns the size of the .cast file. */
  async close(): Promise<number> {
    if (this.closed) return this.cast.end;
    // Incomplete UTF-8 sequences at the very end are written as replacement characters.
    for (const [k, encoder] of Object.entries(this.encoders)) {
      if (this.failed || !encoder.carrying) continue;
      const prefix = `[${seconds(this.elapsed())}, "${k === 'i' ? 'i' : 'o'}", "`;
      const [buf, start] = this.cast.reserve(prefix.length + JsonLineEncoder.maxBytes(0) + SUFFIX.length);
      const end = encoder.endInto(buf, start + buf.write(prefix, start, 'latin1'));
      this.cast.commit(end + buf.write(SUFFIX, end, 'latin1'));
    }
    this.closed = true;
    clearInterval(this.timer);
    this.wakeIfCaughtUp();
    await Promise.all([this.cast.drained(), this.idx.drained()]);
    this.cast.close();
    this.idx.close();
    this.digest = this.hash.digest('hex');
    return this.cast.end;
  }

  /**
   * After close: the SHA-256 and size of the .cast file as written, to seal into the session's
   * end row; undefined when a write failed (the file then holds an unknown part of it).
   */
  get seal(): { sha256: string; size: number } | undefined {
    return this.digest !== undefined && !this.failed ? { sha256: this.digest, size: this.cast.end } : undefined;
  }
}
