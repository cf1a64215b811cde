// A connection whose login a login rule refused. The user proved who they are, so they are told
// why: on the stderr of each session channel they open (exit status 1), for OpenSSH and the desktop
// client alike. Nothing else is served — no target, no API, no forwarding (ssh2 refuses what has no
// listener) — and the connection closes after a moment.
import type { Connection, ServerChannel } from 'ssh2';

const CLOSE_AFTER_MS = 5000;

export function serveLoginRefusal(client: Connection, message: string): void {
  const refuse = (channel: ServerChannel | undefined) => {
    if (!channel) return;
    channel.stderr.write(`portcullis: ${message}\r\n`);
    channel.exit(1);
    channel.end();
    setTimeout(() => client.end(), 300).unref();
  };
  client.on('session', (accept) => {
    const session = accept();
    session.on('pty', (ok) => ok?.());
    session.on('env', (ok) => ok?.());
    session.on('shell', (ok) => refuse(ok?.()));
    session.on('exec', (ok) => refuse(ok?.()));
    session.on('subsystem', (ok) => refuse(ok?.()));
  });
  setTimeout(() => client.end(), CLOSE_AFTER_MS).unref();
}
