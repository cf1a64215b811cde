// The session core's ClientSide over an SSH session channel: output and input are the channel,
// stderr its extended data, the exit status an exit-status (or exit-signal) request.
import type { ServerChannel } from 'ssh2';
import type { ClientSide } from '../sessions/core';

export function channelSide(channel: ServerChannel): ClientSide {
  return {
    output: channel,
    stderr: channel.stderr,
    input: channel,
    get writable() {
      return channel.writable;
    },
    exit(exit) {
      if ('code' in exit) channel.exit(exit.code);
      else channel.exit(exit.signal, exit.coreDumped, exit.description);
    },
    end: () => void channel.end(), // EOF then close (ssh2 closes a server channel when it finishes)
    close: () => channel.close(),
  };
}
