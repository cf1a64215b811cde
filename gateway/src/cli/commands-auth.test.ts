// audit verify/list and the user login-state commands, run in-process against a real data dir.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { checkTotp, totpCode } from '../auth/totp';
import { DATABASE_FILE } from '../store/database';
import { openStore } from '../store';
import { runCli } from './program';

let dir: string;
let data: string;

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data', data], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: {},
    readStdin: async () => '',
    stopSignal: () => new Promise(() => {}),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-cli-auth-'));
  data = join(dir, 'data');
  writeFileSync(join(dir, 'alice.pub'), generateEd25519KeyPair().public);
  expect((await run('user', 'add', 'alice', '--key', join(dir, 'alice.pub'))).code).toBe(0);
  expect((await run('host', 'add', 'web-01', '--address', '127.0.0.1:22')).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('user login-state commands', () => {
  it('every new command has --help', async () => {
    for (const command of ['user disable', 'user enable', 'user unlock', 'user totp enable', 'user totp disable', 'audit verify', 'audit list']) {
      const r = await run(...command.split(' '), '--help');
      expect(r.code, command).toBe(0);
      expect(r.out, command).toMatch(new RegExp(`Usage: portcullis-gateway ${command}`));
    }
  });

  it('enables TOTP, printing the secret and otpauth URI once, stored sealed', async () => {
    const r = await run('user', 'totp', 'enable', 'alice');
    expect(r.code).toBe(0);
    const secret = /secret: ([A-Z2-7]+)/.exec(r.out)![1]!;
    expect(r.out).toMatch(new RegExp(`uri: +otpauth://totp/Portcullis:alice\\?.*secret=${secret}`));
    const store = openStore(data);
    const user = store.users.find('alice')!;
    expect(user.totp).toBe(true);
    expect(checkTotp(store.users.totpSecret(user.id)!, totpCode(secret))).toBe(true);
    expect(Buffer.from(store.db.prepare('SELECT totp_secret FROM users').pluck().get() as Buffer).toString('latin1')).not.toContain(secret);
    store.close();
    expect((await run('user', 'totp', 'disable', 'alice')).out).toBe('TOTP disabled for alice');
  });

  it('disables, enables and unlocks; an unknown user is a clear error', async () => {
    expect(await run('user', 'disable', 'alice')).toMatchObject({ code: 0, out: 'disabled alice' });
    expect(await run('user', 'enable', 'alice')).toMatchObject({ code: 0, out: 'enabled alice' });
    expect(await run('user', 'unlock', 'alice')).toMatchObject({ code: 0, out: 'unlocked alice' });
    expect(await run('user', 'disable', 'nobody')).toMatchObject({ code: 1, err: 'error: no user named "nobody"' });
  });
});

describe('audit commands', () => {
  it('lists what the CLI did, with who did it, as text or JSON, by type and time', async () => {
    const text = await run('audit', 'list');
    expect(text.out).toMatch(/^#1 \S+Z user\.added admin:cli\S* \{"keys":\["SHA256:/m);
    const json = (await run('audit', 'list', '--json', '--type', 'user.changed')).out.split('\n').map((l) => JSON.parse(l) as { type: string; data: { change: string } });
    expect(json.map((e) => e.data.change)).toEqual(['totp enabled', 'totp disabled', 'disabled', 'enabled', 'unlocked']);
    expect((await run('audit', 'list', '--since', '2099-01-01')).out).toBe('');
    expect((await run('audit', 'list', '--since', '1h')).out.split('\n').length).toBeGreaterThan(5);
    expect((await run('audit', 'list', '--since', 'yesterday-ish')).code).toBe(1);
  });

  it('verify says OK with the head, and names a row edited behind the triggers (exit 1)', async () => {
    const ok = await run('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out.split('\n')[0]).toMatch(/^OK: 7 entries, head [0-9a-f]{64}$/);
    const db = new Database(join(data, DATABASE_FILE));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3`).run();
    db.close();
    const bad = await run('audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.out.split('\n')).toEqual(
      expect.arrayContaining(['TAMPERED: entry #3: its content does not match its hash: it was edited', expect.stringMatching(/^TAMPERED: trigger audit_log_no_update is missing/)]),
    );
  });
});
