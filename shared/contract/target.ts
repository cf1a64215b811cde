// How a session channel names its target. Plain OpenSSH puts it in the user name
// (`ssh 'alice:root@web-01'@bastion`); the desktop client, which holds one connection
// for many targets, sends it per channel as an environment variable.
import { HostNameSchema, LoginNameSchema } from './inventory';

export const TARGET_ENV = 'PORTCULLIS_TARGET';

export interface Target {
  login: string;
  host: string;
}

/** `root@web-01` → { login: 'root', host: 'web-01' }; null when it is not of that form. */
export function parseTarget(text: string): Target | null {
  const at = text.indexOf('@');
  if (at <= 0) return null;
  const login = text.slice(0, at);
  const host = text.slice(at + 1);
  if (!LoginNameSchema.safeParse(login).success || !HostNameSchema.safeParse(host).success) return null;
  return { login, host };
}

export function formatTarget(target: Target): string {
  return `${target.login}@${target.host}`;
}

/**
 * Splits an SSH user name: `alice` → { user: 'alice' }; `alice:root@web-01` → { user, target }.
 * Returns null for a malformed target part so the caller can refuse it like a bad login.
 */
export function parseLoginName(username: string): { user: string; target?: Target } | null {
  const colon = username.indexOf(':');
  if (colon < 0) return username ? { user: username } : null;
  const user = username.slice(0, colon);
  const target = parseTarget(username.slice(colon + 1));
  return user && target ? { user, target } : null;
}
