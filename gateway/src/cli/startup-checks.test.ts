// `serve` refuses to start on state it cannot use, with a clear message and a non-zero exit,
// instead of starting and failing at the first session. Through the real CLI (bin, child process).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { GATEWAY_BIN } from '../../../lab/gateway-bin';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { DATABASE_FILE } from '../store/database';
import { runCliCaptured, runProcess } from '../testing';

const dir = mkdtempSync(join(tmpdir(), 'gw-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = () => randomBytes(32).toString('base64');
const serve = (data: string, env: Record<string, string> = {}) =>
  runProcess(process.execPath, [GATEWAY_BIN, 'serve', '--data', data, '--listen', '127.0.0.1:0'], { env: { ...process.env, PORTCULLIS_LOG_LEVEL: 'warn', PORTCULLIS_MASTER_KEY: '', ...env } });

describe('serve start-up checks', () => {
  it('refuses a master key that cannot open the stored credentials', async () => {
    const data = join(dir, 'wrong-key');
    const right = key();
    const keyFile = join(dir, 'cred');
    writeFileSync(keyFile, generateEd25519KeyPair().private, { mode: 0o600 });
    expect((await runCliCaptured(['host', 'add', 'web-01', '--address', '127.0.0.1:22', '--data', data], { env: { PORTCULLIS_MASTER_KEY: right } })).code).toBe(0);
    expect((await runCliCaptured(['credential', 'set', 'web-01', '--login', 'root', '--key', keyFile, '--data', data], { env: { PORTCULLIS_MASTER_KEY: right } })).code).toBe(0);
    const wrong = await serve(data, { PORTCULLIS_MASTER_KEY: key() });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/master key \(PORTCULLIS_MASTER_KEY, id [0-9a-f]+\) cannot open the stored secrets, sealed with key id [0-9a-f]+/);
    expect(wrong.stdout).not.toMatch(/listening/);
  });

  it('refuses a database with a newer schema, and a file that is not a database', async () => {
    const newer = join(dir, 'newer');
    expect((await runCliCaptured(['init', '--data', newer], { env: { PORTCULLIS_MASTER_KEY: key() } })).code).toBe(0);
    const db = new Database(join(newer, DATABASE_FILE));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 0)").run();
    db.close();
    const fromFuture = await serve(newer);
    expect(fromFuture.code).toBe(1);
    expect(fromFuture.stderr).toMatch(/cannot open the database .*gateway\.db: the database is at schema version 999, newer than this gateway knows/);

    const garbage = join(dir, 'garbage');
    mkdirSync(garbage);
    writeFileSync(join(garbage, DATABASE_FILE), 'not a database, just text '.repeat(200));
    const notDb = await serve(garbage);
    expect(notDb.code).toBe(1);
    expect(notDb.stderr).toMatch(/cannot open the database .*gateway\.db: file is not a database/);
  });
});
