// The gateway's master key: 32 bytes that encrypt every secret at rest (target credentials, TOTP
// secrets). From PORTCULLIS_MASTER_KEY (base64) or the file `master.key` in the data dir (0600,
// created when missing). A key file others can read is refused: it would expose every secret.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MASTER_KEY_ENV = 'PORTCULLIS_MASTER_KEY';
export const MASTER_KEY_FILE = 'master.key';

export interface MasterKey {
  key: Buffer;
  /** Short id of this key (first 8 bytes of its SHA-256, hex), stored with each ciphertext for rotation. */
  id: string;
  source: 'env' | 'file';
}

export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

export function masterKeyFrom(key: Buffer, source: MasterKey['source']): MasterKey {
  if (key.length !== 32) throw new MasterKeyError(`the master key must be 32 bytes (base64 of 32 random bytes); got ${key.length}`);
  return { key, id: createHash('sha256').update(key).digest('hex').slice(0, 16), source };
}

function decode(text: string, where: string): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new MasterKeyError(`${where} is not base64`);
  try {
    return masterKeyFrom(Buffer.from(trimmed, 'base64'), 'file').key;
  } catch (error) {
    throw new MasterKeyError(`${where}: ${(error as Error).message}`);
  }
}

/**
 * Loads the master key. `allowCreate` is false when secrets already exist under some key: a
 * fresh key then would silently make them unreadable, so a missing key is an error instead.
 */
/** `file` defaults to DATA/master.key; the config's `masterKey.file` may put it elsewhere. */
export function loadMasterKey(dataDir: string, env: Record<string, string | undefined> = process.env, allowCreate = true, file = join(dataDir, MASTER_KEY_FILE)): MasterKey {
  const fromEnv = env[MASTER_KEY_ENV];
  if (fromEnv) return masterKeyFrom(decode(fromEnv, MASTER_KEY_ENV), 'env');
  if (!existsSync(file)) {
    if (!allowCreate) throw new MasterKeyError(`${file} is missing and ${MASTER_KEY_ENV} is not set, but the database holds encrypted secrets: restore the key`);
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process won the race
    }
  }
  const mode = statSync(file).mode;
  if ((mode & 0o077) !== 0) {
    throw new MasterKeyError(`${file} is readable by group or others (mode ${(mode & 0o777).toString(8)}): run chmod 600 ${file}`);
  }
  return masterKeyFrom(decode(readFileSync(file, 'utf8'), file), 'file');
}
