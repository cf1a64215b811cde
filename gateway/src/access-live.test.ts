// Access enforced while sessions live, the menu, and refused forwarding: a real gateway, real
// OpenSSH targets, the ssh2 client and the real OpenSSH client (`ssh -tt`, -L, -R, -A, -X).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../lab/sshd-hosts';
import { GATEWAY_API_SUBSYSTEM, gatewayMethods } from '../../shared/contract/gateway-api';
import { silentLogger, startGateway, type Gateway, type GatewayAdmin } from '.';
import { endedText } from './liveness/watch';
import { PORT_FORWARDING_REFUSED } from './ssh/forwarding';
import { openStore } from './store';
import { auditEntries, collect, connectClient, execChannel, readUntil, spawnOpenSsh, waitFor, withAdmin, writeKnownHosts, type OpenSshOptions } from './testing';
import { generateEd25519KeyPair } from '../../shared/node/ssh-keys';
import { GATEWAY_BIN } from '../../lab/gateway-bin';

const BIN = GATEWAY_BIN;
const alice = generateEd25519KeyPair();
const credential = generateEd25519KeyPair();
let dir: string;
let dataDir: string;
let lab: SshdHosts;
let gw: Gateway;
let login: string;
let aliceKey: string;
let knownHosts: string;

const admin = <T>(fn: (a: GatewayAdmin) => T): T => withAdmin(dataDir, fn);
const auditOf = (type: string) => auditEntries(dataDir, type);
const ssh = (user: string, extra: Partial<OpenSshOptions> = {}) =>
  spawnOpenSsh({ port: gw.address.port, keyFile: aliceKey, knownHosts, user, ...extra });

function shell(username: string) {
  return connectClient({ port: gw.address.port, username, privateKey: alice.private, hostPublicKey: gw.hostPublicKey }).then(
    (conn) => new Promise<{ conn: typeof conn; channel: ClientChannel }>((ok, fail) => conn.shell({ term: 'xterm', rows: 24, cols: 80 }, (err, channel) => (err ? fail(err) : ok({ conn, channel })))),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-live-'));
  dataDir = join(dir, 'data');
  aliceKey = join(dir, 'alice_key');
  writeFileSync(aliceKey, alice.private, { mode: 0o600 });
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [credential.public] });
  login = lab.hosts[0]!.login;
  admin((a) => {
    a.addUser({ name: 'alice', publicKeys: [alice.public] });
    for (const name of ['web-01', 'web-02', 'web-03']) {
      a.addHost({ name, address: lab.hosts[0]!.address, nodes: [['pay', 'web']], tags: { env: 'prod', n: name } });
      a.setCredential({ host: name, login, privateKey: credential.private });
      a.pinHostKey(name, lab.hosts[0]!.hostPublicKey);
    }
    a.addHost({ name: 'vault-01', address: lab.hosts[0]!.address, tags: { env: 'prod' } }); // never granted
    a.addGrant({ user: 'alice', hosts: 'web-01', login });
  });
  gw = await startGateway({ dataDir, logger: silentLogger });
  knownHosts = writeKnownHosts(dir, gw);
});

afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('access while a session lives', () => {
  it('expiry: a warning in the terminal first, then the session ends within 5 s of the moment, saying why', async () => {
    const until = Date.now() + 4000;
    admin((a) => a.addGrant({ user: 'alice', hosts: 'web-02', login, until }));
    const { conn, channel } = await shell(`alice:${login}@web-02`);
    const done = collect(channel);
    let seen = '';
    channel.on('data', (d: Buffer) => (seen += d.toString()));
    const warning = new RegExp(`\\[portcullis\\] your access to ${login}@web-02 ends in [1-4] s`);
    expect(await waitFor(() => warning.test(seen), 3000)).toBe(true);
    expect(Date.now()).toBeLessThan(until); // the warning came before the end
    const result = await done;
    const endedAt = Date.now();
    expect(endedAt).toBeGreaterThanOrEqual(until);
    expect(endedAt - until).toBeLessThan(5000);
    expect(result.stdout).toContain(endedText(`${login}@web-02`, 'grant expired'));
    expect(result.code).toBe(255);
    conn.end();
  });

  it('revoked from the CLI (another process): the OpenSSH session ends with the reason', async () => {
    const grant = admin((a) => a.addGrant({ user: 'alice', hosts: 'node:pay', login }));
    const run = ssh(`alice:${login}@web-03`, { options: ['-tt'] });
    run.write('echo "READY-$((40+2))"\n');
    await run.waitFor(/READY-42/);
    const revoke = spawn(process.execPath, [BIN, 'grant', 'revoke', String(grant.id), '--data', dataDir], { env: { ...process.env, PORTCULLIS_LOG_LEVEL: 'warn' } });
    const revokeOut: string[] = [];
    revoke.stdout.on('data', (d: Buffer) => revokeOut.push(d.toString()));
    const revoked = new Promise<number | null>((r) => revoke.on('close', r));
    const code = await run.exited;
    expect(await revoked).toBe(0);
    expect(revokeOut.join('')).toMatch(new RegExp(`revoked grant ${grant.id}`));
    expect(run.stdout()).toContain(`[portcullis] access to ${login}@web-03 ended: grant revoked — session closed`);
    expect(code).toBe(255);
  });

  it('leaving a group ends a session that relied on the group grant (exec: the message on stderr)', async () => {
    admin((a) => {
      a.addGroup('web');
      a.addGroupMember('web', 'alice');
      a.addGrant({ group: 'web', hosts: 'n=web-03', login });
    });
    const conn = await connectClient({ port: gw.address.port, username: `alice:${login}@web-03`, privateKey: alice.private, hostPublicKey: gw.hostPublicKey });
    const channel = await execChannel(conn, 'echo ready; exec sleep 30');
    const done = collect(channel);
    await readUntil(channel, /ready/);
    admin((a) => a.removeGroupMember('web', 'alice'));
    const started = Date.now();
    const r = await done;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.stderr).toContain(endedText(`${login}@web-03`, 'grant revoked'));
    conn.end();
  });
});

