// How a profile authenticates, resolved just before connecting: the key file's text (with its
// passphrase, if it is encrypted) or the ssh-agent socket. An encrypted key without a passphrase
// is not an error but a question: the caller reports `needsPassphrase` and the user answers with
// gateway.connect {passphrase}. Nothing here is logged or kept.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import ssh2 from 'ssh2';
import type { Profile } from '../../shared/contract/profiles';
import { RpcError } from '../../shared/rpc/protocol';
import type { GatewaySpec } from './gateway-connection';

export type ResolvedAuth = { auth: GatewaySpec['auth']; passphraseUsed: boolean } | { needsPassphrase: true; reason: string };

export interface AuthContext {
  home?: string;
  /** ssh-agent's socket (default: SSH_AUTH_SOCK). */
  agentSocket?: string;
  passphrase?: string;
}

/** `~/x` and `~` relative to the user's home; other relative paths too (as ssh does for IdentityFile). */
export function expandHome(path: string, home = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return isAbsolute(path) ? path : join(home, path);
}

export async function resolveAuth(profile: Profile, context: AuthContext): Promise<ResolvedAuth> {
  if (profile.auth.kind === 'agent') {
    const agent = context.agentSocket ?? process.env.SSH_AUTH_SOCK;
    if (!agent) throw new RpcError('bad_request', `profile "${profile.name}" uses ssh-agent, but no agent is running (SSH_AUTH_SOCK is not set): start one, or choose a key file`);
    return { auth: { agent }, passphraseUsed: false };
  }
  const file = expandHome(profile.auth.keyFile, context.home);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new RpcError('bad_request', `cannot read the key file ${file} of profile "${profile.name}": ${why}`);
  }
  const parsed = ssh2.utils.parseKey(text, context.passphrase);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error || !key) {
    const message = key instanceof Error ? key.message : '';
    if (/passphrase/i.test(message)) {
      return { needsPassphrase: true, reason: context.passphrase === undefined ? `the key ${file} is encrypted: enter its passphrase` : `the passphrase for ${file} is wrong: try again` };
    }
    throw new RpcError('bad_request', `the key file ${file} of profile "${profile.name}" is not a usable private key (OpenSSH, PEM or PuTTY format expected)`);
  }
  if (!key.isPrivateKey()) throw new RpcError('bad_request', `the key file ${file} holds a public key: choose the private key (without .pub)`);
  return { auth: { privateKey: text, passphrase: context.passphrase }, passphraseUsed: context.passphrase !== undefined };
}
