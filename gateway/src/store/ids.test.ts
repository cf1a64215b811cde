// Ids name one thing forever, and a grant's window makes sense: through the real CLI and store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { openGatewayAdmin } from '../admin';
import { runCliCaptured } from '../testing';
import { migrate, migrations } from './migrations';
import { openStore } from '.';

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-ids-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A data dir with user alice. */
function dataDir(): string {
  const data = join(dir, `d${++n}`);
  const admin = openGatewayAdmin(data);
  admin.addUser({ name: 'alice', publicKeys: [generateEd25519KeyPair().public] });
  admin.close();
  return data;
}

const grantId = (stdout: string) => Number(/\(grant (\d+)\)/.exec(stdout)![1]);

describe('grant ids', () => {
  it('a revoked grant id is never handed out again', async () => {
    const data = dataDir();
    const add = () => runCliCaptured(['grant', 'add', '--data', data, '--user', 'alice', '--hosts', '*', '--login', 'root', '--for', '1h']);
    const first = grantId((await add()).stdout);
    const second = grantId((await add()).stdout);
    expect((await runCliCaptured(['grant', 'revoke', String(second), '--data', data])).code).toBe(0);
    const third = grantId((await add()).stdout);
    expect([first, second, third]).toEqual([1, 2, 3]);
    const store = openStore(data);
    expect(store.audit.list({ type: 'grant.added' }).map((e) => e.data.grant)).toEqual([1, 2, 3]);
    store.close();
  });

  it('the migration keeps existing ids and retires those an older version freed', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version <= 5));
    db.exec(`INSERT INTO users (id, name, created_at) VALUES (1, 'alice', 0);
      INSERT INTO grants (id, user_id, hosts, login, created_at) VALUES (1, 1, '*', 'root', 0), (2, 1, '*', 'root', 0);
      INSERT INTO audit_log (seq, at, type, actor, data, prev_hash, hash) VALUES (1, 0, 'grant.added', 'a', '{"grant":7}', '', '');`);
    db.exec('DELETE FROM grants WHERE id = 2');
    migrate(db);
    expect(db.prepare('SELECT id FROM grants').pluck().all()).toEqual([1]);
    const next = db.prepare("INSERT INTO grants (user_id, hosts, login, created_at) VALUES (1, '*', 'root', 0)").run().lastInsertRowid;
    expect(next).toBe(8);
    db.close();
  });

  it('users, hosts and groups cannot be deleted (their ids would be reused)', () => {
    const store = openStore(dataDir());
    expect(() => store.db.exec("DELETE FROM users WHERE name = 'alice'")).toThrow(/never deleted/);
    store.close();
  });
});

describe('grant windows', () => {
  it('refuses a grant that ends in the past, with a clear message, and stores nothing', async () => {
    const data = dataDir();
    const r = await runCliCaptured(['grant', 'add', '--data', data, '--user', 'alice', '--hosts', '*', '--login', 'root', '--until', '2020-01-01']);
    expect(r).toMatchObject({ code: 1, stderr: 'error: the grant would end at 2020-01-01T00:00:00.000Z, which is already past: give an end in the future\n' });
    const store = openStore(data);
    expect(store.grants.list()).toEqual([]);
    store.close();
  });

  it('refuses a grant that ends before it starts', async () => {
    const data = dataDir();
    const r = await runCliCaptured(['grant', 'add', '--data', data, '--user', 'alice', '--hosts', '*', '--login', 'root', '--from', '2099-02-01', '--until', '2099-01-01']);
    expect(r).toMatchObject({ code: 1, stderr: expect.stringMatching(/until must be after from/) });
  });

  it('refuses a grant longer than grants.maxDays', async () => {
    const data = dataDir();
    const env = { PORTCULLIS_GRANTS_MAX_DAYS: '7' };
    const long = await runCliCaptured(['grant', 'add', '--data', data, '--user', 'alice', '--hosts', '*', '--login', 'root', '--for', '8d'], { env });
    expect(long).toMatchObject({ code: 1, stderr: expect.stringMatching(/longer than grants\.maxDays allows \(7 day\(s\) from /) });
    const ok = await runCliCaptured(['grant', 'add', '--data', data, '--user', 'alice', '--hosts', '*', '--login', 'root', '--for', '7d'], { env });
    expect(ok.code).toBe(0);
  });
});
