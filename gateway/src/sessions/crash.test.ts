// kill -9 while a session streams: the recording holds everything flushed (at most ~1 s old), is
// valid JSON lines up to the last complete line, and a restart marks the session interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import type { ClientChannel } from 'ssh2';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger, startGateway } from '..';
import { readCast } from '../recording';
import { INTERRUPTED_FORWARD_REASON } from '../audit';
import { openStore } from '../store';
import { connectClient, execChannel, runCliCaptured } from '../testing';
import { createSessionRepo } from './repo';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import { GATEWAY_BIN } from '../../../lab/gateway-bin';

const BIN = GATEWAY_BIN;
let fx: Fixture;
let child: ChildProcess | undefined;

beforeAll(async () => {
  fx = await setUpFixture('gw-crash-');
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await fx?.lab.stop();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

/** `serve` in a child process; resolves with its port and host key once it listens. */
function serve(env: NodeJS.ProcessEnv = {}): Promise<{ port: number; hostPublicKey: string }> {
  child = spawn(process.execPath, [BIN, 'serve', '--data', fx.dataDir, '--listen', '127.0.0.1:0', '--pretty'], { env: { ...process.env, PORTCULLIS_LOG_LEVEL: 'error', ...env } });
  const proc = child;
  return new Promise((done, fail) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const port = /listening on [\d.]+:(\d+)/.exec(out)?.[1];
      const key = /gateway host key: (\S+ \S+)/.exec(out)?.[1];
      if (port && key) done({ port: Number(port), hostPublicKey: key });
    });
    proc.on('exit', (code) => fail(new Error(`serve exited with ${code}`)));
  });
}

it('survives kill -9: flushed output kept, torn line tolerated, session marked interrupted', async () => {
  const { port, hostPublicKey } = await serve();
  const conn = await connectClient({ port, username: `alice:${fx.login}@web-01`, privateKey: fx.keys.alice.private, hostPublicKey });
  conn.on('error', () => {});
  const ch = await execChannel(conn, 'i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.005; done');
  let received = '';
  ch.on('data', (d: Buffer) => (received += d.toString()));
  await new Promise((r) => setTimeout(r, 1500));
  const seenEarly = received; // at the kill, all of this has been in the gateway for > 1 s
  // 1.5 s: flushes come every 250 ms, plus slack for a loaded machine (tests run in parallel).
  await new Promise((r) => setTimeout(r, 1500));
  child!.kill('SIGKILL');
  await new Promise((r) => child!.once('exit', r));
  conn.end();
  expect(seenEarly).toMatch(/line-10\n/);

  const store = openStore(fx.dataDir);
  const [s] = createSessionRepo(store.db).list({ limit: 1 });
  store.close();
  expect(s!.status).toBe('live'); // nobody could say otherwise yet
  expect(s!.bytes, 'a live session shows its bytes so far').toBeGreaterThan(1000);
  const file = join(fx.dataDir, s!.recording!);
  const text = readFileSync(file, 'utf8');
  const lines = text.slice(0, text.lastIndexOf('\n')).split('\n');
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  const recorded = (await readCast(file)).events.map((e) => e.data).join('');
  expect(recorded.length, 'the recording holds everything seen over 1 s before the kill').toBeGreaterThanOrEqual(seenEarly.length);
  expect(recorded.slice(0, seenEarly.length)).toBe(seenEarly);

  // A torn last line, as a crash in the middle of a write leaves it: readers skip it.
  appendFileSync(file, '[9.5, "o", "torn');
  expect((await readCast(file)).events.map((e) => e.data).join('')).toBe(recorded);

  const gw = await startGateway({ dataDir: fx.dataDir, logger: silentLogger });
  await gw.close();
  const after = openStore(fx.dataDir);
  const row = createSessionRepo(after.db).get(s!.id)!;
  expect(row).toMatchObject({ status: 'interrupted', bytes: Buffer.byteLength(text) + '[9.5, "o", "torn'.length });
  // It ended at its last complete event (the torn line does not count), not at the restart.
  const lastEvent = (await readCast(file)).events.at(-1)!;
  expect(row.endedAt).toBe(s!.startedAt + Math.round(lastEvent.t * 1000));
  expect(after.audit.list({ type: 'session.interrupted' }).map((e) => e.data.session)).toEqual([s!.id]);
  after.close();

  const exported = await runCliCaptured(['recording', 'export', s!.id, '--data', fx.dataDir]);
  expect(exported, exported.stderr).toMatchObject({ code: 0, stdout: text }); // up to the last complete line
}, 30_000);

it('a port forward open at kill -9 gets its forwarding.close (interrupted) at the next start; the chain verifies', async () => {
  const { port, hostPublicKey } = await serve({ PORTCULLIS_FORWARDING: 'allow' });
  const conn = await connectClient({ port, username: `alice:${fx.login}@web-01`, privateKey: fx.keys.alice.private, hostPublicKey });
  conn.on('error', () => {});
  // A forward to the target's own sshd (on its loopback): live once its banner comes through.
  const target = Number(fx.lab.hosts[0]!.address.split(':').pop());
  const tunnel = await new Promise<ClientChannel>((ok, fail) => conn.forwardOut('127.0.0.1', 0, '127.0.0.1', target, (e, ch) => (e ? fail(e) : ok(ch))));
  tunnel.on('error', () => {});
  const banner = await new Promise<string>((ok) => tunnel.once('data', (d: Buffer) => ok(d.toString())));
  expect(banner).toMatch(/^SSH-2\.0-/);
  child!.kill('SIGKILL');
  await new Promise((r) => child!.once('exit', r));
  conn.end();

  const before = openStore(fx.dataDir);
  const opened = before.audit.list({ type: 'forwarding.open' }).at(-1)!;
  expect(before.audit.list({ type: 'forwarding.close' }).filter((e) => e.data.id === opened.data.id)).toEqual([]);
  before.close();

  const gw = await startGateway({ dataDir: fx.dataDir, logger: silentLogger });
  await gw.close();
  const after = openStore(fx.dataDir);
  const closes = after.audit.list({ type: 'forwarding.close' }).filter((e) => e.data.id === opened.data.id);
  expect(closes.map((e) => e.data)).toEqual([{ id: opened.data.id, host: 'web-01', login: fx.login, to: `127.0.0.1:${target}`, endedBy: 'interrupted', reason: INTERRUPTED_FORWARD_REASON }]);
  expect(closes[0]!.actor).toBe('alice');
  expect(after.audit.verify()).toMatchObject({ ok: true });
  after.close();

  // A second start finds nothing left to close.
  const again = await startGateway({ dataDir: fx.dataDir, logger: silentLogger });
  await again.close();
  const last = openStore(fx.dataDir);
  expect(last.audit.list({ type: 'forwarding.close' }).filter((e) => e.data.id === opened.data.id)).toHaveLength(1);
  last.close();
}, 30_000);
