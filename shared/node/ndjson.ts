// Newline-delimited JSON over any Node Duplex (an SSH channel, a socket, a child's stdio).
// One JSON value per line. Used by the gateway's API subsystem and by the client's main side.
//
// Why hand-rolled instead of readline: readline buffers a line without bound. Here a line longer
// than `maxLine` is reported once and its remaining bytes are skipped up to the next newline, so a
// hostile peer cannot make us hold more than `maxLine` bytes. Bad lines never end the stream.
import type { Duplex } from 'node:stream';

export type NdjsonErrorKind = 'oversized' | 'malformed';

/** A line that could not be turned into a message. The stream stays usable. */
export class NdjsonError extends Error {
  constructor(
    readonly kind: NdjsonErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'NdjsonError';
  }
}

export interface NdjsonOptions {
  /** Largest accepted line in bytes, without its newline. */
  maxLine: number;
  /** Largest line we send (default maxLine): the peer's limit, when the two directions differ. */
  maxSendLine?: number;
  onMessage(message: unknown): void;
  /** A bad line (oversized or not JSON). Stream errors are not reported here: see onClose. */
  onError(error: NdjsonError): void;
  /**
   * No more messages will arrive: the peer ended its side, the stream closed or failed, or we
   * called close(). Called once. Sending still works while the stream is writable (half-open).
   */
  onClose?(error?: Error): void;
}

export interface NdjsonConnection {
  /**
   * Writes one message as a line. Returns false when the stream's buffer is full: the caller
   * should wait for `drained()` before sending much more (this is how callers get backpressure).
   * Throws when the encoded message is longer than maxSendLine (the peer would reject it anyway).
   */
  send(message: unknown): boolean;
  /**
   * Writes lines made by encodeLine in one write: on an SSH channel one packet (and one encryption)
   * for many small messages instead of one each. Returns what send() does.
   */
  sendLines(lines: string[]): boolean;
  /** Resolves once the stream's write buffer has room again (at once if it has). */
  drained(): Promise<void>;
  /**
   * Stops reading (the stream's own flow control then stops the peer) and resumes it. No message
   * is delivered while paused, not even the rest of a chunk already read.
   */
  pause(): void;
  resume(): void;
  /** Detaches and ends our side of the stream. */
  close(): void;
}

const NEWLINE = 0x0a;

export interface LineSplitter {
  /** Splits `chunk` into lines; while paused it is held, unsplit, until resume(). */
  push(chunk: Buffer): void;
  /**
   * Stops delivering lines, also from the middle of the chunk being split: a consumer that pauses
   * from onLine gets no further line until it resumes, so one chunk cannot force unbounded work.
   */
  pause(): void;
  /** Delivers the held lines (a callback may pause again) and goes on delivering. */
  resume(): void;
  readonly paused: boolean;
  /** End of input: once every held line is out, a last line without its newline still counts, then `done`. */
  end(done?: () => void): void;
}

