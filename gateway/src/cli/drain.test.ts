// SIGTERM as an admin sends it: the real CLI process (bin/portcullis-gateway.mjs serve) with a real
// interactive session open through it to a real sshd.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../../lab/sshd-hosts';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { openGatewayAdmin } from '../admin';
import { connectClient, readUntil } from '../testing';
import { GATEWAY_BIN } from '../../../lab/gateway-bin';

const BIN = GATEWAY_BIN;
const alice = generateEd25519KeyPair();
const credential = generateEd25519KeyPair();
let dir: string;
let lab: SshdHosts;
let n = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-drain-'));
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [credential.public] });
});
afterAll(async () => {
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Served {
  child: ChildProcessWithoutNullStreams;
  port: number;
  hostPublicKey: string;
  exited: Promise<number | null>;
  stderr: () => string;
}

/** A fresh data dir with alice granted web-01, served by the bin with `gateway.yaml`. */
async function serve(yaml: string): Promise<Served> {
  const data = join(dir, `data-${++n}`);
  const admin = openGatewayAdmin(data);
  const host = lab.hosts[0]!;
  admin.addUser({ name: 'alice', publicKeys: [alice.public] });
  admin.addHost({ name: 'web-01', address: host.address });
  admin.pinHostKey('web-01', host.hostPublicKey);
  admin.setCredential({ host: 'web-01', login: host.login, privateKey: credential.private });
  admin.addGrant({ user: 'alice', hosts: 'web-01', login: host.login, until: Date.now() + 3600_000 });
  admin.close();
  writeFileSync(join(data, 'gateway.yaml'), yaml);
  const child = spawn(process.execPath, [BIN, 'serve', '--data', data, '--listen', '127.0.0.1:0', '--pretty'], { cwd: dir, env: { ...process.env, PORTCULLIS_LOG_LEVEL: 'info' } });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  await new Promise<void>((ok, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/host key: \S+ \S+/.test(out)) ok();
    });
    child.on('close', () => fail(new Error(`serve exited: ${out}${err}`)));
  });
  return { child, port: Number(/listening on [\d.]+:(\d+)/.exec(out)![1]), hostPublicKey: /host key: (\S+ \S+)/.exec(out)![1]!, exited, stderr: () => err };
}

async function openShell(s: Served): Promise<{ conn: Client; shell: ClientChannel; closed: Promise<void> }> {
  const conn = await connectClient({ port: s.port, username: `alice:${lab.hosts[0]!.login}@web-01`, privateKey: alice.private, hostPublicKey: s.hostPublicKey });
  const shell = await new Promise<ClientChannel>((ok, fail) => conn.shell({ term: 'xterm', cols: 80, rows: 24 }, (e, ch) => (e ? fail(e) : ok(ch))));
  shell.write('echo READY-$((40+2))\n');
  await readUntil(shell, /READY-42/);
  const closed = new Promise<void>((r) => shell.once('close', () => r()));
  return { conn, shell, closed };
}

describe('serve drains on SIGTERM', () => {
  it('stops accepting, warns the session, ends it after the grace period, closes and exits 0', async () => {
    const s = await serve('shutdown:\n  graceSeconds: 2\n');
    const { conn, shell, closed } = await openShell(s);
    const t0 = Date.now();
    s.child.kill('SIGTERM');
    const notice = await readUntil(shell, /shutting down; your session will end in 2 s\r\n/);
    expect(notice).toContain('\r\n[portcullis] the gateway is shutting down; your session will end in 2 s\r\n');
    // New connections are refused while the live session goes on working.
    await expect(connectClient({ port: s.port, username: 'alice', privateKey: alice.private, hostPublicKey: s.hostPublicKey })).rejects.toThrow(/ECONNREFUSED/);
    shell.write('echo STILL-$((1+1))\n');
    await readUntil(shell, /STILL-2/);
    await closed;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    expect(await s.exited).toBe(0);
    expect(s.stderr()).toMatch(/"signal":"SIGTERM","live":1,"graceMs":2000,"msg":"stop signal: draining/);
    expect(s.stderr()).toMatch(/"how":"grace over"/);
    expect(s.stderr()).toMatch(/gateway stopped/);
    conn.end();
  });

  it('exits as soon as the last session ends by itself', async () => {
    const s = await serve('shutdown:\n  graceSeconds: 20\n');
    const { conn, shell, closed } = await openShell(s);
    const t0 = Date.now();
    s.child.kill('SIGTERM');
    await readUntil(shell, /will end in 20 s/);
    shell.write('exit\n');
    await closed;
    expect(await s.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(s.stderr()).toMatch(/"how":"ended"/);
    conn.end();
  });

  it('a second signal ends live sessions at once', async () => {
    const s = await serve('shutdown:\n  graceSeconds: 60\n');
    const { conn, shell, closed } = await openShell(s);
    s.child.kill('SIGTERM');
    await readUntil(shell, /will end in 60 s/);
    const t0 = Date.now();
    s.child.kill('SIGINT');
    await closed;
    expect(await s.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(s.stderr()).toMatch(/"signal":"SIGINT","msg":"second stop signal: ending live sessions now"/);
    conn.end();
  });
});
