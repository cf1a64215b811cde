// A connection whose login a login rule refused. The user proved who they are, so they are told
// why: on the stderr of each session channel they open (exit status 1), for OpenSSH and the desktop
// client alike; a channel that carries the desktop client's refusal tag (REFUSAL_TAG_ENV) first
// gets the marker line with the rule's facts, so the app words it in its own language (its API
// channel sends the tag too). Nothing else is served — no target, no API, no forwarding (ssh2
// refuses what has no listener) — and the connection closes after a moment.
import type { Connection, ServerChannel } from 'ssh2';
import { REFUSAL_TAG_ENV, RefusalTagSchema, refusalMarkerLine, type LoginRuleRefusal } from '../../../shared/contract/refusal';

const CLOSE_AFTER_MS = 5000;

export function serveLoginRefusal(client: Connection, refused: { text: string; facts: LoginRuleRefusal }): void {
  client.on('session', (accept) => {
    const session = accept();
    let tag: string | undefined;
    const refuse = (channel: ServerChannel | undefined) => {
      if (!channel) return;
      const marker = tag ? refusalMarkerLine(tag, 'login_rule', refused.facts) : '';
      channel.stderr.write(`${marker}portcullis: ${refused.text}\r\n`);
      channel.exit(1);
      channel.end();
      setTimeout(() => client.end(), 300).unref();
    };
    session.on('pty', (ok) => ok?.());
    session.on('env', (ok, _reject, info) => {
      if (info.key === REFUSAL_TAG_ENV && RefusalTagSchema.safeParse(info.val).success) tag = info.val;
      ok?.();
    });
    session.on('shell', (ok) => refuse(ok?.()));
    session.on('exec', (ok) => refuse(ok?.()));
    session.on('subsystem', (ok) => refuse(ok?.()));
  });
  setTimeout(() => client.end(), CLOSE_AFTER_MS).unref();
}