describe('a disabled account', () => {
  it('its live session ends within seconds, saying why; an idle connection of hers is closed too', async () => {
    const { conn, channel } = await shell(`alice:${login}@web-01`);
    const done = collect(channel);
    channel.write('echo "UP-$((2+3))"\n');
    await readUntil(channel, /UP-5/);
    const idle = await connectClient({ port: gw.address.port, username: 'alice', privateKey: alice.private, hostPublicKey: gw.hostPublicKey });
    const idleClosed = new Promise<number>((ok) => idle.on('close', () => ok(Date.now())));
    const setDisabled = (disabled: boolean) => {
      const store = openStore(dataDir);
      store.users.setDisabled(store.users.find('alice')!.id, disabled);
      store.close();
    };
    setDisabled(true);
    try {
      const started = Date.now();
      const r = await done;
      expect(Date.now() - started).toBeLessThan(5000);
      expect(r.stderr).toContain('portcullis: your account was disabled by an administrator; the session ends now.');
      expect((await idleClosed) - started).toBeLessThan(5000);
    } finally {
      setDisabled(false);
      conn.end();
    }
  });
});

describe('menu for plain OpenSSH', () => {
  it('lists only reachable targets; typing filters, Enter connects in the same channel, the shell works', async () => {
    const run = ssh('alice', { options: ['-tt'] });
    const screen = await run.waitFor(/of \d+ targets/);
    expect(screen).toContain(`${login}@web-01`);
    expect(screen).not.toContain('vault-01');
    run.write('web-0');
    run.write('1');
    await run.waitFor(/filter: web-01[\s\S]*1 of \d+ targets/);
    run.write('\r');
    await run.waitFor(new RegExp(`connecting to ${login}@web-01`));
    run.write('echo "MENU-$((1+1))"\n');
    await run.waitFor(/MENU-2/);
    run.write('exit 3\n');
    expect(await run.exited).toBe(3);
  });

  it('with the ssh2 client: a resize redraws the menu to the new size; Ctrl+D quits', async () => {
    const { conn, channel } = await shell('alice');
    const done = collect(channel);
    const titleOf = (screen: string) => /\x1b\[H\x1b\[2J([^\x1b]*)\x1b\[K/.exec(screen)![1]!;
    const first = await readUntil(channel, /of \d+ targets/);
    expect(titleOf(first).length).toBeGreaterThan(30);
    channel.setWindow(6, 30, 0, 0);
    const redrawn = await readUntil(channel, /of \d+ targets/);
    expect(titleOf(redrawn).length).toBeLessThanOrEqual(30); // drawn for the new width
    channel.write('\x04');
    expect((await done).code).toBe(0);
    conn.end();
  });

  it('q quits with status 0; without a pty the list and usage come on stderr with status 1', async () => {
    const quit = ssh('alice', { options: ['-tt'] });
    await quit.waitFor(/of \d+ targets/);
    quit.write('q');
    expect(await quit.exited).toBe(0);

    const plain = ssh('alice', { options: ['-T'] });
    plain.child.stdin.end();
    expect(await plain.exited).toBe(1);
    expect(plain.stderr()).toMatch(/no target given/);
    expect(plain.stderr()).toContain(`  ${login}@web-01`);
    expect(plain.stderr()).not.toContain('vault-01');
  });

  it('asking for an ungranted host by name: the same answer as for no such host, and audited', async () => {
    const ungranted = ssh(`alice:${login}@vault-01`, { command: ['true'] });
    const missing = ssh(`alice:${login}@nope-01`, { command: ['true'] });
    expect(await ungranted.exited).toBe(1);
    expect(await missing.exited).toBe(1);
    expect(ungranted.stderr().replace('vault-01', 'nope-01')).toBe(missing.stderr());
    expect(auditOf('session.refused').map((e) => e.data.target)).toEqual(expect.arrayContaining([`${login}@vault-01`, `${login}@nope-01`]));
  });
});

describe('grants.mine over the API', () => {
  it('tells the user what they may reach and until when, validated by the shared schema', async () => {
    const until = Date.now() + 3_600_000;
    admin((a) => a.addGrant({ user: 'alice', hosts: 'env=prod,n=web-01|web-02', login, until }));
    const run = ssh('alice', { command: ['-s', GATEWAY_API_SUBSYSTEM] });
    run.child.stdin.end('{"type":"request","id":1,"method":"grants.mine","params":{}}\n');
    expect(await run.exited).toBe(0);
    const reply = JSON.parse(run.stdout().trim()) as { ok: boolean; result: unknown };
    expect(reply.ok).toBe(true);
    const grants = gatewayMethods['grants.mine'].result.parse(reply.result);
    expect(grants).toContainEqual({ id: expect.any(Number), subject: { kind: 'user', name: 'alice' }, hosts: 'env=prod,n=web-01|web-02', login, from: null, until, hostCount: 2 });
    expect(grants.every((g) => g.until === null || g.until > Date.now())).toBe(true);
  });
});

describe('forwarding is refused and audited', () => {
  it('-L: the tunnel is refused with the reason', async () => {
    const localPort = await new Promise<number>((ok) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => ok(port));
      });
    });
    const run = ssh('alice', { options: ['-o', 'LogLevel=INFO', '-N', '-o', 'ExitOnForwardFailure=yes', '-L', `127.0.0.1:${localPort}:127.0.0.1:${lab.hosts[0]!.port}`] });
    // Wait until ssh listens, then use the tunnel.
    let closedWith = '';
    for (let i = 0; i < 50 && !closedWith; i++) {
      closedWith = await new Promise<string>((ok) => {
        const s = connect(localPort, '127.0.0.1');
        let got = '';
        s.on('data', (d: Buffer) => (got += d.toString()));
        s.on('error', () => ok(''));
        s.on('close', () => ok(got || 'closed'));
      });
      if (!closedWith) await new Promise((r) => setTimeout(r, 100));
    }
    expect(closedWith).toBe('closed'); // no SSH banner from the target came through
    await run.waitFor(/administratively prohibited/, 5000, 'stderr');
    expect(run.stderr()).toContain(PORT_FORWARDING_REFUSED);
    run.child.kill();
    await run.exited;
    expect(auditOf('forwarding.refused').some((e) => e.data.kind === 'direct-tcpip' && e.actor === 'alice')).toBe(true);
  });

  it('-R with ExitOnForwardFailure: ssh gives up; -A and -Y (X11): refused, said on stderr, the command still runs', async () => {
    const remote = ssh('alice', { options: ['-N', '-o', 'ExitOnForwardFailure=yes', '-R', '0:127.0.0.1:1'] });
    expect(await remote.exited).toBe(255);
    expect(remote.stderr()).toMatch(/remote port forwarding failed/);

    const agentSock = join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', agentSock]);
    await new Promise((r) => setTimeout(r, 300));
    const forwarded = ssh(`alice:${login}@web-01`, {
      options: ['-A', '-Y'],
      command: ['echo', 'ran'],
      env: { ...process.env, SSH_AUTH_SOCK: agentSock, DISPLAY: 'localhost:99', XAUTHORITY: join(dir, 'xauthority') },
    });
    forwarded.child.stdin.end();
    expect(await forwarded.exited).toBe(0);
    agent.kill();
    expect(forwarded.stdout()).toBe('ran\n');
    expect(forwarded.stderr()).toMatch(/agent forwarding through the gateway is disabled: it would bypass session recording/);
    expect(forwarded.stderr()).toMatch(/X11 forwarding through the gateway is disabled/);
    const kinds = auditOf('forwarding.refused').map((e) => e.data.kind);
    expect(kinds).toEqual(expect.arrayContaining(['direct-tcpip', 'tcpip-forward', 'auth-agent', 'x11']));
  });
});
