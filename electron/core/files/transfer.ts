// One upload or download between the renderer's file (sent to, or saved from, a one-time URL on
// the main side) and a remote file over SFTP. Bytes stream through with backpressure (no file is
// held in memory); progress is reported a few times a second and once at the end; cancel stops
// both ends. An upload writes a new file only (never over an existing one) and removes what it
// wrote if it does not finish: a cut upload leaves nothing half-written behind.
import { randomBytes } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { SFTPWrapper } from 'ssh2';
import type { FileError, TransferProgress } from '../../../shared/contract/client-api/files';
import { fileErrorOf, remove } from './remote-files';

/** How often a running transfer reports its progress. */
const PROGRESS_EVERY_MS = 200;

export interface TransferSpec {
  direction: 'upload' | 'download';
  sftp: SFTPWrapper;
  /** The remote file. */
  path: string;
  /** Upload: the size the renderer announced; download: the remote file's size. */
  total: number;
  /** Download: the name the browser saves it under. */
  name?: string;
  onProgress(progress: TransferProgress): void;
}

export interface Transfer {
  readonly id: string;
  readonly direction: 'upload' | 'download';
  readonly finished: boolean;
  /** Serves the one request that carries the bytes (PUT for an upload, GET for a download). */
  serve(request: Request): Promise<Response>;
  cancel(error?: FileError): void;
}

export function createTransfer(spec: TransferSpec): Transfer {
  const id = randomBytes(16).toString('hex');
  const abort = new AbortController();
  let state: TransferProgress['state'] = 'waiting';
  let bytes = 0;
  let error: FileError | undefined;
  let lastReport = 0;
  /** A report held back by the rate limit, sent at the end of the interval (so a stalled transfer shows its last bytes). */
  let trailing: NodeJS.Timeout | undefined;

  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_EVERY_MS) {
      trailing ??= setTimeout(() => report(true), PROGRESS_EVERY_MS - (now - lastReport));
      return;
    }
    clearTimeout(trailing);
    trailing = undefined;
    lastReport = now;
    spec.onProgress({ transferId: id, direction: spec.direction, state, bytes, total: spec.total, ...(error ? { error } : {}) });
  };
  const finish = (next: 'done' | 'failed' | 'cancelled', why?: FileError) => {
    if (state === 'done' || state === 'failed' || state === 'cancelled') return;
    state = next;
    error = why;
    report(true);
  };
  const counter = () =>
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        // An upload's body may not run past the size it announced.
        if (spec.direction === 'upload' && bytes > spec.total) return done(new SizeMismatch());
        report();
        done(null, chunk);
      },
    });

  async function upload(request: Request): Promise<Response> {
    if (request.method !== 'PUT' || !request.body) return plain(405, 'an upload is a PUT with the file as its body');
    const target = spec.sftp.createWriteStream(spec.path, { flags: 'wx', mode: 0o644 });
    let created = false;
    target.once('open', () => (created = true));
    try {
      await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), counter(), target, { signal: abort.signal });
      if (bytes !== spec.total) throw new SizeMismatch();
      finish('done');
      return new Response(null, { status: 204 });
    } catch (failure) {
      if (created) await remove(spec.sftp, spec.path).catch(() => {});
      if (abort.signal.aborted) finish(error ? 'failed' : 'cancelled', error);
      else finish('failed', failure instanceof SizeMismatch ? 'size_mismatch' : fileErrorOf(failure));
      return plain(abort.signal.aborted ? 409 : 502, `upload ${state}`);
    }
  }

  function download(request: Request): Response {
    if (request.method !== 'GET') return plain(405, 'a download is a GET');
    const source = spec.sftp.createReadStream(spec.path);
    const counted = counter();
    pipeline(source, counted, { signal: abort.signal }).then(
      () => finish('done'),
      (failure: unknown) => (abort.signal.aborted ? finish(error ? 'failed' : 'cancelled', error) : finish('failed', fileErrorOf(failure))),
    );
    return new Response(Readable.toWeb(counted) as ReadableStream<Uint8Array>, {
      status: 200,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(spec.total),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(spec.name ?? 'download')}`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }

  return {
    id,
    direction: spec.direction,
    get finished() {
      return state === 'done' || state === 'failed' || state === 'cancelled';
    },
    async serve(request) {
      // One request per transfer: the URL is spent once used.
      if (state !== 'waiting') return plain(410, 'this transfer was already used');
      state = 'running';
      report(true);
      return spec.direction === 'upload' ? upload(request) : download(request);
    },
    cancel(why) {
      if (state === 'done' || state === 'failed' || state === 'cancelled') return;
      error = why;
      if (state === 'waiting') finish(why ? 'failed' : 'cancelled', why);
      abort.abort();
    },
  };
}

class SizeMismatch extends Error {}

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' } });
}