/** The line splitter on its own, so it can be tested without a stream. */
export function createLineSplitter(maxLine: number, onLine: (line: Buffer) => void, onOversized: (bytes: number) => void): LineSplitter {
  let parts: Buffer[] = [];
  let pending = 0; // bytes held in `parts`
  let skipping = false; // inside an oversized line: drop bytes up to the next newline
  let skipped = 0;
  const held: Buffer[] = []; // chunks (the first may be a remainder) not split yet: we are paused
  let paused = false;
  let delivering = false; // guards against re-entry when a callback resumes
  let ending: (() => void) | undefined;
  let ended = false;

  /** Splits lines off `chunk` until it is used up or we get paused; returns what is left. */
  function split(chunk: Buffer): Buffer | undefined {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl < 0 ? chunk.length : nl;
      if (skipping) {
        skipped += end - start;
      } else if (pending + (end - start) > maxLine) {
        // Report once, free what we held and skip the rest of this line.
        skipping = true;
        skipped = pending + (end - start);
        parts = [];
        pending = 0;
      } else if (end > start) {
        parts.push(chunk.subarray(start, end));
        pending += end - start;
      }
      if (nl < 0) return undefined;
      start = nl + 1;
      if (skipping) {
        skipping = false;
        onOversized(skipped);
      } else {
        const line = parts.length === 1 ? parts[0]! : Buffer.concat(parts, pending);
        parts = [];
        pending = 0;
        if (line.length) onLine(line);
      }
      if (paused) return start < chunk.length ? chunk.subarray(start) : undefined;
    }
    return undefined;
  }

  function deliver(): void {
    if (delivering) return;
    delivering = true;
    try {
      while (!paused && held.length) {
        const rest = split(held.shift()!);
        if (rest) held.unshift(rest);
      }
    } finally {
      delivering = false;
    }
    if (!paused && !held.length && ending) finishEnd();
  }

  function finishEnd(): void {
    const done = ending!;
    ending = undefined;
    ended = true;
    if (skipping) onOversized(skipped);
    else if (pending) onLine(Buffer.concat(parts, pending));
    parts = [];
    pending = 0;
    skipping = false;
    done();
  }

  return {
    push(chunk) {
      if (ended || ending) return;
      held.push(chunk);
      deliver();
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      deliver();
    },
    get paused() {
      return paused;
    },
    end(done = () => {}) {
      if (ended || ending) return;
      ending = done;
      deliver();
    },
  };
}

/** One message as a line, newline included. Throws when it is longer than `maxLine` or not JSON. */
export function encodeLine(message: unknown, maxLine: number): string {
  const line = JSON.stringify(message);
  if (line === undefined) throw new TypeError('message is not JSON-serialisable');
  const bytes = Buffer.byteLength(line);
  if (bytes > maxLine) throw new RangeError(`message of ${bytes} bytes exceeds the line limit of ${maxLine} bytes`);
  return line + '\n';
}

export function attachNdjson(stream: Duplex, options: NdjsonOptions): NdjsonConnection {
  const { maxLine, maxSendLine = maxLine } = options;
  let closed = false;

  const splitter = createLineSplitter(
    maxLine,
    (line) => {
      if (closed) return; // the stream closed or failed: what a paused splitter held is dropped
      let text = line.toString('utf8');
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (!text.trim()) return;
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch (error) {
        options.onError(new NdjsonError('malformed', `malformed JSON line: ${(error as Error).message}`));
        return;
      }
      options.onMessage(message);
    },
    (bytes) => options.onError(new NdjsonError('oversized', `line of ${bytes} bytes exceeds the limit of ${maxLine} bytes`)),
  );

  const onData = (chunk: Buffer | string) => splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const finish = (error?: Error) => {
    if (closed) return;
    closed = true;
    detach();
    options.onClose?.(error);
  };
  // Lines still held by a paused splitter come before onClose.
  const onEnd = () => splitter.end(() => finish());
  const onCloseEvent = () => finish();
  const onStreamError = (error: Error) => finish(error);

  function detach(): void {
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.off('close', onCloseEvent);
    stream.off('error', onStreamError);
  }

  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('close', onCloseEvent);
  stream.on('error', onStreamError);

  return {
    send(message) {
      if (!stream.writable) throw new Error('the stream is not writable');
      return stream.write(encodeLine(message, maxSendLine));
    },
    sendLines(lines) {
      if (!stream.writable) throw new Error('the stream is not writable');
      return stream.write(lines.join(''));
    },
    drained() {
      if (!stream.writableNeedDrain || !stream.writable) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
    },
    pause() {
      splitter.pause();
      stream.pause();
    },
    resume() {
      splitter.resume(); // may pause again from a callback: then the stream stays paused
      if (!splitter.paused && !closed) stream.resume();
    },
    close() {
      finish();
      if (stream.writable) stream.end();
    },
  };
}
