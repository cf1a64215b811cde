// Smaller SSH channel windows for interactive (pty) channels. ssh2 1.17 grants every channel a
// 2 MiB receive window and buffers up to 2 MiB per stream, with no option to change either
// (lib/Channel.js MAX_WINDOW). On a terminal that is seconds of output still queued on each hop
// when the user presses Ctrl+C. This caps one channel's receive window by trimming the window
// adjusts ssh2 sends for it, and shrinks its stream buffers. Throughput channels (exec without a
// pty) keep ssh2's defaults. It reaches into ssh2 internals (the connection's `_protocol`, the
// channel's `incoming` and stream states); shared/node/ssh-window.test.ts fails if they change.

/** Receive window and stream buffers for a terminal: a few frames of output, enough for a fast link. */
export const INTERACTIVE_WINDOW = 64 * 1024;

interface Protocol {
  channelWindowAdjust(id: number, amount: number): void;
}
interface ChannelInternals {
  incoming: { window: number };
  outgoing: { id: number };
  once(event: 'close', listener: () => void): unknown;
  _readableState?: { highWaterMark: number };
  _writableState?: { highWaterMark: number };
  stderr?: { _readableState?: { highWaterMark: number }; _writableState?: { highWaterMark: number } };
}

const capped = new WeakMap<Protocol, Map<number, { channel: ChannelInternals; cap: number }>>();

/**
 * Caps the receive window of `channel` (opened on `connection`, an ssh2 Client or a server-side
 * connection) at `cap` bytes from now on, and its read/write buffers at `cap`. The 2 MiB granted
 * when the channel opened is used up first; after that at most `cap` bytes are ever in flight.
 */
export function capChannelWindow(connection: object, channel: object, cap = INTERACTIVE_WINDOW): void {
  const protocol = (connection as { _protocol?: Protocol })._protocol;
  const chan = channel as ChannelInternals;
  if (!protocol || typeof protocol.channelWindowAdjust !== 'function' || typeof chan.incoming?.window !== 'number' || typeof chan.outgoing?.id !== 'number') {
    throw new Error('ssh2 internals changed: cannot cap a channel window (see shared/node/ssh-window.ts)');
  }
  let table = capped.get(protocol);
  if (!table) {
    const entries = new Map<number, { channel: ChannelInternals; cap: number }>();
    table = entries;
    capped.set(protocol, entries);
    const original = protocol.channelWindowAdjust.bind(protocol);
    protocol.channelWindowAdjust = (id, amount) => {
      const entry = entries.get(id);
      if (!entry) return original(id, amount);
      // ssh2 has already counted `amount` into incoming.window; grant only up to the cap.
      const before = entry.channel.incoming.window - amount;
      const granted = Math.max(0, Math.min(amount, entry.cap - before));
      entry.channel.incoming.window = before + granted;
      if (granted > 0) original(id, granted);
    };
  }
  const id = chan.outgoing.id;
  table.set(id, { channel: chan, cap });
  chan.once('close', () => table.delete(id));
  capChannelBuffers(channel, cap);
}

/** Shrinks a channel's stream buffers only (the sending side of a hop, whose window the peer controls). */
export function capChannelBuffers(channel: object, cap = INTERACTIVE_WINDOW): void {
  const chan = channel as ChannelInternals;
  for (const state of [chan._readableState, chan._writableState, chan.stderr?._readableState, chan.stderr?._writableState]) {
    if (state) state.highWaterMark = Math.min(state.highWaterMark, cap);
  }
}
