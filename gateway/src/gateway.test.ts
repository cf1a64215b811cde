// The gateway end to end with the ssh2 Client: real gateway on port 0, real OpenSSH targets.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHost, type SshdHosts } from '../../lab/sshd-hosts';
import { GATEWAY_API_SUBSYSTEM, gatewayEvents, gatewayMethods } from '../../shared/contract/gateway-api';
import { attachNdjson } from '../../shared/node/ndjson';
import { createRpcClient } from '../../shared/rpc/client';
import { RpcError, type ServerMessage } from '../../shared/rpc/protocol';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '.';
import { openStore } from './store';
import { accessDeniedMessage } from './ssh/session';
import { usageText } from './menu/run';
import { collect, connectClient, exec, execChannel, readUntil, waitFor, type ExecResult } from './testing';
import { generateEd25519KeyPair } from '../../shared/node/ssh-keys';
import { decodeHostTable } from '../../shared/contract/host-table';

const alice = generateEd25519KeyPair();
const bob = generateEd25519KeyPair();
const stranger = generateEd25519KeyPair();
const gatewayCredential = generateEd25519KeyPair();

let dir: string;
let lab: SshdHosts;
let gw: Gateway;
let dataDir: string;
const host = (name: string): SshdHost => lab.hosts.find((h) => h.name === name)!;
let login: string; // the account on the lab hosts (root here)
const sshdLog: string[] = [];

const connectAs = (username: string, privateKey = alice.private) =>
  connectClient({ port: gw.address.port, username, privateKey, hostPublicKey: gw.hostPublicKey });

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}


beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-e2e-'));
  dataDir = join(dir, 'data');
  lab = await startSshdHosts({
    dir: join(dir, 'hosts'),
    names: ['web-01', 'web-02', 'db-01'],
    authorizedKeys: [gatewayCredential.public],
    onLog: (_host, line) => sshdLog.push(line),
  });
  login = lab.hosts[0]!.login;
  const admin = openGatewayAdmin(dataDir);
  admin.addUser({ name: 'alice', roles: ['operator'], publicKeys: [alice.public] });
  admin.addUser({ name: 'bob', roles: ['operator'], publicKeys: [bob.public] });
  admin.addHost({ name: 'web-01', address: host('web-01').address, nodes: [['pay', 'web']], tags: { env: 'prod' } });
  admin.addHost({ name: 'web-02', address: host('web-02').address, nodes: [['pay', 'web']] });
  admin.addHost({ name: 'db-01', address: host('db-01').address, nodes: [['pay', 'db']] });
  admin.addHost({ name: 'vault-01', address: '127.0.0.1:1', nodes: [['sec']] }); // exists, never granted to alice
  admin.addHost({ name: 'down-01', address: '127.0.0.1:1', nodes: [['pay', 'web']] }); // granted, nothing listens
  for (const name of ['web-01', 'web-02', 'db-01', 'down-01']) admin.setCredential({ host: name, login, privateKey: gatewayCredential.private });
  admin.pinHostKey('web-01', host('web-01').hostPublicKey);
  admin.pinHostKey('web-02', stranger.public); // not web-02's key: as if the target's key changed
  // db-01 stays unpinned: trust on first use.
  admin.addGrant({ user: 'alice', hosts: 'node:pay/web', login });
  admin.addGrant({ user: 'alice', hosts: 'db-01', login, until: Date.now() + 3_600_000 });
  admin.close();
  // Many logins from 127.0.0.1, some refused on purpose: no per-source delays here.
  gw = await startGateway({ dataDir, logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 } });
});

afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('gateway sessions (ssh2 client)', () => {
  it('relays an exec to the target named in the user name, with its exit status', async () => {
    const conn = await connectAs(`alice:${login}@web-01`);
    expect(await exec(conn, 'echo $((6*7))')).toMatchObject({ stdout: '42\n', code: 0 });
    expect(await exec(conn, 'echo oops >&2; exit 3')).toMatchObject({ stderr: 'oops\n', code: 3 });
    conn.end();
  });

  it('never loses a quick exit status (20 parallel execs)', async () => {
    const conn = await connectAs(`alice:${login}@web-01`);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => exec(conn, `echo ${i}; exit ${(i % 5) + 1}`)));
    results.forEach((r, i) => expect(r, `exec ${i}`).toMatchObject({ stdout: `${i}\n`, stderr: '', code: (i % 5) + 1 }));
    conn.end();
  });

  it('takes the target from PORTCULLIS_TARGET per channel and ignores other env', async () => {
    const conn = await connectAs('alice');
    const r = await exec(conn, 'hostname >/dev/null; echo "$SSH_CONNECTION" | cut -d" " -f3,4; echo "[$FOO]"', {
      env: { PORTCULLIS_TARGET: `${login}@db-01`, FOO: 'bar' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`127.0.0.1 ${host('db-01').port}\n[]\n`);
    conn.end();
  });

  it('pins an unpinned target host key on first use', async () => {
    const conn = await connectAs(`alice:${login}@db-01`);
    expect((await exec(conn, 'true')).code).toBe(0);
    conn.end();
    const store = openStore(dataDir);
    expect(store.hostKeys.pinned(store.hosts.find('db-01')!.id)).toBe(host('db-01').hostPublicKey);
    store.close();
  });

  it('without a target: usage and the targets the user may reach on stderr, exit status 1', async () => {
    const conn = await connectAs('alice');
    const r = await exec(conn, 'true');
    expect(r).toMatchObject({ stdout: '', code: 1 });
    expect(r.stderr.startsWith(usageText('alice') + '\r\nTargets you may reach:\r\n')).toBe(true);
    expect(r.stderr).toContain(`  ${login}@web-01\r\n`);
    expect(r.stderr).not.toContain('vault-01');
    conn.end();
  });

  it('a malformed PORTCULLIS_TARGET is refused with a clear message', async () => {
    const conn = await connectAs('alice');
    const r = await exec(conn, 'true', { env: { PORTCULLIS_TARGET: 'web-01' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"web-01" is not a target; expected LOGIN@HOST/);
    conn.end();
  });

  it('an unknown host, an ungranted host and an ungranted login get the same message', async () => {
    const conn = await connectAs('alice');
    const tryTarget = async (target: string) => {
      const r = await exec(conn, 'true', { env: { PORTCULLIS_TARGET: target } });
      expect(r.code).toBe(1);
      return r.stderr;
    };
    const unknown = await tryTarget(`${login}@nope-01`);
    const ungranted = await tryTarget(`${login}@vault-01`);
    const wrongLogin = await tryTarget('admin@web-01');
    expect(unknown).toBe(accessDeniedMessage({ login, host: 'nope-01' }) + '\r\n');
    expect(ungranted.replace('vault-01', 'nope-01')).toBe(unknown);
    expect(wrongLogin.replace('admin@web-01', `${login}@nope-01`)).toBe(unknown);
    conn.end();
  });

  it('refuses a wrong key and an unknown user the same way', async () => {
    const wrongKey = await connectAs('alice', stranger.private).catch((e: Error) => e);
    const noUser = await connectAs('mallory', stranger.private).catch((e: Error) => e);
    const bobAsAlice = await connectAs('alice', bob.private).catch((e: Error) => e);
    for (const e of [wrongKey, noUser, bobAsAlice]) {
      expect(e).toBeInstanceOf(Error);
      expect((e as Error & { level?: string }).level).toBe('client-authentication');
    }
  });

  it('refuses a target whose host key changed', async () => {
    const conn = await connectAs(`alice:${login}@web-02`);
    const r = await exec(conn, 'echo should-not-run');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/host key of web-02 changed/);
    conn.end();
  });

  it('says so when the target cannot be reached', async () => {
    const conn = await connectAs(`alice:${login}@down-01`);
    const r = await exec(conn, 'true');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach down-01: connection refused/);
    conn.end();
  });

  it('shell with pty: window-change reaches the target', async () => {
    const conn = await connectAs(`alice:${login}@web-01`);
    const channel = await new Promise<ClientChannel>((resolve, reject) =>
      conn.shell({ term: 'xterm-256color', rows: 24, cols: 80 }, (err, ch) => (err ? reject(err) : resolve(ch))),
    );
    const done = collect(channel);
    channel.write('stty size; echo "TERM=$TERM"\n');
    await readUntil(channel, /24 80\r?\n[\s\S]*TERM=xterm-256color/);
    channel.setWindow(30, 100, 0, 0);
    channel.write('stty size\n');
    await readUntil(channel, /30 100/);
    channel.write('exit 5\n');
    expect((await done).code).toBe(5);
    conn.end();
  });

  it('closing the client channel ends the target shell and the session', async () => {
    const conn = await connectAs(`alice:${login}@web-01`);
    const channel = await new Promise<ClientChannel>((resolve, reject) =>
      conn.shell({ term: 'xterm', rows: 24, cols: 80 }, (err, ch) => (err ? reject(err) : resolve(ch))),
    );
    channel.write('echo "PID=$$"\n');
    const text = await readUntil(channel, /PID=(\d+)/);
    const pid = Number(/PID=(\d+)/.exec(text)![1]);
    expect(processGone(pid)).toBe(false);
    expect(gw.liveSessions()).toBeGreaterThanOrEqual(1);
    channel.close();
    expect(await waitFor(() => processGone(pid), 5000)).toBe(true);
    expect(await waitFor(() => gw.liveSessions() === 0, 2000)).toBe(true);
    conn.end();
  });

  it('signals reach the target', async () => {
    const conn = await connectAs(`alice:${login}@web-01`);
    const channel = await execChannel(conn, 'echo ready; exec sleep 30');
    let result: ExecResult | undefined;
    const done = collect(channel).then((r) => (result = r));
    await readUntil(channel, /ready/);
    await new Promise((r) => setTimeout(r, 100));
    channel.signal('TERM');
    // OpenSSH 9.2 refuses signal requests for root logins ("session signalling requires
    // privilege separation"); then its log proves the request got through the gateway.
    const refusedByTarget = () => sshdLog.some((l) => l.includes('session_signal_req'));
    expect(await waitFor(() => result !== undefined || refusedByTarget(), 5000)).toBe(true);
    if (result) expect(result).toMatchObject({ code: null, signal: 'SIGTERM' });
    else channel.close();
    await done;
    conn.end();
  });

  it('refuses port forwarding', async () => {
    const conn = await connectAs('alice');
    const err = await new Promise<Error | undefined>((resolve) => conn.forwardOut('127.0.0.1', 0, '127.0.0.1', host('web-01').port, (e) => resolve(e)));
    expect(err).toBeInstanceOf(Error);
    conn.end();
  });

  it('when the target connection is lost mid-session: a message and a non-zero exit', async () => {
    const conn = await connectAs(`alice:${login}@web-01`);
    const channel = await execChannel(conn, 'echo ready; exec sleep 30');
    const done = collect(channel);
    await readUntil(channel, /ready/);
    // Kill the per-connection sshd processes of web-01 (children of the sshd we started).
    const children = execFileSync('pgrep', ['-P', String(host('web-01').pid)], { encoding: 'utf8' }).trim().split('\n').map(Number);
    for (const pid of children) process.kill(pid, 'SIGKILL');
    const r = await done;
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/connection to web-01 was lost/);
    conn.end();
  });

  it('backpressure: 20 MB through a slow reader arrive intact while the target waits', async () => {
    const count = 2_400_000; // `seq 1 N` prints ~20 MB
    let expected = '';
    for (let i = 1; i <= count; i++) expected += i + '\n';
    const expectedHash = createHash('sha256').update(expected).digest('hex');
    const marker = join(dir, 'seq-done');
    const conn = await connectAs(`alice:${login}@web-01`);
    const channel = await execChannel(conn, `seq 1 ${count}; touch ${marker}`);
    channel.end();
    channel.pause();
    await new Promise((r) => setTimeout(r, 1500));
    // The target is held back: it could not write everything while nobody read.
    expect(existsSync(marker)).toBe(false);
    const hash = createHash('sha256');
    let bytes = 0;
    let reads = 0;
    channel.on('data', (d: Buffer) => {
      hash.update(d);
      bytes += d.length;
      // Read slowly for a while: pause briefly every few chunks.
      if (++reads % 50 === 0 && reads < 400) {
        channel.pause();
        setTimeout(() => channel.resume(), 20);
      }
    });
    const code = await new Promise<number | null>((resolve) => {
      let c: number | null = null;
      channel.on('exit', (x: number | null) => (c = x));
      channel.on('close', () => resolve(c));
      channel.resume();
    });
    expect(code).toBe(0);
    expect(bytes).toBe(Buffer.byteLength(expected));
    expect(hash.digest('hex')).toBe(expectedHash);
    expect(existsSync(marker)).toBe(true);
    conn.end();
  });
});

