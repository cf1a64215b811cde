// Port forwards in the live view and terminated one by one, end to end: the real OpenSSH client
// (`ssh -N -L`) through a real gateway to a service on a real sshd target's loopback. The forward
// is listed on `sessions.live` (by role), terminating it (API and CLI) closes that TCP connection
// only (the user's other forward and shell go on), and the audit log says who cut it and why.
import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShell, setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import { freePort } from '../../../lab/sshd-hosts';
import type { LiveForward, LiveSessionsData } from '../../../shared/contract/live-sessions';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import type { Gateway } from '..';
import { auditEntries, dialLoopback, openApiClient, runCliCaptured, spawnOpenSsh, waitFor, withAdmin, writeKnownHosts, type OpenSshRun } from '../testing';

let fx: Fixture;
let gw: Gateway;
let echo: Server;
let echoPort: number;
let tunnel: OpenSshRun;
let tunnelPort: number;
const bobKey = generateEd25519KeyPair();

beforeAll(async () => {
  fx = await setUpFixture('gw-fwd-cut-'); // alice (operator) and sam (security) may reach web-01
  withAdmin(fx.dataDir, (admin) => admin.addUser({ name: 'bob', roles: ['operator'], publicKeys: [bobKey.public] }));
  // A TCP service on the target's loopback that echoes what it reads.
  echo = createServer((s) => {
    s.on('error', () => {});
    s.pipe(s);
  });
  await new Promise<void>((ok) => echo.listen(0, '127.0.0.1', ok));
  echoPort = (echo.address() as { port: number }).port;
  gw = await fx.start({ forwarding: { policy: 'allow' }, loginPolicy: { sourceDelayBaseMs: 0 } });
  const keyFile = join(fx.dir, 'alice_key');
  writeFileSync(keyFile, fx.keys.alice.private, { mode: 0o600 });
  tunnelPort = await freePort();
  tunnel = spawnOpenSsh({
    ...{ port: gw.address.port, keyFile, knownHosts: writeKnownHosts(fx.dir, gw), user: `alice:${fx.login}@web-01` },
    options: ['-N', '-o', 'ExitOnForwardFailure=yes', '-L', `127.0.0.1:${tunnelPort}:127.0.0.1:${echoPort}`],
  });
});

afterAll(async () => {
  tunnel?.child.kill();
  await tunnel?.exited;
  await gw?.close();
  await new Promise((r) => echo?.close(r));
  await fx?.lab.stop();
});

/** One TCP connection through alice's tunnel (one forward): echoes checked, `closed` once the gateway cut it. */
async function forwardThroughTunnel() {
  const socket: Socket = await dialLoopback(tunnelPort);
  socket.on('error', () => {});
  let closed = false;
  socket.once('close', () => (closed = true));
  const roundTrip = (text: string) =>
    new Promise<string>((ok) => {
      let back = '';
      const onData = (d: Buffer) => {
        back += d.toString();
        if (back.length >= text.length) {
          socket.off('data', onData);
          ok(back);
        }
      };
      socket.on('data', onData);
      socket.write(text);
    });
  expect(await roundTrip('hello')).toBe('hello');
  return { from: `127.0.0.1:${String(socket.localPort)}`, roundTrip, closed: () => closed, end: () => socket.destroy() };
}

/** A `sessions.live` subscriber as `user`: the forwards it sees now, built from the events. */
async function liveAs(user: 'alice' | 'sam' | 'bob') {
  const privateKey = user === 'bob' ? bobKey.private : fx.keys[user].private;
  const api = await openApiClient({ port: gw.address.port, username: user, privateKey, hostPublicKey: gw.hostPublicKey });
  await api.call('events.subscribe', { topic: 'sessions.live', params: {} });
  const changes = () => api.events.filter((e) => e.event === 'sessions.live').map((e) => e.payload!.data as LiveSessionsData);
  const forwards = () => {
    const open = new Map<string, LiveForward>();
    for (const c of changes()) {
      if (c.change === 'list') for (const f of c.forwards ?? []) open.set(f.id, f);
      if (c.change === 'forward-opened') open.set(c.forward.id, c.forward);
      if (c.change === 'forward-bytes') open.set(c.id, { ...open.get(c.id)!, bytesSent: c.bytesSent, bytesReceived: c.bytesReceived });
      if (c.change === 'forward-closed') open.delete(c.id);
    }
    return [...open.values()];
  };
  return { ...api, changes, forwards };
}

const terminateError = (api: { call: (m: string, p: unknown) => Promise<unknown> }, id: string) =>
  api.call('sessions.terminate', { sessionId: id, reason: 'not yours' }).then(
    () => undefined,
    (e: { code: string }) => e.code,
  );

