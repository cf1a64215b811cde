// `forwarding.policy: allow`: local forwarding (ssh -L) through the gateway to a TCP service on the
// target's loopback, with the real OpenSSH client and a real sshd target. Audited, re-checked at
// each open, cut when the grant is revoked; menu mode, -R, -A stay refused; deny is unchanged.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../lab/gateway-fixture';
import { freePort } from '../../lab/sshd-hosts';
import { openGatewayAdmin, type Gateway } from '.';
import { LOCAL_FORWARDING_NEEDS_TARGET, ONLY_LOCAL_ALLOWED, PORT_FORWARDING_REFUSED } from './ssh/forwarding';
import { createUserAdmin } from './auth/user-admin';
import { openStore } from './store';
import { auditEntries, dialLoopback as dial, runCliCaptured, spawnOpenSsh, waitFor, writeKnownHosts, type OpenSshRun } from './testing';

let fx: Fixture;
let allowing: Gateway;
let denying: Gateway;
let login: string;
let aliceKey: string;
let echo: Server;
let echoPort: number;
const runs: OpenSshRun[] = [];
const auditOf = (type: string) => auditEntries(fx.dataDir, type);

/** `ssh -N -L PORT:DEST` through `gw`, with INFO logging so channel-open failures show on stderr. */
async function tunnel(gw: Gateway, user: string, dest: string, extra: string[] = []): Promise<{ run: OpenSshRun; port: number }> {
  const port = await freePort();
  const knownHosts = writeKnownHosts(fx.dir, gw);
  const run = spawnOpenSsh({ port: gw.address.port, keyFile: aliceKey, knownHosts, user, options: ['-o', 'LogLevel=INFO', '-N', '-o', 'ExitOnForwardFailure=yes', '-L', `127.0.0.1:${port}:${dest}`, ...extra] });
  runs.push(run);
  return { run, port };
}

/** A live forward: dials the tunnel, checks one round trip; `closed` resolves when the forward ends. */
async function liveForward(port: number, text: string): Promise<{ closed: Promise<void> }> {
  const socket = await dial(port);
  socket.on('error', () => {});
  const closed = new Promise<void>((ok) => socket.once('close', () => ok()));
  const echoed = new Promise<string>((ok) => socket.once('data', (d: Buffer) => ok(d.toString())));
  socket.write(text);
  expect(await echoed).toBe(text);
  return { closed };
}

/** Writes `data`, half-closes, and resolves with everything read until the peer closes. */
function roundTrip(socket: Socket, data: Buffer | string): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.end(data);
  });
}

beforeAll(async () => {
  fx = await setUpFixture('gw-fwd-'); // web-01, a real sshd; alice may log in there
  login = fx.login;
  aliceKey = join(fx.dir, 'alice_key');
  writeFileSync(aliceKey, fx.keys.alice.private, { mode: 0o600 });
  // A TCP service on the target's loopback: echoes what it reads, then closes when the peer does.
  echo = createServer((s) => {
    s.on('error', () => {});
    s.pipe(s);
  });
  await new Promise<void>((ok) => echo.listen(0, '127.0.0.1', ok));
  echoPort = (echo.address() as { port: number }).port;
  const loginPolicy = { sourceDelayBaseMs: 0 };
  allowing = await fx.start({ forwarding: { policy: 'allow' }, loginPolicy });
  denying = await fx.start({ loginPolicy }); // the default
});

afterAll(async () => {
  for (const run of runs) run.child.kill();
  await Promise.all(runs.map((r) => r.exited));
  await allowing?.close();
  await denying?.close();
  await new Promise((r) => echo?.close(r));
  await fx?.lab.stop();
  rmSync(fx.dir, { recursive: true, force: true });
});

