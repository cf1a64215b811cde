// How a profile authenticates, resolved just before connecting: the key file's text (with its
// passphrase, if it is encrypted) or the ssh-agent socket. An encrypted key without a passphrase
// is not an error but a question: the result says `needsPassphrase` and the user answers with
// gateway.connect {passphrase}. Problems come back as codes and facts. Nothing here is logged or kept.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import ssh2 from 'ssh2';
import type { Profile } from '../../../shared/contract/profiles';
import type { ConnectionError } from '../../../shared/contract/client-api';
import type { GatewaySpec } from '../connection/gateway-connection';

export type ResolvedAuth = { auth: GatewaySpec['auth']; passphraseUsed: boolean } | { problem: ConnectionError; needsPassphrase?: true };

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
    if (!agent) return { problem: { code: 'agent_missing' } };
    return { auth: { agent }, passphraseUsed: false };
  }
  const file = expandHome(profile.auth.keyFile, context.home);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const detail = code === 'ENOENT' ? 'missing' : code === 'EACCES' ? 'denied' : (error as Error).message;
    return { problem: { code: 'key_file_unreadable', keyFile: file, detail } };
  }
  const parsed = ssh2.utils.parseKey(text, context.passphrase);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error || !key) {
    const message = key instanceof Error ? key.message : '';
    if (/passphrase/i.test(message)) {
      return { needsPassphrase: true, problem: { code: context.passphrase === undefined ? 'passphrase_needed' : 'passphrase_wrong', keyFile: file } };
    }
    return { problem: { code: 'key_file_unusable', keyFile: file } };
  }
  if (!key.isPrivateKey()) return { problem: { code: 'key_file_public', keyFile: file } };
  return { auth: { privateKey: text, passphrase: context.passphrase }, passphraseUsed: context.passphrase !== undefined };
}
