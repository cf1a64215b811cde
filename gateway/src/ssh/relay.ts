// Relays one session channel between the user (client side) and the target (upstream side).
//
// Backpressure comes from stream.pipe: when a side's write buffer is full the other side is
// paused, a paused ssh2 channel stops adjusting its window, and the sender stops. Nothing is
// dropped and at most a channel window plus a stream buffer is held per direction.
//
// Ending: the target's output (stdout and stderr) is relayed to the last byte, then its exit
// status or signal, then EOF and close. When the user closes first, the upstream channel is
// closed at once (sshd then hangs up the target's session).
import type { Writable } from 'node:stream';
import type { ClientChannel, ServerChannel, WindowChangeInfo } from 'ssh2';
import type { ExitInfo, RelayResult } from '../sessions/outcome';

export type { ExitInfo, RelayResult } from '../sessions/outcome';

export interface Relay {
  readonly done: Promise<RelayResult>;
  windowChange(info: WindowChangeInfo): void;
  signal(name: string): void;
  /** The user's side went away (channel or connection closed): stop now. */
  clientClosed(): void;
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

/** Resolves once everything written so far has been handed to the SSH layer (or the stream died). */
function flushed(stream: Writable, gone: Promise<void>): Promise<void> {
  if (!stream.writable) return Promise.resolve();
  // Writes complete in order, so the callback of an empty write fires after all earlier ones.
  return Promise.race([new Promise<void>((resolve) => stream.write(Buffer.alloc(0), () => resolve())), gone]);
}

export function relay(client: ServerChannel, upstream: ClientChannel, exitOf: () => ExitInfo | undefined, onLostMessage: () => string): Relay {
  let finished = false;
  let resolveDone!: (r: RelayResult) => void;
  const done = new Promise<RelayResult>((r) => (resolveDone = r));
  let markClientGone!: () => void;
  const clientGone = new Promise<void>((r) => (markClientGone = r));

  // Streams report errors as events; they end the relay through 'close', never crash the gateway.
  client.on('error', () => {});
  client.stderr.on('error', () => {});
  upstream.on('error', () => {});
  upstream.stderr.on('error', () => {});

  upstream.pipe(client, { end: false });
  upstream.stderr.pipe(client.stderr, { end: false });
  client.pipe(upstream); // the user's EOF becomes the target's EOF

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
    await Promise.all([flushed(client, clientGone), flushed(client.stderr, clientGone)]);
    if (finished) return;
    finished = true;
    client.unpipe(upstream);
    if (client.writable) {
      if (!exit) client.exit(255);
      else if ('code' in exit) client.exit(exit.code);
      else client.exit(exit.signal, exit.coreDumped, exit.description);
      client.end(); // EOF then close (ssh2 closes a server channel when it finishes)
    }
    resolveDone({ exit, endedBy: 'target' });
  });

  return {
    done,
    windowChange(info) {
      upstream.setWindow(info.rows, info.cols, info.height, info.width);
    },
    signal(name) {
      try {
        upstream.signal(name);
      } catch {
        // ssh2 refuses names outside the SSH signal list: ignore them like sshd does
      }
    },
    clientClosed() {
      markClientGone();
      if (finished) return;
      finished = true;
      upstream.unpipe(client);
      upstream.stderr.unpipe(client.stderr);
      client.unpipe(upstream);
      upstream.close();
      resolveDone({ exit: exitOf(), endedBy: 'client' });
    },
  };
}
