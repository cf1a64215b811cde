import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdmin } from '../admin';
import { openStore } from '../store';
import { migrate, migrations } from '../store/migrations';
import { loadMasterKey, masterKeyFrom, MASTER_KEY_ENV, MASTER_KEY_FILE, open, seal } from '.';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'gw-custody-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every byte the data dir holds (database, WAL, keys), as latin1 text for searching. */
const everything = (dir: string) => readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');

describe('sealing', () => {
  const master = masterKeyFrom(randomBytes(32), 'env');

  it('opens what it sealed, with a fresh nonce each time', () => {
    const a = seal(master, Buffer.from('hunter2'), 'row 1');
    const b = seal(master, Buffer.from('hunter2'), 'row 1');
    expect(a.equals(b)).toBe(false);
    expect(open(master, a, 'row 1').toString()).toBe('hunter2');
  });

  it('refuses another row, an altered byte and another key', () => {
    const box = seal(master, Buffer.from('hunter2'), 'row 1');
    expect(() => open(master, box, 'row 2')).toThrow(/altered or moved/);
    const flipped = Buffer.from(box);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => open(master, flipped, 'row 1')).toThrow(/altered or moved/);
    expect(() => open(masterKeyFrom(randomBytes(32), 'env'), box, 'row 1')).toThrow(/another master key/);
  });
});

describe('master key', () => {
  it('is created 0600 in the data dir, and refused when others can read it', () => {
    const dir = tempDir();
    const first = loadMasterKey(dir, {});
    expect(statSync(join(dir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadMasterKey(dir, {}).id).toBe(first.id);
    chmodSync(join(dir, MASTER_KEY_FILE), 0o640);
    expect(() => loadMasterKey(dir, {})).toThrow(/readable by group or others.*chmod 600/);
  });

  it('can live outside the data dir (config masterKey.file), and the store uses it there', () => {
    const dir = tempDir();
    const keyFile = join(tempDir(), 'portcullis.key');
    const store = openStore(dir, { env: {}, masterKeyFile: keyFile });
    const id = store.masterKey.id;
    store.close();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).not.toContain(MASTER_KEY_FILE);
    expect(loadMasterKey(dir, {}, false, keyFile).id).toBe(id);
  });

  it('comes from the environment when set; a malformed one is an error', () => {
    const key = randomBytes(32);
    expect(loadMasterKey(tempDir(), { [MASTER_KEY_ENV]: key.toString('base64') })).toMatchObject({ key, source: 'env' });
    expect(() => loadMasterKey(tempDir(), { [MASTER_KEY_ENV]: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => loadMasterKey(tempDir(), { [MASTER_KEY_ENV]: 'not base64!' })).toThrow(/not base64/);
  });

  it('is not silently replaced when sealed secrets exist', () => {
    const dir = tempDir();
    const store = openStore(dir, { env: {} });
    const host = store.hosts.create({ name: 'web-01', address: '127.0.0.1:22', nodes: [], tags: {} });
    store.credentials.set(host.id, 'root', { kind: 'password', password: 'pw' });
    store.close();
    rmSync(join(dir, MASTER_KEY_FILE));
    expect(() => openStore(dir, { env: {} })).toThrow(/master.key is missing.*restore the key/);
  });
});

describe('credentials at rest', () => {
  it('never appear in the database files, and a row moved to another host does not open', () => {
    const dir = tempDir();
    const store = openStore(dir, { env: {} });
    const admin = createAdmin(store);
    admin.addHost({ name: 'web-01', address: '127.0.0.1:22' });
    admin.addHost({ name: 'web-02', address: '127.0.0.1:23' });
    const password = 'S3cret-' + randomBytes(8).toString('hex');
    admin.setCredential({ host: 'web-01', login: 'deploy', password });
    admin.setCredential({ host: 'web-02', login: 'deploy', password: 'other-password' });
    const [h1, h2] = [store.hosts.find('web-01')!, store.hosts.find('web-02')!];
    expect(store.credentials.get(h1.id, 'deploy')).toEqual({ kind: 'password', password });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(everything(dir)).not.toContain(password);
    expect(everything(dir)).not.toContain(Buffer.from(password).toString('base64'));
    // Copy web-01's ciphertext onto web-02's row: it must not open there.
    store.db.prepare("UPDATE credentials SET secret = (SELECT secret FROM credentials WHERE host_id = ?) WHERE host_id = ?").run(h1.id, h2.id);
    expect(() => store.credentials.get(h2.id, 'deploy')).toThrow(/altered or moved/);
    expect(JSON.stringify(store.audit.list())).not.toContain(password);
    store.close();
  });

  it('migration 3 seals plaintext rows written before it', () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'gateway.db'));
    migrate(db, migrations.filter((m) => m.version < 3));
    db.prepare("INSERT INTO hosts (id, name, address, created_at) VALUES (1, 'web-01', '127.0.0.1:22', 0)").run();
    db.prepare("INSERT INTO credentials (host_id, login, kind, secret, updated_at) VALUES (1, 'root', 'password', ?, 0)").run(Buffer.from('legacy-plaintext-pw'));
    db.close();
    const store = openStore(dir, { env: {} });
    expect(store.credentials.get(1, 'root')).toEqual({ kind: 'password', password: 'legacy-plaintext-pw' });
    expect(store.db.prepare('SELECT key_id FROM credentials').pluck().get()).toBe(store.masterKey.id);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    expect(everything(dir)).not.toContain('legacy-plaintext-pw');
  });
});
