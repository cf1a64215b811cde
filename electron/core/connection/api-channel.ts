// Opens the gateway's API subsystem with this client's refusal tag (REFUSAL_TAG_ENV) set on the
// channel first, and reads the channel's stderr for the gateway's refusal marker: a gateway whose
// login rules refused this login says so there (gateway/src/ssh/login-refusal.ts), with the facts
// the app words itself. ssh2 (1.17, pinned) sends no environment before a subsystem request, so
// the env request is slipped in at the protocol layer just before this subsystem's request — a
// private API: the login refusal test against a real gateway fails if an ssh2 upgrade moves it.
import { randomBytes } from 'node:crypto';
import type { Client, ClientChannel } from 'ssh2';
import { REFUSAL_TAG_ENV, scanRefusalMarker, type LoginRuleRefusal } from '../../../shared/contract/refusal';

interface ProtocolWithEnv {
  env(channel: number, key: string, value: string, wantReply: boolean): void;
  subsystem(channel: number, name: string, wantReply: boolean): void;
}

/** How much of the API channel's stderr is read for the marker (it comes first, or not at all). */
const STDERR_READ = 1024;

/**
 * Like ssh.subsys(name, …), with the refusal tag sent before the subsystem request. `onLoginRefused`
 * is called when the gateway's marker on its stderr says a login rule refused this login.
 */
export function openApiChannel(ssh: Client, name: string, onLoginRefused: (facts: LoginRuleRefusal | undefined) => void, done: (error: Error | undefined, channel?: ClientChannel) => void): void {
  const tag = randomBytes(16).toString('hex');
  const protocol = (ssh as unknown as { _protocol?: Partial<ProtocolWithEnv> })._protocol;
  const tagged = typeof protocol?.env === 'function' && typeof protocol.subsystem === 'function';
  if (tagged) {
    const subsystem = protocol.subsystem!;
    protocol.subsystem = function (this: ProtocolWithEnv, channel, requested, wantReply) {
      if (requested === name) {
        protocol.subsystem = subsystem;
        this.env(channel, REFUSAL_TAG_ENV, tag, false);
      }
      subsystem.call(this, channel, requested, wantReply);
    };
  }
  ssh.subsys(name, (error, channel) => {
    if (error || !tagged) return done(error, channel);
    let stderr = '';
    const read = (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const scan = scanRefusalMarker(stderr, tag);
      if (scan === 'incomplete' && stderr.length < STDERR_READ) return;
      channel.stderr.off('data', read);
      if (typeof scan === 'object' && scan.reason === 'login_rule') onLoginRefused(scan.loginRule);
    };
    channel.stderr.on('data', read);
    done(undefined, channel);
  });
}
