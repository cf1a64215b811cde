// kill -9 while a session streams: the recording holds everything flushed (at most ~1 s old), is
// valid JSON lines up to the last complete line, and a restart marks the session interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger, startGateway } from '..';
import { readCast } from '../recording';
import { openStore } from '../store';
import { connectClient, execChannel } from '../testing';
import { runCli, type CliIo } from '../cli/program';
import { createSessionRepo } from './repo';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';

const BIN = resolve(__dirname, '../../../bin/portcullis-gateway.mjs');
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
function serve(): Promise<{ port: number; hostPublicKey: string }> {
  child = spawn(process.execPath, [BIN, 'serve', '--data', fx.dataDir, '--listen', '127.0.0.1:0'], { env: { ...process.env, PORTCULLIS_LOG_LEVEL: 'error' } });
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
  expect(after.audit.list({ type: 'session.interrupted' }).map((e) => e.data.session)).toEqual([s!.id]);
  after.close();

  let exported = '';
  const io: CliIo = { out: (l) => (exported += l + '\n'), err: () => {}, env: {}, readStdin: async () => '', stopSignal: () => new Promise(() => {}) };
  expect(await runCli(['recording', 'export', s!.id, '--data', fx.dataDir], io)).toBe(0);
  expect(exported).toBe(text); // up to the last complete line
}, 30_000);
