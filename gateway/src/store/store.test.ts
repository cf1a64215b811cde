import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '.';
import { migrate, migrations } from './migrations';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'gw-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('store', () => {
  it('opens in WAL mode with every migration recorded, and reopening applies nothing', () => {
    const dir = tempDir();
    const store = openStore(dir);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(migrations.map((m) => m.version));
    store.close();
    const again = openStore(dir);
    expect(migrate(again.db)).toEqual([]);
    again.close();
  });

  it('keeps the database and its WAL private to the gateway user (0600 in a 0700 dir)', () => {
    const dir = join(tempDir(), 'data');
    const store = openStore(dir);
    store.db.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'probe', 0)"); // forces the WAL
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of ['gateway.db', 'gateway.db-wal', 'gateway.db-shm']) expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
    store.close();
  });

  it('applies migrations in order, each in a transaction (a failing step leaves nothing behind)', () => {
    const db = new Database(':memory:');
    const applied = migrate(db, [
      { version: 2, name: 'b', sql: 'ALTER TABLE t ADD COLUMN b TEXT' },
      { version: 1, name: 'a', sql: 'CREATE TABLE t (a TEXT)' },
    ]);
    expect(applied).toEqual([1, 2]);
    expect(() =>
      migrate(db, [
        { version: 1, name: 'a', sql: '' },
        { version: 2, name: 'b', sql: '' },
        { version: 3, name: 'bad', sql: 'CREATE TABLE u (x); INSERT INTO nowhere VALUES (1)' },
      ]),
    ).toThrow();
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'u'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(2);
  });

  it('migration 9 lets sessions be sftp, keeping every session and the command log pointing at them', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version < 9));
    db.exec(`INSERT INTO sessions (id, user, host, login, kind, command, started_at, status, bytes, ended_by) VALUES ('s1', 'alice', 'web-01', 'root', 'exec', 'uptime', 1, 'ended', 42, 'target')`);
    db.exec(`INSERT INTO commands (at, user, host, login, session_id, offset, command) VALUES (1, 'alice', 'web-01', 'root', 's1', 0, 'uptime')`);
    expect(() => db.exec(`INSERT INTO sessions (id, user, host, login, kind, started_at, status) VALUES ('s2', 'alice', 'web-01', 'root', 'sftp', 2, 'live')`)).toThrow(/CHECK/);
    expect(migrate(db, migrations.filter((m) => m.version <= 9))).toEqual([9]);
    expect(db.prepare("SELECT id, kind, command, bytes, ended_by AS endedBy FROM sessions").all()).toEqual([{ id: 's1', kind: 'exec', command: 'uptime', bytes: 42, endedBy: 'target' }]);
    db.exec(`INSERT INTO sessions (id, user, host, login, kind, started_at, status) VALUES ('s2', 'alice', 'web-01', 'root', 'sftp', 2, 'live')`);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.exec(`INSERT INTO commands (at, user, host, login, session_id, offset, command) VALUES (1, 'a', 'h', 'l', 'nope', 0, 'x')`)).toThrow(/FOREIGN KEY/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions' AND name LIKE 'sessions_by_%' ORDER BY name").pluck().all()).toEqual(['sessions_by_start', 'sessions_by_status', 'sessions_by_user']);
  });

  it('applies a step that landed below the highest applied version (branches merged out of order)', () => {
    const db = new Database(':memory:');
    migrate(db, [
      { version: 1, name: 'a', sql: 'CREATE TABLE t (a TEXT)' },
      { version: 5, name: 'e', sql: 'CREATE TABLE e (x)' },
    ]);
    const applied = migrate(db, [
      { version: 1, name: 'a', sql: '' },
      { version: 3, name: 'c', sql: 'CREATE TABLE c (x)' },
      { version: 5, name: 'e', sql: '' },
    ]);
    expect(applied).toEqual([3]);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'c'").pluck().get()).toBe(1);
  });

  it('refuses a database newer than the code', () => {
    const db = new Database(':memory:');
    migrate(db, [{ version: 7, name: 'future', sql: '' }]);
    expect(() => migrate(db, [{ version: 1, name: 'a', sql: '' }])).toThrow(/newer than this gateway/);
  });

  it('stores hosts with several nodes and tags, credentials and host keys', () => {
    const store = openStore(tempDir());
    const host = store.hosts.create({ name: 'web-01', address: '127.0.0.1:22', nodes: [['a', 'b'], ['c']], tags: { env: 'prod' } });
    expect(store.hosts.find('web-01')).toEqual(host);
    store.credentials.set(host.id, 'root', { kind: 'password', password: 'pw' });
    store.credentials.set(host.id, 'root', { kind: 'key', privateKey: 'KEY' });
    expect(store.credentials.get(host.id, 'root')).toEqual({ kind: 'key', privateKey: 'KEY' });
    expect(store.credentials.get(host.id, 'nobody')).toBeUndefined();
    expect(store.hostKeys.pinIfAbsent(host.id, 'ssh-ed25519 AAA1')).toBe('ssh-ed25519 AAA1');
    expect(store.hostKeys.pinIfAbsent(host.id, 'ssh-ed25519 AAA2')).toBe('ssh-ed25519 AAA1');
    store.hostKeys.pin(host.id, 'ssh-ed25519 AAA3');
    expect(store.hostKeys.pinned(host.id)).toBe('ssh-ed25519 AAA3');
    store.close();
  });
});