describe('forwarding.policy: allow', () => {
  it('ssh -N -L reaches a service on the target loopback; the forward is audited, its bytes counted', async () => {
    const { run, port } = await tunnel(allowing, `alice:${login}@web-01`, `127.0.0.1:${echoPort}`);
    expect((await roundTrip(await dial(port), 'hello through the gateway')).toString()).toBe('hello through the gateway');
    // 8 MB both ways: intact, in order, through the pipes' backpressure.
    const big = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4) big.writeUInt32LE(i, i);
    const back = await roundTrip(await dial(port), big);
    expect(back.length).toBe(big.length);
    expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));

    expect(await waitFor(() => auditOf('forwarding.close').length >= 2, 5000)).toBe(true);
    const opened = auditOf('forwarding.open');
    expect(opened[0]).toMatchObject({ actor: 'alice', data: { host: 'web-01', login, to: `127.0.0.1:${echoPort}`, from: expect.stringMatching(/^127\.0\.0\.1:\d+$/) } });
    const closed = auditOf('forwarding.close');
    expect(closed.map((e) => [e.data.bytesSent, e.data.bytesReceived])).toEqual([
      [25, 25],
      [big.length, big.length],
    ]);
    expect(closed[0]!.data).toMatchObject({ id: opened[0]!.data.id, host: 'web-01', login, endedBy: 'target' });
    expect(run.stderr()).not.toMatch(/open failed/);
  });

  it('a destination the target refuses: a channel-open failure with the reason, not a hang', async () => {
    const closedPort = await freePort();
    const { run, port } = await tunnel(allowing, `alice:${login}@web-01`, `127.0.0.1:${closedPort}`);
    expect((await roundTrip(await dial(port), 'anyone?')).length).toBe(0);
    await run.waitFor(/open failed: connect failed: web-01: /, 5000, 'stderr');
    expect(auditOf('forwarding.refused').some((e) => e.data.reason === 'failed' && e.data.to === `127.0.0.1:${closedPort}`)).toBe(true);
  });

  it('a login without a grant: refused at the channel open with the access-denied words', async () => {
    const { run, port } = await tunnel(allowing, 'alice:nobody@web-01', `127.0.0.1:${echoPort}`);
    expect((await roundTrip(await dial(port), 'x')).length).toBe(0);
    await run.waitFor(/administratively prohibited: access to nobody@web-01 denied/, 5000, 'stderr');
    expect(auditOf('forwarding.refused').some((e) => e.data.target === 'nobody@web-01' && e.data.reason === 'no grant')).toBe(true);
  });

  it('menu mode (no target named) is refused, saying the target must be in the user name', async () => {
    const { run, port } = await tunnel(allowing, 'alice', `127.0.0.1:${echoPort}`);
    expect((await roundTrip(await dial(port), 'x')).length).toBe(0);
    await run.waitFor(/administratively prohibited: port forwarding through the gateway needs the target/, 5000, 'stderr');
    expect(run.stderr()).toContain(LOCAL_FORWARDING_NEEDS_TARGET);
    expect(auditOf('forwarding.refused').some((e) => e.data.kind === 'direct-tcpip' && e.data.reason === 'no target')).toBe(true);
  });

  it('-R and -A stay refused, saying only -L can be allowed', async () => {
    const knownHosts = join(fx.dir, `known_hosts_${allowing.address.port}`);
    const remote = spawnOpenSsh({ port: allowing.address.port, keyFile: aliceKey, knownHosts, user: `alice:${login}@web-01`, options: ['-N', '-o', 'ExitOnForwardFailure=yes', '-R', '0:127.0.0.1:1'] });
    expect(await remote.exited).toBe(255);
    const agentSock = join(fx.dir, 'agent.sock'); // ssh asks for -A only with a working agent
    const sshAgent = spawn('ssh-agent', ['-D', '-a', agentSock]);
    expect(await waitFor(() => existsSync(agentSock), 5000)).toBe(true);
    const agent = spawnOpenSsh({ port: allowing.address.port, keyFile: aliceKey, knownHosts, user: `alice:${login}@web-01`, options: ['-A'], command: ['echo', 'ran'], env: { ...process.env, SSH_AUTH_SOCK: agentSock } });
    agent.child.stdin.end();
    expect(await agent.exited).toBe(0);
    sshAgent.kill();
    expect(agent.stdout()).toBe('ran\n');
    expect(agent.stderr()).toContain('agent forwarding through the gateway is disabled: it would bypass session recording' + ONLY_LOCAL_ALLOWED);
  });

  it('backpressure: a user who stops reading holds the destination back; nothing is lost', async () => {
    const total = 96 * 1024 * 1024;
    let written = 0;
    // A destination that sends `total` bytes as fast as the path takes them.
    const source = createServer((s) => {
      s.on('error', () => {});
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (written < total) {
          written += chunk.length;
          if (!s.write(chunk)) return void s.once('drain', pump);
        }
        s.end();
      };
      pump();
    });
    await new Promise<void>((ok) => source.listen(0, '127.0.0.1', ok));
    try {
      const { port } = await tunnel(allowing, `alice:${login}@web-01`, `127.0.0.1:${(source.address() as { port: number }).port}`);
      const socket = await dial(port);
      socket.pause();
      // Wait until the destination stops getting rid of bytes: the whole path is full.
      let last = -1;
      while (written !== last && written < total) {
        last = written;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(written).toBeLessThan(total);
      let received = 0;
      socket.on('data', (d: Buffer) => (received += d.length));
      await new Promise((ok) => socket.once('close', ok).resume());
      expect(received).toBe(total);
    } finally {
      await new Promise((r) => source.close(r));
    }
  });

  it('a disabled account: its forwards end with the connection', async () => {
    const { port } = await tunnel(allowing, `alice:${login}@web-01`, `127.0.0.1:${echoPort}`);
    const { closed } = await liveForward(port, 'open?');
    const store = openStore(fx.dataDir);
    try {
      createUserAdmin(store, 'test').setDisabled('alice', true);
      await closed;
      expect(await waitFor(() => auditOf('forwarding.close').some((e) => e.data.endedBy === 'gateway'), 5000)).toBe(true);
      expect(auditOf('forwarding.close').find((e) => e.data.endedBy === 'gateway')!.data.reason).toMatch(/account was disabled/);
    } finally {
      createUserAdmin(store, 'test').setDisabled('alice', false);
      store.close();
    }
  });

  it('revoking the grant cuts the live forward and refuses new ones', async () => {
    const { run, port } = await tunnel(allowing, `alice:${login}@web-01`, `127.0.0.1:${echoPort}`);
    const { closed } = await liveForward(port, 'still here?');

    const admin = openGatewayAdmin(fx.dataDir); // another SQLite connection, like the CLI
    for (const grant of admin.listGrants({ user: 'alice' })) admin.revokeGrant(grant.id);
    admin.close();
    await closed; // within the watcher's tick (about a second)
    expect(await waitFor(() => auditOf('forwarding.close').some((e) => e.data.endedBy === 'access'), 5000)).toBe(true);
    expect(auditOf('forwarding.close').find((e) => e.data.endedBy === 'access')!.data).toMatchObject({ host: 'web-01', reason: 'grant revoked', bytesSent: 11, bytesReceived: 11 });

    expect((await roundTrip(await dial(port), 'again')).length).toBe(0);
    await run.waitFor(new RegExp(`administratively prohibited: access to ${login}@web-01 denied`), 5000, 'stderr');
  });
});

