// Login hardening with the real OpenSSH client against a real gateway: key types, TOTP through
// keyboard-interactive (answered by an SSH_ASKPASS script), lockout, disabling a user with a live
// session from the CLI (another process), host key audit events, and no secret in logs or files.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../../lab/sshd-hosts';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { openGatewayAdmin, startGateway, type Gateway } from '..';
import { openStore } from '../store';
import { runProcess, writeKnownHosts } from '../testing';
import { totpCode } from './totp';
import { createUserAdmin } from './user-admin';
import { GATEWAY_BIN } from '../../../lab/gateway-bin';

const BIN = GATEWAY_BIN;
const credential = generateEd25519KeyPair();
const ed = generateEd25519KeyPair();
const stranger = generateEd25519KeyPair();
const own = { tom: generateEd25519KeyPair(), carol: generateEd25519KeyPair(), dave: generateEd25519KeyPair() };
let dir: string;
let dataDir: string;
let lab: SshdHosts;
let gw: Gateway;
let login: string;
let knownHosts: string;
let totpSecret: string;
const logLines: string[] = [];
const keys = {} as { ed: string; stranger: string; rsa: string; ecdsa: string; tom: string; carol: string; dave: string };

function keyFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

function sshKeygen(type: 'rsa' | 'ecdsa', name: string): string {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-f', file]);
  return file;
}

