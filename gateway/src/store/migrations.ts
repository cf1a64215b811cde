// The gateway's versioned schema migrations (the runner is shared/node/migrate). Never edit a
// step that has shipped: append a new one.
import type Database from 'better-sqlite3';
import { runMigrations, type Migration } from '../../../shared/node/migrate';
import { AUDIT_MIGRATION_SQL } from '../audit/log';
import { LOGIN_CUSTODY_MIGRATION_SQL } from './migration-3';
import { GRANTS_GROUPS_MIGRATION_SQL } from './grants';
import { COMMANDS_MIGRATION_SQL } from '../commands/repo';
import { SESSIONS_MIGRATION_SQL } from '../sessions/repo';
import { IDS_NEVER_REUSED_MIGRATION_SQL } from './migration-ids';

export type { Migration };

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'users, inventory, credentials, host keys, grants',
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        roles TEXT NOT NULL DEFAULT '[]',           -- JSON array of role names
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE user_keys (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        public_key TEXT NOT NULL,                   -- OpenSSH one-line form: "type base64"
        fingerprint TEXT NOT NULL,                  -- SHA256:… as ssh-keygen -l prints it
        UNIQUE (user_id, fingerprint)
      );
      CREATE TABLE hosts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        address TEXT NOT NULL,                      -- host:port
        created_at INTEGER NOT NULL
      );
      -- A host may sit in several nodes of the tree. path is the JSON array; path_key encodes it
      -- as "seg/seg/" (each segment URI-encoded) so a subtree is a prefix match on an index.
      CREATE TABLE host_nodes (
        host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        path_key TEXT NOT NULL,
        PRIMARY KEY (host_id, path_key)
      );
      CREATE INDEX host_nodes_by_path ON host_nodes(path_key);
      CREATE TABLE host_tags (
        host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (host_id, key)
      );
      CREATE INDEX host_tags_by_pair ON host_tags(key, value);
      CREATE TABLE credentials (
        host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
        login TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('key', 'password')),
        secret BLOB NOT NULL,                       -- plaintext for now; encrypted by a later step
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (host_id, login)
      );
      CREATE TABLE host_keys (
        host_id INTEGER PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
        public_key TEXT NOT NULL,                   -- pinned, OpenSSH one-line form
        pinned_at INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('admin', 'first-use'))
      );
      CREATE TABLE grants (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        hosts TEXT NOT NULL,                        -- selector text, see gateway/src/access/selector.ts
        login TEXT NOT NULL,
        not_before INTEGER,                         -- ms since epoch; NULL = from creation
        not_after INTEGER,                          -- ms since epoch, exclusive; NULL = no end
        created_at INTEGER NOT NULL
      );
      CREATE INDEX grants_by_user ON grants(user_id);
    `,
  },
  { version: 2, name: 'hash-chained audit log', sql: AUDIT_MIGRATION_SQL },
  { version: 3, name: 'sealed credentials, TOTP secrets, login lockout', sql: LOGIN_CUSTODY_MIGRATION_SQL },
  { version: 4, name: 'sessions and the command log (FTS5)', sql: SESSIONS_MIGRATION_SQL + COMMANDS_MIGRATION_SQL },
  { version: 5, name: 'groups; grants to a user or a group', sql: GRANTS_GROUPS_MIGRATION_SQL },
  { version: 6, name: 'ids never reused: grants AUTOINCREMENT, users/hosts/groups never deleted', sql: IDS_NEVER_REUSED_MIGRATION_SQL },
];

/** Applies the pending migrations in order; returns the versions it applied. */
export function migrate(db: Database.Database, steps: readonly Migration[] = migrations): number[] {
  return runMigrations(db, steps, 'gateway');
}
