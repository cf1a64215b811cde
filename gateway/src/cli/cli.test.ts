// The CLI as users run it: bin/portcullis-gateway.mjs in a child process, from another cwd.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../../lab/sshd-hosts';
import { openStore } from '../store';
import { connectClient, exec, runCliCaptured, runProcess } from '../testing';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { GATEWAY_BIN } from '../../../lab/gateway-bin';

const BIN = GATEWAY_BIN;
const alice = generateEd25519KeyPair();
const credential = generateEd25519KeyPair();
let dir: string;
let data: string;
let lab: SshdHosts;

/** Runs the CLI in this process (fast); the bin itself is spawned only where that matters. */
async function cli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const cwd = process.cwd();
  process.chdir(dir); // relative file arguments, as a user would type them
  try {
    return await runCliCaptured(args, opts);
  } finally {
    process.chdir(cwd);
  }
}

function spawnCli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  return runProcess(process.execPath, [BIN, ...args], { cwd: dir, input: opts.input, env: { ...process.env, PORTCULLIS_LOG_LEVEL: 'warn', ...opts.env } });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-cli-'));
  data = join(dir, 'data');
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [credential.public] });
  writeFileSync(join(dir, 'alice.pub'), `# alice's laptop\n${alice.public}\n`);
  writeFileSync(join(dir, 'cred_key'), credential.private, { mode: 0o600 });
});
afterAll(async () => {
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('portcullis-gateway CLI', () => {
  it('--help works from another directory, on every command', async () => {
    const top = await spawnCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/serve/);
    for (const command of ['init', 'serve', 'user', 'user add', 'host', 'host add', 'host pin-key', 'credential set', 'grant add']) {
      const sub = await cli([...command.split(' '), '--help']);
      expect(sub.code, command).toBe(0);
      expect(sub.stdout, command).toMatch(new RegExp(`Usage: portcullis-gateway ${command}`));
    }
    expect((await cli(['grant', 'add', '--help'])).stdout).toMatch(/--for <duration>/);
    expect((await cli(['serve', '--help'])).stdout).toMatch(/--config <file>[\s\S]*--log-level <level>/);
  });

  it('administers a data dir, then serves it and closes on SIGTERM', async () => {
    const env = { PORTCULLIS_DATA: data };
    const login = lab.hosts[0]!.login;
    const init = await cli(['init', '--data', data]);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/gateway host key: ssh-ed25519 /);
    expect(init.stdout).toMatch(/gateway\.yaml \(written with the defaults/);
    expect((await cli(['init', '--data', data])).stdout).toMatch(/gateway\.yaml \(kept as it was\)/);

    expect((await cli(['user', 'add', 'alice', '--role', 'operator', '--key', 'alice.pub'], { env })).code).toBe(0);
    expect((await cli(['host', 'add', 'web-01', '--address', lab.hosts[0]!.address, '--node', 'pay/web', '--tag', 'env=prod'], { env })).code).toBe(0);
    const pw = await cli(['credential', 'set', 'web-01', '--login', 'deploy', '--password-stdin'], { env, input: 'hunter2-secret\n' });
    expect(pw.code).toBe(0);
    expect(pw.stdout + pw.stderr).not.toContain('hunter2');
    expect((await cli(['credential', 'set', 'web-01', '--login', login, '--key', 'cred_key'], { env })).code).toBe(0);
    const noEnd = await cli(['grant', 'add', '--user', 'alice', '--hosts', 'node:pay', '--login', login], { env });
    expect(noEnd.code).toBe(1);
    expect(noEnd.stderr).toMatch(/--until TIME or --for DURATION/);
    const bad = await cli(['grant', 'add', '--user', 'nobody', '--hosts', '*', '--login', login, '--for', '1h'], { env });
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/no user named "nobody"/) });
    const granted = await cli(['grant', 'add', '--user', 'alice', '--hosts', 'node:pay', '--login', login, '--for', '1h'], { env });
    expect(granted.code).toBe(0);

    const store = openStore(data);
    const host = store.hosts.find('web-01')!;
    expect(host).toMatchObject({ nodes: [['pay', 'web']], tags: { env: 'prod' } });
    expect(store.credentials.get(host.id, 'deploy')).toEqual({ kind: 'password', password: 'hunter2-secret' });
    store.close();

    const server = spawn(process.execPath, [BIN, 'serve', '--listen', '127.0.0.1:0', '--pretty'], { cwd: dir, env: { ...process.env, ...env, PORTCULLIS_LOG_LEVEL: 'warn' } });
    let out = '';
    const exited = new Promise<number | null>((r) => server.on('close', (code) => r(code)));
    const port = await new Promise<number>((ok, fail) => {
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on [\d.]+:(\d+)\n[\s\S]*host key: (\S+ \S+)/.exec(out);
        if (m) ok(Number(m[1]));
      });
      server.on('close', () => fail(new Error(`serve exited: ${out}`)));
    });
    const hostPublicKey = /host key: (\S+ \S+)/.exec(out)![1]!;
    const conn = await connectClient({ port, username: `alice:${login}@web-01`, privateKey: alice.private, hostPublicKey });
    expect(await exec(conn, 'echo $((6*7))')).toMatchObject({ stdout: '42\n', code: 0 });
    const connClosed = new Promise<void>((r) => conn.once('close', () => r()));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    await connClosed; // the gateway ended our connection on its way out
  });

  it('every command seals with the master key file the config names, not a second key in the data dir', async () => {
    const d = join(dir, 'keyed');
    const keyFile = join(dir, 'elsewhere.key');
    expect((await cli(['init', '--data', d])).code).toBe(0);
    rmSync(join(d, 'master.key')); // init made the default one before the config existed
    writeFileSync(join(d, 'gateway.yaml'), `masterKey:\n  file: ${keyFile}\n`);
    expect((await cli(['host', 'add', 'web-09', '--address', '127.0.0.1:22', '--data', d])).code).toBe(0);
    writeFileSync(join(dir, 'k9'), credential.private, { mode: 0o600 });
    expect((await cli(['credential', 'set', 'web-09', '--login', 'root', '--key', 'k9', '--data', d])).code).toBe(0);
    expect((await cli(['sessions', 'list', '--data', d])).code).toBe(0);
    expect(existsSync(keyFile)).toBe(true);
    expect(existsSync(join(d, 'master.key'))).toBe(false);
    const store = openStore(d, { env: {}, masterKeyFile: keyFile });
    expect(store.credentials.get(store.hosts.find('web-09')!.id, 'root')).toMatchObject({ kind: 'key' });
    store.close();
  });

  it('says where the data dir is missing', async () => {
    const r = await cli(['user', 'add', 'bob'], { env: { PORTCULLIS_DATA: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--data DIR or set PORTCULLIS_DATA/);
  });
});