describe('gateway API subsystem', () => {
  function openApi(conn: Client) {
    return new Promise<ClientChannel>((resolve, reject) => conn.subsys(GATEWAY_API_SUBSYSTEM, (err, ch) => (err ? reject(err) : resolve(ch))));
  }
  function apiClient(channel: ClientChannel) {
    const raw: ServerMessage[] = [];
    const rpc = createRpcClient(gatewayMethods, gatewayEvents, (m) => conn.send(m));
    const conn = attachNdjson(channel, {
      maxLine: 1 << 20,
      onMessage: (m) => {
        raw.push(m as ServerMessage);
        rpc.receive(m);
      },
      onError: (e) => {
        throw e;
      },
    });
    return { rpc, raw, conn };
  }

  it('answers whoami and lists only reachable hosts with their logins', async () => {
    const ssh = await connectAs('alice');
    const { rpc } = apiClient(await openApi(ssh));
    expect(await rpc.request('whoami', {})).toEqual({ user: 'alice', roles: ['operator'] });
    const hosts = await rpc.request('hosts.list', {});
    expect(hosts.map((h) => h.name)).toEqual(['db-01', 'down-01', 'web-01', 'web-02']);
    expect(hosts.find((h) => h.name === 'web-01')).toEqual({
      name: 'web-01',
      address: host('web-01').address,
      nodes: [['pay', 'web']],
      tags: { env: 'prod' },
      logins: [login],
      accessUntil: null,
    });
    expect(hosts.find((h) => h.name === 'db-01')!.accessUntil).toBeGreaterThan(Date.now());
    // The same hosts as a table (what current clients ask for).
    expect(decodeHostTable(await rpc.request('hosts.table', {}))).toEqual(hosts);
    ssh.end();

    const bobSsh = await connectAs('bob', bob.private);
    const bobApi = apiClient(await openApi(bobSsh));
    expect(await bobApi.rpc.request('hosts.list', {})).toEqual([]);
    bobSsh.end();
  });

  it('malformed and unknown requests get structured errors and the channel keeps answering', async () => {
    const ssh = await connectAs('alice');
    const channel = await openApi(ssh);
    const { rpc, raw } = apiClient(channel);
    channel.write('{this is not json\n');
    channel.write('{"type":"request","id":7,"method":"no.such","params":{}}\n');
    channel.write('{"type":"request","id":8,"method":"whoami","params":{"extra":1}}\n');
    channel.write(`"${'x'.repeat(1024 * 1024 + 10)}"\n`);
    await expect(rpc.request('whoami', {})).resolves.toEqual({ user: 'alice', roles: ['operator'] });
    await waitFor(() => raw.length >= 5, 2000);
    const errors = raw.filter((m) => m.type === 'response' && !m.ok).map((m) => (m.type === 'response' && !m.ok ? [m.id, m.error.code] : []));
    expect(errors).toEqual(
      expect.arrayContaining([
        [0, 'bad_request'],
        [7, 'unknown_method'],
        [8, 'bad_request'],
      ]),
    );
    expect(errors.filter(([id]) => id === 0)).toHaveLength(2); // the bad JSON and the oversized line
    ssh.end();
  });

  it('other subsystems are refused (sftp is refused with a message: transfer-deny.test.ts)', async () => {
    const ssh = await connectAs('alice');
    const err = await new Promise<Error | undefined>((resolve) => ssh.subsys('netconf', (e) => resolve(e)));
    expect(err).toBeInstanceOf(Error);
    ssh.end();
  });

  it('an RpcError shape reaches the caller', async () => {
    const ssh = await connectAs('alice');
    const { rpc } = apiClient(await openApi(ssh));
    // Params the schema refuses: the typed client still gets a structured error.
    await expect(rpc.request('whoami', { nope: 1 } as never)).rejects.toBeInstanceOf(RpcError);
    ssh.end();
  });
});

