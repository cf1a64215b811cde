// The credentials the gateway uses to log in to targets. Users never see them, and nothing logs
// them. Behind an interface because the next step encrypts them at rest (AES-256-GCM): callers
// must not care how a secret is stored.
import type Database from 'better-sqlite3';

export type Credential = { kind: 'key'; privateKey: string } | { kind: 'password'; password: string };

export interface CredentialStore {
  get(hostId: number, login: string): Credential | undefined;
  set(hostId: number, login: string, credential: Credential): void;
}

/** Stores secrets as they are. Acceptable only until encryption at rest lands. */
export function createPlaintextCredentialStore(db: Database.Database): CredentialStore {
  const get = db.prepare<[number, string], { kind: 'key' | 'password'; secret: Buffer }>(
    'SELECT kind, secret FROM credentials WHERE host_id = ? AND login = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO credentials (host_id, login, kind, secret, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (host_id, login) DO UPDATE SET kind = excluded.kind, secret = excluded.secret, updated_at = excluded.updated_at`,
  );
  return {
    get(hostId, login) {
      const row = get.get(hostId, login);
      if (!row) return undefined;
      const secret = Buffer.from(row.secret).toString('utf8');
      return row.kind === 'key' ? { kind: 'key', privateKey: secret } : { kind: 'password', password: secret };
    },
    set(hostId, login, credential) {
      const secret = credential.kind === 'key' ? credential.privateKey : credential.password;
      upsert.run(hostId, login, credential.kind, Buffer.from(secret, 'utf8'), Date.now());
    },
  };
}