describe('port forwards in the live view', () => {
  it('are listed with target and bytes; terminate cuts one connection only, audited with who and why; an operator can cut none', async () => {
    const shellConn = await fx.connect(gw, 'alice');
    const shell = await openShell(shellConn);
    let shellText = '';
    shell.on('data', (d: Buffer) => (shellText += d.toString()));
    const first = await forwardThroughTunnel();
    const second = await forwardThroughTunnel();

    const sam = await liveAs('sam');
    expect(await waitFor(() => sam.forwards().length === 2, 5000)).toBe(true);
    const to = `127.0.0.1:${echoPort}`;
    const idOf = (from: string) => sam.forwards().find((f) => f.from === from)!.id;
    expect(sam.forwards().find((f) => f.from === first.from)).toMatchObject({ kind: 'forward', user: 'alice', host: 'web-01', login: fx.login, to, startedAt: expect.any(Number) });
    const [one, two] = [idOf(first.from), idOf(second.from)];

    // Bytes both ways reach the subscriber as they grow.
    await first.roundTrip('x'.repeat(1000));
    expect(await waitFor(() => sam.forwards().find((f) => f.id === one)?.bytesReceived === 1005, 6000)).toBe(true);
    expect(sam.forwards().find((f) => f.id === one)?.bytesSent).toBe(1005);

    // Operators: alice sees her own forwards, bob sees none; neither may cut one (her own included).
    const [alice, bob] = [await liveAs('alice'), await liveAs('bob')];
    expect(await waitFor(() => alice.forwards().length === 2, 5000)).toBe(true);
    expect(await waitFor(() => bob.changes().some((c) => c.change === 'list'), 5000)).toBe(true);
    expect(bob.forwards()).toEqual([]);
    expect(await terminateError(bob, one)).toBe('denied');
    expect(await terminateError(alice, one)).toBe('denied');
    expect(await first.roundTrip('still here')).toBe('still here');

    const done = await sam.call<{ sessionId: string; endedAt: number }>('sessions.terminate', { sessionId: one, reason: 'copying the customer database' });
    expect(done).toEqual({ sessionId: one, endedAt: expect.any(Number) });
    expect(await waitFor(() => first.closed(), 5000)).toBe(true);
    // Her other forward and her shell go on.
    expect(await second.roundTrip('other forward')).toBe('other forward');
    shell.write('echo SHELL-$((20+1))\n');
    expect(await waitFor(() => shellText.includes('SHELL-21'), 10_000)).toBe(true);
    expect(sam.forwards().map((f) => f.id)).toEqual([two]);
    expect(await waitFor(() => alice.forwards().length === 1, 5000)).toBe(true);

    expect(auditEntries(fx.dataDir, 'forwarding.terminated')).toEqual([
      expect.objectContaining({ actor: 'sam', data: { forward: one, user: 'alice', host: 'web-01', login: fx.login, to, reason: 'copying the customer database' } }),
    ]);
    expect(auditEntries(fx.dataDir, 'forwarding.close').find((e) => e.data.id === one)).toMatchObject({ actor: 'alice', data: { endedBy: 'terminated', by: 'sam', reason: 'copying the customer database', bytesSent: 1015, bytesReceived: 1015 } });
    expect(await terminateError(sam, one)).toBe('not_found');

    // The CLI lists the other forward beside the sessions and cuts it too, exit 0 once closed.
    const cli = (...args: string[]) => runCliCaptured(args, { env: { PORTCULLIS_DATA: fx.dataDir } });
    expect((await cli('sessions', 'list', '--live')).stdout).toMatch(new RegExp(`${two}\\s.*\\sforward\\s+live\\s.*to ${to}`));
    const cut = await cli('sessions', 'terminate', two, '--reason', 'end of the change window');
    expect(cut).toMatchObject({ code: 0, stdout: expect.stringContaining(`port forward ${two} terminated`) });
    expect(await waitFor(() => second.closed(), 5000)).toBe(true);
    expect(auditEntries(fx.dataDir, 'forwarding.close').find((e) => e.data.id === two)).toMatchObject({ data: { endedBy: 'terminated', by: expect.stringMatching(/^admin:cli:/), reason: 'end of the change window' } });
    expect((await cli('sessions', 'list', '--live')).stdout).not.toContain(two);

    // The tunnel itself stays: a new connection through it is a new forward.
    const third = await forwardThroughTunnel();
    expect(await third.roundTrip('again')).toBe('again');
    third.end();
    for (const api of [sam, alice, bob]) api.close();
    shellConn.end();
  });
});
