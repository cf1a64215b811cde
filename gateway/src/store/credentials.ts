// The credentials the gateway uses to log in to targets, sealed at rest with AES-256-GCM under the
// master key (gateway/src/custody). The associated data binds each ciphertext to its host, login
// and kind, so a row copied elsewhere does not open. Users never see these; nothing logs them.
import type Database from 'better-sqlite3';
import { keyIdOf, MasterKeyError, open, seal, type MasterKey } from '../custody';

export type Credential = { kind: 'key'; privateKey: string } | { kind: 'password'; password: string };

export interface CredentialStore {
  get(hostId: number, login: string): Credential | undefined;
  set(hostId: number, login: string, credential: Credential): void;
  /** The logins the gateway holds a credential for on the host, in name order (no secret is opened). */
  logins(hostId: number): string[];
  /** Which logins hold a credential, of which kind, set when (ms): never the secret, nothing is opened. */
  stamps(hostId: number): CredentialStamp[];
}

export interface CredentialStamp {
  login: string;
  kind: Credential['kind'];
  setAt: number;
}

type Kind = Credential['kind'];
const aad = (hostId: number, login: string, kind: Kind) => JSON.stringify(['credential', hostId, login, kind]);

export function createCredentialStore(db: Database.Database, master: MasterKey): CredentialStore {
  const get = db.prepare<[number, string], { kind: Kind; secret: Buffer; key_id: string | null }>(
    'SELECT kind, secret, key_id FROM credentials WHERE host_id = ? AND login = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO credentials (host_id, login, kind, secret, key_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (host_id, login) DO UPDATE SET kind = excluded.kind, secret = excluded.secret, key_id = excluded.key_id, updated_at = excluded.updated_at`,
  );
  const logins = db.prepare<[number], string>('SELECT login FROM credentials WHERE host_id = ? ORDER BY login').pluck();
  const stamps = db.prepare<[number], CredentialStamp>('SELECT login, kind, updated_at AS setAt FROM credentials WHERE host_id = ? ORDER BY login');
  const sealRow = (hostId: number, login: string, kind: Kind, plaintext: Buffer) => seal(master, plaintext, aad(hostId, login, kind));

  // Overwrite freed space with zeros, so replaced secrets (and the plaintext below) do not linger in free pages.
  db.pragma('secure_delete = ON');
  // Rows written before migration 3 hold plaintext: seal them now, in one transaction.
  const legacy = db.prepare<[], { host_id: number; login: string; kind: Kind; secret: Buffer }>(
    'SELECT host_id, login, kind, secret FROM credentials WHERE key_id IS NULL',
  );
  const reseal = db.prepare('UPDATE credentials SET secret = ?, key_id = ? WHERE host_id = ? AND login = ?');
  db.transaction(() => {
    for (const row of legacy.all()) reseal.run(sealRow(row.host_id, row.login, row.kind, Buffer.from(row.secret)), master.id, row.host_id, row.login);
  })();

  return {
    get(hostId, login) {
      const row = get.get(hostId, login);
      if (!row) return undefined;
      const secret = open(master, Buffer.from(row.secret), aad(hostId, login, row.kind)).toString('utf8');
      return row.kind === 'key' ? { kind: 'key', privateKey: secret } : { kind: 'password', password: secret };
    },
    set(hostId, login, credential) {
      const secret = credential.kind === 'key' ? credential.privateKey : credential.password;
      upsert.run(hostId, login, credential.kind, sealRow(hostId, login, credential.kind, Buffer.from(secret, 'utf8')), master.id, Date.now());
    },
    logins: (hostId) => logins.all(hostId),
    stamps: (hostId) => stamps.all(hostId),
  };
}

/** True when some secret in the database is sealed: then a missing master key must not be replaced. */
export function holdsSealedSecrets(db: Database.Database): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM credentials WHERE key_id IS NOT NULL) OR EXISTS (SELECT 1 FROM users WHERE totp_secret IS NOT NULL)').pluck().get() === 1;
}

/**
 * Refuses a master key that cannot open the stored secrets (e.g. a wrong PORTCULLIS_MASTER_KEY):
 * found at start, with the ids to compare, instead of at the first session that needs a secret.
 */
export function checkMasterKeyOpensSecrets(db: Database.Database, master: MasterKey): void {
  const ids = new Set<string>(db.prepare('SELECT DISTINCT key_id FROM credentials WHERE key_id IS NOT NULL').pluck().all() as string[]);
  for (const box of db.prepare('SELECT totp_secret FROM users WHERE totp_secret IS NOT NULL').pluck().iterate() as Iterable<Buffer>) ids.add(keyIdOf(Buffer.from(box)));
  const others = [...ids].filter((id) => id !== master.id);
  if (others.length === 0) return;
  throw new MasterKeyError(
    `the master key (${master.source === 'env' ? 'PORTCULLIS_MASTER_KEY' : 'key file'}, id ${master.id}) cannot open the stored secrets, sealed with key id ${others.join(', ')}: give the key they were sealed with`,
  );
}
