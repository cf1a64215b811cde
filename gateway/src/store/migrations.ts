// The gateway's versioned schema migrations (the runner is shared/node/migrate). Never edit a
// step that has shipped: append a new one.
import type Database from 'better-sqlite3';
import { runMigrations, type Migration } from '../../../shared/node/migrate';

export type { Migration };

// Migration 2: the hash-chained audit log (gateway/src/audit); append-only, enforced by triggers.
const AUDIT_MIGRATION_SQL = `
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    actor TEXT NOT NULL,
    data TEXT NOT NULL,              -- canonical JSON
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX audit_log_by_type ON audit_log(type, seq);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

// Migration 3: login hardening and credential custody. Credentials gain the id of the master key
// that sealed them (NULL marks a plaintext row from before; the store seals those when it opens);
// users gain a sealed TOTP secret and the failed-login counter behind the lockout.
const LOGIN_CUSTODY_MIGRATION_SQL = `
  ALTER TABLE credentials ADD COLUMN key_id TEXT;          -- master key id; NULL = legacy plaintext
  ALTER TABLE users ADD COLUMN totp_secret BLOB;           -- AES-256-GCM sealed base32 secret; NULL = no TOTP
  ALTER TABLE users ADD COLUMN totp_last_step INTEGER;     -- time step of the last accepted code: no replay
  ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN locked_until INTEGER;       -- ms since epoch; NULL = not locked
`;

// Migration 4: sessions (gateway/src/sessions) and the command log with its FTS5 index (gateway/src/commands).
const SESSIONS_MIGRATION_SQL = sessionsTableSql('sessions', ['shell', 'exec'], '');

/** The sessions table as `table`, with `kinds` allowed and `moreColumns` after bytes; migrations 4 and 9 make it. */
function sessionsTableSql(table: string, kinds: string[], moreColumns: string): string {
  return `
  CREATE TABLE ${table} (
    id TEXT PRIMARY KEY,                        -- random, URL-safe
    user TEXT NOT NULL,
    host TEXT NOT NULL,
    login TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')})),
    command TEXT,                               -- exec: the command; sftp: the files moved so far
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    status TEXT NOT NULL CHECK (status IN ('live', 'ended', 'interrupted', 'refused')),
    exit_code INTEGER,
    exit_signal TEXT,
    recording TEXT,                             -- path relative to the data dir
    bytes INTEGER NOT NULL DEFAULT 0${moreColumns}
  );`;
}

const SESSIONS_INDEXES_SQL = `
  CREATE INDEX sessions_by_start ON sessions(started_at);
  CREATE INDEX sessions_by_user ON sessions(user, started_at);
  CREATE INDEX sessions_by_status ON sessions(status);
`;

export const COMMANDS_MIGRATION_SQL = `
  CREATE TABLE commands (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user TEXT NOT NULL,
    host TEXT NOT NULL,
    login TEXT NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions(id),
    offset INTEGER NOT NULL,
    command TEXT NOT NULL
  );
  CREATE INDEX commands_by_session ON commands(session_id, id);
  CREATE INDEX commands_by_user ON commands(user, at);
  -- External-content FTS5 index over commands.command; rows are only ever inserted.
  CREATE VIRTUAL TABLE commands_fts USING fts5(command, content='commands', content_rowid='id', tokenize="unicode61 tokenchars '-_./'");
  CREATE TRIGGER commands_fts_insert AFTER INSERT ON commands
    BEGIN INSERT INTO commands_fts(rowid, command) VALUES (new.id, new.command); END;
`;

/**
 * Migration 5: groups and their members; grants get a group subject (the table is rebuilt because
 * SQLite cannot drop NOT NULL from user_id). Indexes serve "grants of this user in force now".
 */
const GRANTS_GROUPS_MIGRATION_SQL = `
  CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE group_members (
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
  );
  CREATE INDEX group_members_by_user ON group_members(user_id, group_id);
  ${rebuildGrantsSql('grants_v5', 'INTEGER PRIMARY KEY', 'NULL')}
