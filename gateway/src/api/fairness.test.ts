// Fairness under an API flood, measured on the real gateway in its own process: while other
// connections write junk to API channels and never read the answers, another user's login and
// exec (the real OpenSSH client) through to a real sshd target stay quick.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import { serveGatewayProcess, type GatewayProcess } from '../../../lab/gateway-process';
import { GATEWAY_API_SUBSYSTEM } from '../../../shared/contract/gateway-api';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { openGatewayAdmin } from '..';
import { connectClient, spawnOpenSsh, writeKnownHosts } from '../testing';

const mallory = generateEd25519KeyPair(); // a valid key with no grant at all
let fx: Fixture;
let gw: GatewayProcess;
let aliceKeyFile: string;
let knownHosts: string;

beforeAll(async () => {
  fx = await setUpFixture('gw-fair-');
  const admin = openGatewayAdmin(fx.dataDir);
  admin.addUser({ name: 'mallory', publicKeys: [mallory.public] });
  admin.close();
  gw = await serveGatewayProcess(fx.dataDir);
  aliceKeyFile = join(fx.dir, 'alice_key');
  writeFileSync(aliceKeyFile, fx.keys.alice.private, { mode: 0o600 });
  knownHosts = writeKnownHosts(fx.dir, { address: { port: gw.port }, hostPublicKey: gw.hostPublicKey });
});
afterAll(async () => {
  await gw?.stop();
  await fx?.lab.stop();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

// Small bad lines cost the most: one answer each. Some good requests and truncated JSON among them.
const JUNK = Buffer.from(
  'x\n{\n[1,\n"\n{"type":"request","id":1,"method":"whoami","params":{}}\n{"type":"request","id":2,"method":"hosts.table","params":{}}\n'.repeat(512),
);

/** Resolves on 'drain', on 'close' or after 200 ms (to look at `stop` again). */
function writable(channel: ClientChannel): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      channel.off('drain', done);
      channel.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, 200);
    channel.on('drain', done);
    channel.on('close', done);
  });
}

/** Writes junk to `channel` as fast as it takes it, without ever reading, until `stop` says so. */
async function flood(channel: ClientChannel, stop: () => boolean): Promise<void> {
  channel.on('error', () => {});
  while (!stop() && channel.writable) {
    if (!channel.write(JUNK)) await writable(channel);
  }
}

const openApi = (conn: Client) =>
  new Promise<ClientChannel>((resolve, reject) => conn.subsys(GATEWAY_API_SUBSYSTEM, (err, ch) => (err ? reject(err) : resolve(ch))));

const median3 = (ms: number[]) => [...ms].sort((a, b) => a - b)[1]!;

/** The real OpenSSH client, in its own process: `ssh alice:LOGIN@web-01 echo ok`, timed. */
async function loginAndExecMs(): Promise<number> {
  const started = performance.now();
  const run = spawnOpenSsh({ port: gw.port, keyFile: aliceKeyFile, knownHosts, user: `alice:${fx.login}@web-01`, command: ['echo', 'ok'] });
  const code = await run.exited;
  const ms = performance.now() - started;
  expect([code, run.stdout()], run.stderr()).toEqual([0, 'ok\n']);
  return ms;
}

it('another user logs in and runs a command in under 1 s while 10 API channels flood and never read', async () => {
  await loginAndExecMs(); // warms the gateway's code paths up
  const quiet = median3([await loginAndExecMs(), await loginAndExecMs(), await loginAndExecMs()]);
  let stopped = false;
  const floods: Client[] = [];
  const writers: Array<Promise<void>> = [];
  for (let i = 0; i < 5; i++) {
    const conn = await connectClient({ port: gw.port, username: 'mallory', privateKey: mallory.private, hostPublicKey: gw.hostPublicKey });
    conn.on('error', () => {});
    floods.push(conn);
    for (let j = 0; j < 2; j++) writers.push(flood(await openApi(conn), () => stopped));
  }
  try {
    await new Promise((r) => setTimeout(r, 1000)); // the gateway is busy with the floods by now
    const loaded: number[] = [];
    for (let i = 0; i < 3; i++) loaded.push(await loginAndExecMs());
    const seen = `login + exec: quiet ${quiet.toFixed(0)} ms; under the flood ${loaded.map((m) => m.toFixed(0)).join(', ')} ms`;
    console.log(seen);
    // 1 s is the acceptance. On a machine so loaded that a quiet login takes over 0.5 s (parallel
    // test runs on 2 cores), the bound is twice that instead: the flood may not add more than the
    // machine itself costs. Before flow control this took tens of seconds.
    expect(median3(loaded), seen).toBeLessThan(Math.max(1000, 2 * quiet));
    expect(gw.alive()).toBe(true);
  } finally {
    stopped = true;
    for (const conn of floods) conn.end();
    await Promise.all(writers);
  }
}, 60_000);
