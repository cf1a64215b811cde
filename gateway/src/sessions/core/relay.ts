// Relays one session between the user's side (a ClientSide) and the target (an ssh2 channel on
// the gateway's own connection to it).
//
// Backpressure comes from stream.pipe: when a side's write buffer is full the other side is
// paused, a paused ssh2 channel stops adjusting its window, and the sender stops. Nothing is
// dropped and at most a channel window plus a stream buffer is held per direction.
//
// Ending: the target's output (stdout and stderr) is relayed to the last byte, then its exit
// status or signal, then EOF and close. When the session is stopped first (the user left, access
// ended, the gateway drains), the upstream channel is closed at once (sshd then hangs up the
// target's session) and the result carries that cause.
import type { Writable } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import type { EndCause } from '../end-cause';
import type { ExitInfo, RelayResult } from '../outcome';
import type { ClientSide } from './client-side';

export interface Relay {
  readonly done: Promise<RelayResult>;
  windowChange(size: { cols: number; rows: number; width?: number; height?: number }): void;
  signal(name: string): void;
  /** Stop now for `cause`; the user's side is left to the caller. */
  stop(cause: EndCause): void;
}

/**
 * Starts recording how the target's command ends. Call it synchronously where the channel is
 * handed over (the exec/shell callback): a quick command's exit-status can arrive in the same
 * network read as the channel's confirmation, before any later listener would be attached.
 */
export function watchExit(channel: ClientChannel): () => ExitInfo | undefined {
  let exit: ExitInfo | undefined;
  channel.on('exit', (code: number | null, signal?: string, coreDumped?: boolean, description?: string) => {
    exit = code !== null && code !== undefined ? { code } : { signal: signal ?? 'SIGKILL', coreDumped: !!coreDumped, description: description ?? '' };
  });
  return () => exit;
}

/** Resolves once everything written so far has been handed on (or the stream died). */
function flushed(stream: Writable, gone: Promise<void>): Promise<void> {
  if (!stream.writable) return Promise.resolve();
  // Writes complete in order, so the callback of an empty write fires after all earlier ones.
  return Promise.race([new Promise<void>((resolve) => stream.write(Buffer.alloc(0), () => resolve())), gone]);
}

export function relay(client: ClientSide, upstream: ClientChannel, exitOf: () => ExitInfo | undefined, onLostMessage: () => string): Relay {
  let finished = false;
  let resolveDone!: (r: RelayResult) => void;
  const done = new Promise<RelayResult>((r) => (resolveDone = r));
  let markStopped!: () => void;
  const stopped = new Promise<void>((r) => (markStopped = r));

  // Streams report errors as events; they end the relay through 'close', never crash the gateway.
  for (const stream of [client.output, client.stderr, client.input, upstream, upstream.stderr]) stream.on('error', () => {});

  upstream.pipe(client.output, { end: false });
  upstream.stderr.pipe(client.stderr, { end: false });
  client.input.pipe(upstream); // the user's EOF becomes the target's EOF

  const ended = (s: NodeJS.ReadableStream & { readableEnded: boolean }) =>
    s.readableEnded ? Promise.resolve() : new Promise<void>((r) => s.once('end', () => r()));
  const upstreamClosed = new Promise<void>((r) => upstream.once('close', () => r()));

  void Promise.all([ended(upstream), ended(upstream.stderr), upstreamClosed]).then(async () => {
    if (finished) return;
    const exit = exitOf();
    if (!exit) {
      // The target went away without an exit status (connection lost, sshd killed).
      client.stderr.write(onLostMessage());
    }
    await Promise.all([flushed(client.output, stopped), flushed(client.stderr, stopped)]);
    if (finished) return;
    finished = true;
    client.input.unpipe(upstream);
    if (client.writable) {
      client.exit(exit ?? { code: 255 });
      client.end();
    }
    resolveDone({ exit, endedBy: 'target', ...(!exit && { reason: 'the connection to the target was lost' }) });
  });

  return {
    done,
    windowChange(size) {
      upstream.setWindow(size.rows, size.cols, size.height ?? 0, size.width ?? 0);
    },
    signal(name) {
      try {
        upstream.signal(name);
      } catch {
        // ssh2 refuses names outside the SSH signal list: ignore them like sshd does
      }
    },
    stop(cause) {
      markStopped();
      if (finished) return;
      finished = true;
      upstream.unpipe(client.output);
      upstream.stderr.unpipe(client.stderr);
      client.input.unpipe(upstream);
      upstream.close();
      resolveDone({ exit: exitOf(), ...cause });
    },
  };
}