`;

/**
 * Replaces the grants table by one whose id column is `idColumn`, keeping every row (and id);
 * `groupId` is what the copy takes for group_id. Migrations 5 and 6 rebuild it this way.
 */
function rebuildGrantsSql(newTable: string, idColumn: string, groupId: string): string {
  return `
  CREATE TABLE ${newTable} (
    id ${idColumn},
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
    group_id INTEGER REFERENCES groups(id) ON DELETE CASCADE,
    hosts TEXT NOT NULL,                        -- canonical selector text, see gateway/src/access/selector.ts
    login TEXT NOT NULL,
    not_before INTEGER,                         -- ms since epoch; NULL = from creation
    not_after INTEGER,                          -- ms since epoch, exclusive; NULL = no end
    created_at INTEGER NOT NULL,
    CHECK ((user_id IS NULL) <> (group_id IS NULL))
  );
  INSERT INTO ${newTable} (id, user_id, group_id, hosts, login, not_before, not_after, created_at)
    SELECT id, user_id, ${groupId}, hosts, login, not_before, not_after, created_at FROM grants;
  DROP TABLE grants;
  ALTER TABLE ${newTable} RENAME TO grants;
  CREATE INDEX grants_by_user ON grants(user_id) WHERE user_id IS NOT NULL;
  CREATE INDEX grants_by_group ON grants(group_id) WHERE group_id IS NOT NULL;`;
}

/*
 * Migration 6: ids are never reused. A grant id names one grant forever (audit entries refer to
 * grants by id), so grants get AUTOINCREMENT: SQLite otherwise hands the highest id out again
 * once that row is deleted. The table is rebuilt keeping every id; the sequence starts past the
 * highest id any `grant.added` audit entry ever named, so ids revoked before this step stay
 * retired too. Users, hosts and groups are referenced by other tables (a rebuild would cascade
 * their deletion), and are never deleted: triggers make that a rule of the schema, so no code
 * path can free an id for reuse.
 */
const IDS_NEVER_REUSED_MIGRATION_SQL = `
  ${rebuildGrantsSql('grants_v6', 'INTEGER PRIMARY KEY AUTOINCREMENT', 'group_id')}
  DELETE FROM sqlite_sequence WHERE name = 'grants';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'grants', max(
      coalesce((SELECT max(id) FROM grants), 0),
      coalesce((SELECT max(CAST(json_extract(data, '$.grant') AS INTEGER)) FROM audit_log WHERE type IN ('grant.added', 'grant.removed')), 0));
  CREATE TRIGGER users_never_deleted BEFORE DELETE ON users
    BEGIN SELECT RAISE(ABORT, 'users are never deleted (their id would be reused): disable the user instead'); END;
  CREATE TRIGGER hosts_never_deleted BEFORE DELETE ON hosts
    BEGIN SELECT RAISE(ABORT, 'hosts are never deleted (their id would be reused)'); END;
  CREATE TRIGGER groups_never_deleted BEFORE DELETE ON groups
    BEGIN SELECT RAISE(ABORT, 'groups are never deleted (their id would be reused)'); END;
`;

/**
 * Migration 6: one public key belongs to one user (who did what must not be ambiguous), and users
 * can be removed. A key held by several users stays with its first owner (the oldest row); the
 * other copies move to user_keys_dropped, which the store reports in the audit log when it opens
 * (reportDroppedKeys). A removed user is a tombstone: the row and name stay, so their sessions and
 * audit rows keep pointing at them and nobody new can take the name.
 */
const ONE_OWNER_PER_KEY_MIGRATION_SQL = `
  ALTER TABLE users ADD COLUMN removed_at INTEGER;          -- ms since epoch; NULL = not removed
  CREATE TABLE user_keys_dropped (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,                  -- who lost the key
    kept_by INTEGER NOT NULL,                  -- its first owner, who keeps it
    fingerprint TEXT NOT NULL,
    reported INTEGER NOT NULL DEFAULT 0        -- 1 once written to the audit log
  );
  INSERT INTO user_keys_dropped (user_id, kept_by, fingerprint)
    SELECT k.user_id, (SELECT f.user_id FROM user_keys f WHERE f.fingerprint = k.fingerprint ORDER BY f.id LIMIT 1), k.fingerprint
    FROM user_keys k WHERE EXISTS (SELECT 1 FROM user_keys f WHERE f.fingerprint = k.fingerprint AND f.id < k.id);
  DELETE FROM user_keys WHERE EXISTS (SELECT 1 FROM user_keys f WHERE f.fingerprint = user_keys.fingerprint AND f.id < user_keys.id);
  CREATE UNIQUE INDEX user_keys_one_owner ON user_keys(fingerprint);
`;

// Migration 6: why each session ended (gateway/src/sessions/end-cause.ts); NULL on rows from before.
const SESSION_END_CAUSE_MIGRATION_SQL = `
  ALTER TABLE sessions ADD COLUMN ended_by TEXT;     -- client, target, expiry, revocation, login-rule, user-disabled, terminated, drain, crash, failure
  ALTER TABLE sessions ADD COLUMN end_reason TEXT;   -- in words, e.g. "grant expired"
  ALTER TABLE sessions ADD COLUMN end_actor TEXT;    -- terminated: who ended it
