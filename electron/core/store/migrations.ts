// The client's own SQLite schema (runner: shared/node/migrate). Never edit a step that has
// shipped: append a new one.
import type { Migration } from '../../../shared/node/migrate';

export const clientMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'profiles, trusted gateway host keys, key-value state (layout, settings)',
    sql: `
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,                        -- p + base36, as the contract's ProfileIdSchema
        name TEXT NOT NULL UNIQUE,
        host TEXT NOT NULL,
        port INTEGER NOT NULL,
        user TEXT NOT NULL,
        auth TEXT NOT NULL,                         -- JSON: {kind:'key',keyFile} | {kind:'agent'}
        remember_passphrase INTEGER NOT NULL DEFAULT 0,
        passphrase_secret BLOB,                     -- only ever encrypted by the OS keychain (safeStorage)
        created_at INTEGER NOT NULL
      );
      -- Gateway host keys the user trusted (TOFU), per "host:port" as the profile names it.
      CREATE TABLE host_keys (
        endpoint TEXT PRIMARY KEY,
        key_type TEXT NOT NULL,
        public_key TEXT NOT NULL,                   -- base64 of the key blob
        fingerprint TEXT NOT NULL,                  -- SHA256:… as OpenSSH prints it
        trusted_at INTEGER NOT NULL
      );
      CREATE TABLE kv (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL                         -- JSON, validated by its schema on write and on read
      );
    `,
  },
];
