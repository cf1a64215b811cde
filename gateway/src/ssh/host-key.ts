// The gateway's own SSH host key: generated on first start, kept in the data dir (0600), reused
// afterwards so clients' pinned keys stay valid.
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { generateEd25519KeyPair, opensshLine } from '../../../shared/node/ssh-keys';

export const HOST_KEY_FILE = 'host_ed25519_key';

export interface HostKey {
  /** OpenSSH private key text, for ssh2's Server. */
  privateKey: string;
  /** OpenSSH one-line public key (`ssh-ed25519 AAAA…`), what clients pin. */
  publicKey: string;
}

export function loadOrCreateHostKey(dataDir: string): HostKey {
  const file = join(dataDir, HOST_KEY_FILE);
  if (!existsSync(file)) {
    try {
      const pair = generateEd25519KeyPair();
      writeFileSync(file, pair.private, { mode: 0o600, flag: 'wx' }); // wx: never overwrite a key
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process won the race
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const privateKey = readFileSync(file, 'utf8');
  const parsed = ssh2.utils.parseKey(privateKey);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error || !key.isPrivateKey()) throw new Error(`${file} is not a usable SSH private key`);
  return { privateKey, publicKey: opensshLine(key) };
}
