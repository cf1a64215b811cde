// Writes one session's asciicast v2 file (and its keyframe index) append-only, without ever
// blocking the relay: events are encoded to bytes (json-line.ts) and batched in memory, then
// written by one async writev at a time — at least every FLUSH_MS, sooner when a batch grows large. Memory is
// bounded: when the disk cannot keep up, `onFailure` is told and the pending batch is dropped.
import { closeSync, mkdirSync, openSync, write as fsWrite, writev } from 'node:fs';
import { dirname } from 'node:path';
import { JsonLineEncoder } from './json-line';

export const FLUSH_MS = 250;
const BATCH_BYTES = 256 * 1024;
export const DEFAULT_MAX_BUFFERED = 32 * 1024 * 1024;

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
  /** Bytes held in memory at most before data is dropped (and onFailure called). */
  maxBuffered?: number;
  /** The recording failed: a write error (ENOSPC, EIO…) or the disk cannot keep up. */
  onFailure(reason: string, fatal: boolean): void;
}

/** Opens both files, 0600, O_APPEND; throws (ENOSPC, EACCES…) when they cannot be created. */
function openAppend(path: string): number {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return openSync(path, 'a', 0o600);
}

/** One file's pending lines and its single in-flight write. */
class AppendFile {
  private pending: Buffer[] = [];
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
  push(line: Buffer): void {
    this.pending.push(line);
    this.pendingBytes += line.length;
  }
  /** Forgets what is not yet handed to the kernel; returns how many bytes were dropped. */
  drop(): number {
    const n = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    return n;
  }
  flush(): void {
    if (this.writing || this.pending.length === 0) return;
    const buffers = this.pending;
    const total = this.pendingBytes;
    this.pending = [];
    this.committed += total;
    this.inFlightBytes = total;
    this.pendingBytes = 0;
    this.writing = true;
    writev(this.fd, buffers, (error, n) => {
      if (error || n === total) return this.written(error);
      this.writeRest(Buffer.concat(buffers).subarray(n)); // a short write: rare, finish it
    });
  }
  private writeRest(data: Buffer): void {
    fsWrite(this.fd, data, 0, data.length, null, (error, n) => {
      if (error || n === data.length) return this.written(error);
      this.writeRest(data.subarray(n));
    });
  }
  private written(error: NodeJS.ErrnoException | null): void {
    this.writing = false;
    this.inFlightBytes = 0;
    if (error) {
      this.onError(error);
      this.wake();
    } else if (this.pending.length > 0) this.flush();
    else this.wake();
  }
  private wake(): void {
    for (const fn of this.idle.splice(0)) fn();
  }
  /** Resolves when nothing is pending or in flight. */
  drained(): Promise<void> {
    this.flush();
    if (!this.writing) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }
  close(): void {
    closeSync(this.fd);
  }
}

/** Seconds with microseconds, as asciinema writes them. */
const seconds = (ms: number) => (ms / 1000).toFixed(6);

export class CastWriter {
  private readonly cast: AppendFile;
  private readonly idx: AppendFile;
  private readonly started = performance.now();
  private readonly encoders = { o: new JsonLineEncoder(), e: new JsonLineEncoder(), i: new JsonLineEncoder() };
  private readonly timer: NodeJS.Timeout;
  private readonly maxBuffered: number;
  private failed = false;
  private closed = false;
  /** Time of the last event (ms since the start). */
  lastT = 0;
  /** Bytes of output dropped because the disk could not keep up (non-fatal failures). */
  dropped = 0;

  private constructor(
    castFd: number,
    idxFd: number,
    private readonly options: CastWriterOptions,
  ) {
    const onError = (error: NodeJS.ErrnoException) => this.fail(`write failed: ${error.code ?? error.message}`, true);
    this.cast = new AppendFile(castFd, onError);
    this.idx = new AppendFile(idxFd, onError);
    this.maxBuffered = options.maxBuffered ?? DEFAULT_MAX_BUFFERED;
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
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
    w.line(Buffer.from(JSON.stringify({ version: 2, width: h.width, height: h.height, timestamp: h.timestamp, env: { TERM: h.term ?? 'xterm', SHELL: null }, title: h.title }) + '\n'));
    w.flush();
    return w;
  }

  /** Milliseconds since the recording started (the clock of every event). */
  elapsed(): number {
    return performance.now() - this.started;
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
    this.line(Buffer.from(`[${seconds(this.lastT)}, "r", "${cols}x${rows}"]\n`));
  }

  /** A keyframe line for the index (NDJSON). */
  keyframe(entry: { t: number; offset: number; cols: number; rows: number; snapshot: string }): void {
    if (this.failed || this.closed) return;
    this.idx.push(Buffer.from(JSON.stringify(entry) + '\n'));
  }

  private event(encoder: JsonLineEncoder, type: 'o' | 'i', data: Buffer): void {
    if (this.failed || this.closed) return;
    const t = this.elapsed();
    const line = encoder.encode(`[${seconds(t)}, "${type}", "`, data, '"]\n');
    if (!line) return;
    this.lastT = t;
    this.line(line);
  }

  private line(line: Buffer): void {
    this.cast.push(line);
    if (this.cast.pendingBytes >= BATCH_BYTES) this.cast.flush();
    if (this.cast.pendingBytes + this.cast.inFlightBytes > this.maxBuffered) {
      this.dropped += this.cast.drop();
      this.idx.drop(); // its entries may point into what was dropped
      this.options.onFailure(`the disk cannot keep up: more than ${this.maxBuffered} bytes waiting`, false);
    }
  }

  private fail(reason: string, fatal: boolean): void {
    if (this.failed) return;
    this.failed = true;
    clearInterval(this.timer);
    this.cast.drop();
    this.idx.drop();
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
      const rest = !this.failed && encoder.end(`[${seconds(this.elapsed())}, "${k === 'i' ? 'i' : 'o'}", "`, '"]\n');
      if (rest) this.line(rest);
    }
    this.closed = true;
    clearInterval(this.timer);
    await Promise.all([this.cast.drained(), this.idx.drained()]);
    this.cast.close();
    this.idx.close();
    return this.cast.end;
  }
}
