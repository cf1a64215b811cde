// Smaller SSH channel windows for interactive (pty) channels. ssh2 1.17 grants every channel a
// 2 MiB receive window and buffers up to 2 MiB per stream, with no option to change either
// (lib/Channel.js MAX_WINDOW). On a terminal that is seconds of output still queued on each hop
// when the user presses Ctrl+C. This caps one channel's receive window by trimming the window
// adjusts ssh2 sends for it, and shrinks its stream buffers. Throughput channels (exec without a
// pty) keep ssh2's defaults. It reaches into ssh2 internals (the connection's `_protocol`, the
// channel's `incoming` and stream states); shared/node/ssh-window.test.ts fails if they change.

/**
 * Receive window and stream buffers for a terminal. A paused terminal holds about five of these
 * upstream of the client's main side (the target's sshd buffers up to the window it was granted,
 * the gateway's two stream buffers, the client's window and stream buffer), all of which must be
 * drawn after Ctrl+C: 16 KiB keeps that near 80 KiB. The cost is throughput over a long round trip
 * (one window per round trip: 16 KiB / 50 ms ≈ 320 KB/s), which a person reading a terminal
 * does not notice; execs without a pty keep ssh2's 2 MiB.
 */
export const INTERACTIVE_WINDOW = 16 * 1024;

/** A capped window is topped up once 1/ADJUST_AFTER_FRACTION of it has been used. */
const ADJUST_AFTER_FRACTION = 4;

/** What ssh2 1.17 grants (and books as incoming.window) when it opens a channel. */
export const SSH2_INITIAL_WINDOW = 2 * 1024 * 1024;

interface Protocol {
  channelWindowAdjust(id: number, amount: number): void;
  session(localChannel: number, initialWindow: number, maxPacket: number): void;
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

function protocolOf(connection: object): Protocol {
  const protocol = (connection as { _protocol?: Protocol })._protocol;
  if (!protocol || typeof protocol.channelWindowAdjust !== 'function' || typeof protocol.session !== 'function') {
    throw new Error('ssh2 internals changed: cannot cap a channel window (see shared/node/ssh-window.ts)');
  }
  return protocol;
}

/**
 * Runs `open`, which must open one session channel on `connection` synchronously (ssh2's
 * shell/exec do), granting the peer only `cap` bytes of window instead of 2 MiB. The channel must
 * then be given to capChannelWindow with `{ openedWith: cap }`, which corrects ssh2's bookkeeping.
 */
export function openWithSmallWindow<T>(connection: object, open: () => T, cap = INTERACTIVE_WINDOW): T {
  const protocol = protocolOf(connection);
  const original = protocol.session;
  protocol.session = (localChannel, initialWindow, maxPacket) => original.call(protocol, localChannel, Math.min(initialWindow, cap), maxPacket);
  try {
    return open();
  } finally {
    protocol.session = original;
  }
}

/**
 * Caps the receive window of `channel` (opened on `connection`, an ssh2 Client) at `cap` bytes
 * from now on, and its read/write buffers at `cap`. Opened normally, the 2 MiB granted at open is
 * used up first; opened through openWithSmallWindow (pass `openedWith`), the cap holds from the start.
 */
export function capChannelWindow(connection: object, channel: object, cap = INTERACTIVE_WINDOW, options: { openedWith?: number } = {}): void {
  const protocol = protocolOf(connection);
  const chan = channel as ChannelInternals;
  if (typeof chan.incoming?.window !== 'number' || typeof chan.outgoing?.id !== 'number') {
    throw new Error('ssh2 internals changed: cannot cap a channel window (see shared/node/ssh-window.ts)');
  }
  // ssh2 booked 2 MiB for the peer whatever we granted: book what the peer really has.
  if (options.openedWith !== undefined) chan.incoming.window -= SSH2_INITIAL_WINDOW - options.openedWith;
  let table = capped.get(protocol);
  if (!table) {
    const entries = new Map<number, { channel: ChannelInternals; cap: number }>();
    table = entries;
    capped.set(protocol, entries);
    const original = protocol.channelWindowAdjust.bind(protocol);
    protocol.channelWindowAdjust = (id, amount) => {
      const entry = entries.get(id);
      if (!entry) return original(id, amount);
      // ssh2 has already counted `amount` into incoming.window; grant only up to the cap, and only
      // once a quarter of it is used: ssh2 asks after every data packet below 1 MiB, which under a
      // small cap meant one adjust packet back (encrypted, written, read by the peer) per keystroke
      // echo. The peer still has three quarters of the window to send with meanwhile.
      const before = entry.channel.incoming.window - amount;
      const used = entry.cap - before;
      const granted = used >= entry.cap / ADJUST_AFTER_FRACTION ? Math.max(0, Math.min(amount, used)) : 0;
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