function ssh(user: string, key: string, remote: string[], opts: { extra?: string[]; askpass?: string } = {}) {
  const args = [
    '-F', '/dev/null', '-p', String(gw.address.port), '-i', key,
    '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes', '-o', 'LogLevel=ERROR',
    ...(opts.askpass
      ? ['-o', 'BatchMode=no', '-o', 'KbdInteractiveAuthentication=yes', '-o', 'NumberOfPasswordPrompts=1', '-o', 'PasswordAuthentication=no']
      : ['-o', 'BatchMode=yes']),
    ...(opts.extra ?? []),
    `${user}@127.0.0.1`, ...remote,
  ];
  const env = { ...process.env, ...(opts.askpass && { SSH_ASKPASS: opts.askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' }) };
  return runProcess('ssh', args, { env });
}

const NO_TARGET = /no target given/;
const DENIED = /Permission denied \((publickey|keyboard-interactive)\)/;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-auth-openssh-'));
  dataDir = join(dir, 'data');
  keys.ed = keyFile('ed_key', ed.private);
  for (const name of ['tom', 'carol', 'dave'] as const) keys[name] = keyFile(`${name}_key`, own[name].private);
  keys.stranger = keyFile('stranger_key', stranger.private);
  keys.rsa = sshKeygen('rsa', 'rsa_key');
  keys.ecdsa = sshKeygen('ecdsa', 'ecdsa_key');
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01', 'web-02', 'web-03'], authorizedKeys: [credential.public] });
  login = lab.hosts[0]!.login;
  const admin = openGatewayAdmin(dataDir);
  const pub = (file: string) => readFileSync(`${file}.pub`, 'utf8');
  admin.addUser({ name: 'alice', publicKeys: [ed.public, pub(keys.rsa), pub(keys.ecdsa)] });
  // One key, one user: each has a key of its own.
  for (const name of ['tom', 'carol', 'dave'] as const) admin.addUser({ name, publicKeys: [own[name].public] });
  for (const h of lab.hosts) {
    admin.addHost({ name: h.name, address: h.address });
    admin.setCredential({ host: h.name, login, privateKey: credential.private });
    admin.addGrant({ user: 'dave', hosts: h.name, login });
  }
  admin.pinHostKey('web-02', stranger.public); // not web-02's key: as if it changed
  admin.close();
  const store = openStore(dataDir);
  totpSecret = createUserAdmin(store).enableTotp('tom').secret;
  store.close();
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
  gw = await startGateway({ dataDir, logger: pino({ level: 'debug' }, sink), loginPolicy: { sourceDelayBaseMs: 0 } });
  knownHosts = writeKnownHosts(dir, gw);
}, 30_000);

afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const auditOf = (type: string) => {
  const store = openStore(dataDir);
  try {
    return store.audit.list({ type }).map((e): Record<string, unknown> => ({ actor: e.actor, ...e.data }));
  } finally {
    store.close();
  }
};

describe('login with the OpenSSH client', () => {
  it('accepts ed25519, ecdsa and rsa keys (rsa-sha2-512 and rsa-sha2-256)', async () => {
    // Reaching "no target given" means the login itself succeeded.
    for (const [key, extra] of [[keys.ed], [keys.ecdsa], [keys.rsa], [keys.rsa, ['-o', 'PubkeyAcceptedAlgorithms=rsa-sha2-256']]] as Array<[string, string[]?]>) {
      const r = await ssh('alice', key, ['true'], { extra });
      expect(r.stderr, key).toMatch(NO_TARGET);
      expect(r.code).toBe(1);
    }
    expect(auditOf('login.success').filter((e) => e.actor === 'alice')).toHaveLength(4);
  });

  it('asks a TOTP user for the code after the key; a right code logs in, a wrong one does not', async () => {
    const right = keyFile('askpass-right.sh', `#!/bin/sh\necho ${totpCode(totpSecret)}\n`);
    const wrongCode = totpCode(totpSecret, Date.now() + 10 * 60_000);
    const wrong = keyFile('askpass-wrong.sh', `#!/bin/sh\necho ${wrongCode}\n`);
    chmodSync(right, 0o700);
    chmodSync(wrong, 0o700);
    const ok = await ssh('tom', keys.tom, ['true'], { askpass: right });
    expect(ok.stderr).toMatch(NO_TARGET);
    expect(auditOf('login.success').at(-1)).toMatchObject({ actor: 'tom', totp: true });
    const bad = await ssh('tom', keys.tom, ['true'], { askpass: wrong });
    expect(bad.code).toBe(255);
    expect(bad.stderr).toMatch(DENIED);
    expect(auditOf('login.failure').at(-1)).toMatchObject({ actor: 'tom', reason: 'bad verification code' });
    // Without a way to answer, the key alone is not enough.
    expect((await ssh('tom', keys.tom, ['true'])).stderr).toMatch(DENIED);
  });

  it('locks an account after 5 failures; the locked account gets the same answer as a stranger', async () => {
    for (let i = 0; i < 5; i++) expect((await ssh('carol', keys.stranger, ['true'])).code).toBe(255);
    const locked = await ssh('carol', keys.carol, ['true']);
    const unknown = await ssh('nobody-here', keys.ed, ['true']);
    const wrongKey = await ssh('alice', keys.stranger, ['true']);
    expect(locked.code).toBe(255);
    expect(locked.stderr).toMatch(DENIED);
    expect(unknown.stderr.replace('nobody-here', 'X')).toBe(locked.stderr.replace('carol', 'X'));
    expect(wrongKey.stderr.replace('alice', 'X')).toBe(locked.stderr.replace('carol', 'X'));
    expect(auditOf('login.locked')).toEqual([expect.objectContaining({ user: 'carol', failures: 5, source: '127.0.0.1' })]);
    // The 4 repeats of the first failure are counted in one row when its window (60 s) ends.
    expect(auditOf('login.failure').filter((e) => e.actor === 'carol').map((e) => [e.reason, e.count])).toEqual([
      ['no matching key', 1],
      ['locked', 1],
    ]);
  });

  it('`user disable` from another process ends the live session with a message; `user enable` lets the user back', async () => {
    const live = ssh(`dave:${login}@web-01`, keys.dave, ['echo started; sleep 30']);
    await expect.poll(() => gw.liveSessions(), { timeout: 10_000 }).toBe(1);
    const cli = await runProcess(process.execPath, [BIN, 'user', 'disable', 'dave', '--data', dataDir]);
    // Timed from the CLI's exit (its commit), not its start: starting the CLI alone takes seconds on a busy machine.
    const started = Date.now();
    expect(cli).toMatchObject({ code: 0, stdout: 'disabled dave\n' });
    const ended = await live;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ended.stdout).toBe('started\n');
    expect(ended.stderr).toMatch(/your account was disabled by an administrator/);
    expect((await ssh(`dave:${login}@web-01`, keys.dave, ['true'])).stderr).toMatch(DENIED);
    expect(auditOf('user.changed').at(-1)).toMatchObject({ actor: expect.stringMatching(/^admin:cli/), user: 'dave', change: 'disabled' });
    await runProcess(process.execPath, [BIN, 'user', 'enable', 'dave', '--data', dataDir]);
    expect(await ssh(`dave:${login}@web-01`, keys.dave, ['echo back'])).toMatchObject({ stdout: 'back\n', code: 0 });
  }, 20_000);

  it('audits a host key pinned on first use and a changed one', async () => {
    expect((await ssh(`dave:${login}@web-03`, keys.dave, ['true'])).code).toBe(0);
    expect(auditOf('hostkey.pinned').filter((e) => e.host === 'web-03')).toEqual([expect.objectContaining({ actor: 'dave', source: 'first-use', key: expect.stringMatching(/^SHA256:/) })]);
    expect(auditOf('hostkey.pinned').filter((e) => e.host === 'web-02')).toEqual([expect.objectContaining({ source: 'admin' })]);
    const r = await ssh(`dave:${login}@web-02`, keys.dave, ['true']);
    expect(r.stderr).toMatch(/host key of web-02 changed/);
    expect(auditOf('hostkey.mismatch')).toEqual([expect.objectContaining({ actor: 'dave', host: 'web-02', presented: expect.stringMatching(/^SHA256:/) })]);
  });

  it('never writes a credential or TOTP secret to the logs or the data dir', () => {
    expect(logLines.length).toBeGreaterThan(10);
    const secretBody = credential.private.split('\n').filter((l) => l && !l.startsWith('-----'))[1]!;
    // Every file below the data dir, recordings included.
    const files = (readdirSync(dataDir, { recursive: true }) as string[])
      .map((f) => join(dataDir, f))
      .filter((f) => statSync(f).isFile())
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n');
    for (const text of [logLines.join(''), files]) {
      expect(text).not.toContain(secretBody);
      expect(text).not.toContain(totpSecret);
    }
  });
});