`;

/**
 * Migration 9: sessions of kind `sftp` (file transfer under `transfer.policy: allow`). SQLite cannot
 * change a CHECK in place: the table is rebuilt with every row (the command log keeps pointing at it).
 */
const SFTP_SESSIONS_MIGRATION_SQL = `
  ${sessionsTableSql('sessions_v9', ['shell', 'exec', 'sftp'], ',\n    ended_by TEXT,\n    end_reason TEXT,\n    end_actor TEXT')}
  INSERT INTO sessions_v9 (id, user, host, login, kind, command, started_at, ended_at, status, exit_code, exit_signal, recording, bytes, ended_by, end_reason, end_actor)
    SELECT id, user, host, login, kind, command, started_at, ended_at, status, exit_code, exit_signal, recording, bytes, ended_by, end_reason, end_actor FROM sessions;
  DROP TABLE sessions;
  ALTER TABLE sessions_v9 RENAME TO sessions;
  ${SESSIONS_INDEXES_SQL}
`;

// Batch jobs (gateway/src/batch): a job, each of its hosts' state and result, and who controlled it.
const BATCH_JOBS_MIGRATION_SQL = `
  CREATE TABLE batch_jobs (
    id TEXT PRIMARY KEY,
    submitter TEXT NOT NULL,
    settings TEXT NOT NULL,                      -- JSON, shared/contract/gateway-api/batch.ts
    state TEXT NOT NULL,                         -- running, paused, done, cancelled, interrupted
    paused_reason TEXT,
    wave INTEGER NOT NULL DEFAULT 0,
    waves INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    ended_at INTEGER
  );
  CREATE INDEX batch_jobs_by_submitter ON batch_jobs(submitter, created_at);
  CREATE INDEX batch_jobs_by_created ON batch_jobs(created_at);
  CREATE TABLE batch_hosts (
    job_id TEXT NOT NULL REFERENCES batch_jobs(id),
    idx INTEGER NOT NULL,                        -- dispatch order
    host TEXT NOT NULL,
    login TEXT,
    status TEXT NOT NULL,
    reason TEXT,                                 -- not_permitted: no_grant, login_not_granted, several_logins
    wave INTEGER,
    exit_code INTEGER,
    exit_signal TEXT,
    duration_ms INTEGER,
    first_error TEXT,
    output_bytes INTEGER NOT NULL DEFAULT 0,
    output_tail TEXT NOT NULL DEFAULT '',
    output_hash TEXT,                            -- sha256 of the whole output, for result groups
    session_id TEXT,                             -- the recorded exec session of the last run
    PRIMARY KEY (job_id, idx)
  );
  CREATE TABLE batch_actions (
    job_id TEXT NOT NULL REFERENCES batch_jobs(id),
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL                         -- start, pause, resume, skip-failed, retry-failed, cancel
  );
  CREATE INDEX batch_actions_by_job ON batch_actions(job_id);
`;

// Migration 11: the review API (gateway/src/review): each session's source address, and indexes so
// its searches stay on an index with 100,000s of sessions and audit rows.
const REVIEW_MIGRATION_SQL = `
  ALTER TABLE sessions ADD COLUMN source TEXT;       -- the client's host:port; NULL on rows from before
  CREATE INDEX sessions_by_start_id ON sessions(started_at, id);
  CREATE INDEX sessions_by_user_start_id ON sessions(user, started_at, id);
  CREATE INDEX sessions_by_host_start_id ON sessions(host, started_at, id);
  CREATE INDEX sessions_by_login_start_id ON sessions(login, started_at, id);
  CREATE INDEX sessions_by_status_start_id ON sessions(status, started_at, id);
  CREATE INDEX audit_log_by_actor ON audit_log(actor, seq);
  CREATE INDEX audit_log_by_session ON audit_log(json_extract(data, '$.session'), seq);
`;

// Migration 12: access requests (gateway/src/requests). Rows are never deleted: decided and expired
// requests stay as history. `revision` grows with every write (any process), so the gateway tells
// what changed since it last looked; `grant_id` is not a foreign key: a revoked grant's row goes.
/** Migration 13: review finds a session's batch job (kind `batch` in review.sessions.search). */
const BATCH_SESSIONS_MIGRATION_SQL = `
  CREATE INDEX batch_hosts_by_session ON batch_hosts(session_id) WHERE session_id IS NOT NULL;