describe('gateway lifecycle', () => {
  it('close() ends live sessions and stops accepting; a restart keeps the host key', async () => {
    const data2 = join(dir, 'data2');
    const admin = openGatewayAdmin(data2);
    admin.addUser({ name: 'alice', publicKeys: [alice.public] });
    admin.addHost({ name: 'web-01', address: host('web-01').address });
    admin.setCredential({ host: 'web-01', login, privateKey: gatewayCredential.private });
    admin.addGrant({ user: 'alice', hosts: '*', login });
    admin.close();
    const g = await startGateway({ dataDir: data2, logger: silentLogger });
    const conn = await connectClient({ port: g.address.port, username: `alice:${login}@web-01`, privateKey: alice.private, hostPublicKey: g.hostPublicKey });
    const channel = await new Promise<ClientChannel>((resolve, reject) =>
      conn.shell({ term: 'xterm', rows: 24, cols: 80 }, (err, ch) => (err ? reject(err) : resolve(ch))),
    );
    channel.write('echo "PID=$$"\n');
    const pid = Number(/PID=(\d+)/.exec(await readUntil(channel, /PID=(\d+)/))![1]);
    const closed = new Promise<void>((r) => conn.once('close', () => r()));
    expect(g.liveSessions()).toBe(1);
    await g.close();
    await closed;
    expect(g.liveSessions()).toBe(0);
    expect(await waitFor(() => processGone(pid), 5000)).toBe(true);
    await expect(
      connectClient({ port: g.address.port, username: 'alice', privateKey: alice.private, hostPublicKey: g.hostPublicKey }),
    ).rejects.toThrow();

    const again = await startGateway({ dataDir: data2, logger: silentLogger });
    expect(again.hostPublicKey).toBe(g.hostPublicKey);
    await again.close();
  });
});