describe('forwarding.policy: allow, when the gateway shuts down', () => {
  it('a drain counts live forwards, and each forward\'s end is audited before the gateway stops', async () => {
    const admin = openGatewayAdmin(fx.dataDir);
    admin.addGrant({ user: 'alice', hosts: '*', login }); // the test above revoked hers
    admin.close();
    const gw = await fx.start({ forwarding: { policy: 'allow' }, loginPolicy: { sourceDelayBaseMs: 0 } });
    const { port } = await tunnel(gw, `alice:${login}@web-01`, `127.0.0.1:${echoPort}`);
    const { closed } = await liveForward(port, 'before the drain');
    const opened = auditOf('forwarding.open').at(-1)!;
    // What a security reviewer sees meanwhile: `forwards list --live`.
    const listed = await runCliCaptured(['forwards', 'list', '--live', '--json', '--data', fx.dataDir]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ id: opened.data.id, user: 'alice', host: 'web-01', status: 'live', to: `127.0.0.1:${echoPort}` }));

    const started = Date.now();
    await gw.drain({ graceMs: 600 }); // the forward is live work: the drain waits out its grace
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    await closed;
    const close = auditOf('forwarding.close').find((e) => e.data.id === opened.data.id);
    expect(close?.data).toMatchObject({ endedBy: 'gateway', reason: 'the gateway is shutting down', bytesSent: 16, bytesReceived: 16 });
    // Before the gateway's stop, so before its database closed: nothing of the forward is lost.
    expect(close!.seq).toBeLessThan(auditOf('gateway.stop').at(-1)!.seq);
  });
});

describe('forwarding.policy: deny (the default)', () => {
  it('refuses -L even with a target named, as before', async () => {
    const { run, port } = await tunnel(denying, `alice:${login}@web-01`, `127.0.0.1:${echoPort}`);
    expect((await roundTrip(await dial(port), 'x')).length).toBe(0);
    await run.waitFor(/administratively prohibited/, 5000, 'stderr');
    expect(run.stderr()).toContain(PORT_FORWARDING_REFUSED);
    expect(run.stderr()).not.toContain(ONLY_LOCAL_ALLOWED);
  });
});