`;

const ACCESS_REQUESTS_MIGRATION_SQL = `
  CREATE TABLE access_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    hosts TEXT NOT NULL,                 -- canonical selector text
    login TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,         -- a pending request expires then
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'denied', 'expired', 'cancelled')),
    decided_by TEXT,
    decided_at INTEGER,
    decision_reason TEXT,
    grant_id INTEGER,                    -- approved: the grant it created
    grant_hosts TEXT,                    -- approved: the selector granted (maybe narrowed)
    grant_until INTEGER,                 -- approved: the end granted (maybe shortened)
    revision INTEGER NOT NULL
  );
  CREATE INDEX access_requests_pending ON access_requests(state, expires_at);
  CREATE INDEX access_requests_by_user ON access_requests(user_id, id);
  CREATE INDEX access_requests_by_revision ON access_requests(revision);
`;
// Migration 14: the login accounts a host offers (inventory import, `host edit`). What a user may
// use is still decided by grants; this lists the accounts that exist on the target. And removed
// hosts: a tombstone (name and id kept, so sessions and audit rows keep pointing at it).
const HOST_LOGINS_MIGRATION_SQL = `
  ALTER TABLE hosts ADD COLUMN removed_at INTEGER;          -- ms since epoch; NULL = not removed
  CREATE TABLE host_logins (
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    login TEXT NOT NULL,
    PRIMARY KEY (host_id, login)
  );
`;

// Migration 15: login rules (gateway/src/rules/login): per user or group, the source networks and
// the weekday/hour window (in a named time zone) a login may come from and in.
const LOGIN_RULES_MIGRATION_SQL = `
  CREATE TABLE login_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,      -- ids never reused: audit rows name them
    user_id INTEGER REFERENCES users(id),
    group_id INTEGER REFERENCES groups(id),
    cidrs TEXT NOT NULL,                       -- JSON array of canonical CIDRs; [] = any source
    days TEXT NOT NULL,                        -- e.g. mon-fri (gateway/src/rules/login/window.ts)
    hours TEXT,                                -- e.g. 08:00-20:00 or 22:00-06:00; NULL = all day
    time_zone TEXT NOT NULL,                   -- IANA name
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    CHECK ((user_id IS NULL) <> (group_id IS NULL))
  );
  CREATE INDEX login_rules_by_user ON login_rules(user_id);
  CREATE INDEX login_rules_by_group ON login_rules(group_id);
`;

// Migration 16: command rules (gateway/src/rules/command): per host selector, a literal or regex
// pattern and what happens to a line it matches. Removed rules go (the audit log keeps them).
const COMMAND_RULES_MIGRATION_SQL = `
  CREATE TABLE command_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hosts TEXT NOT NULL,                 -- canonical selector text
    pattern TEXT NOT NULL,
    regex INTEGER NOT NULL CHECK (regex IN (0, 1)),
    action TEXT NOT NULL CHECK (action IN ('reject', 'confirm')),
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
`;

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
  { version: 4, name: 'sessions and the command log (FTS5)', sql: SESSIONS_MIGRATION_SQL + SESSIONS_INDEXES_SQL + COMMANDS_MIGRATION_SQL },
  { version: 5, name: 'groups; grants to a user or a group', sql: GRANTS_GROUPS_MIGRATION_SQL },
  { version: 6, name: 'ids never reused: grants AUTOINCREMENT, users/hosts/groups never deleted', sql: IDS_NEVER_REUSED_MIGRATION_SQL },
  { version: 7, name: 'one owner per public key; removed users', sql: ONE_OWNER_PER_KEY_MIGRATION_SQL },
  { version: 8, name: 'why each session ended', sql: SESSION_END_CAUSE_MIGRATION_SQL },
  { version: 9, name: 'sftp sessions', sql: SFTP_SESSIONS_MIGRATION_SQL, rebuildsReferencedTable: true },
  { version: 10, name: 'batch jobs', sql: BATCH_JOBS_MIGRATION_SQL },
  { version: 11, name: 'review: session source address, search indexes', sql: REVIEW_MIGRATION_SQL },
  { version: 12, name: 'access requests', sql: ACCESS_REQUESTS_MIGRATION_SQL },
  { version: 13, name: 'review: the batch job a session ran in', sql: BATCH_SESSIONS_MIGRATION_SQL },
  { version: 14, name: 'login accounts of hosts; removed hosts', sql: HOST_LOGINS_MIGRATION_SQL },
  { version: 15, name: 'login rules', sql: LOGIN_RULES_MIGRATION_SQL },
  { version: 16, name: 'command rules', sql: COMMAND_RULES_MIGRATION_SQL },
];

/** Applies the pending migrations in order; returns the versions it applied. */
export function migrate(db: Database.Database, steps: readonly Migration[] = migrations): number[] {
  return runMigrations(db, steps, 'gateway');
}
