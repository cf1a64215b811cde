// The gateway API fuzzed end to end on a real gateway: thousands of malformed lines (random bytes,
// huge lines, truncated JSON, params of the wrong type for every method), then raw garbage on the
// SSH port before and after the banner. Nothing crashes, every line is answered, the gateway still
// serves, and its heap comes back near where it started. Seed-fixed; `npm run fuzz` runs it longer.
import fc from 'fast-check';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GATEWAY_API_MAX_LINE, GATEWAY_API_SUBSYSTEM, gatewayMethods } from '../../../shared/contract/gateway-api';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { ResponseMessageSchema } from '../../../shared/rpc/protocol';
import { fuzzScale } from '../../../shared/testing/fuzz';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '..';
import { connectClient, waitFor } from '../testing';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const alice = generateEd25519KeyPair();
const SEED = Number(process.env.PORTCULLIS_FUZZ_SEED) || 20_261_205;
const SCALE = fuzzScale(1000);
let dir: string;
let gw: Gateway;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-fuzz-'));
  const admin = openGatewayAdmin(dir);
  admin.addUser({ name: 'alice', roles: ['security', 'operator'], publicKeys: [alice.public] });
  admin.addHost({ name: 'web-01', address: '127.0.0.1:1', nodes: [['pay', 'web']] });
  admin.addGrant({ user: 'alice', hosts: '*', login: 'root' });
  admin.close();
  // The garbage connections come from one address at once: admission (ssh/bounds.test.ts) must let them all through.
  gw = await startGateway({ dataDir: dir, logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 }, connections: { maxUnauthenticatedPerSource: 100 } });
});
afterAll(async () => {
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

const connectAlice = () => connectClient({ port: gw.address.port, username: 'alice', privateKey: alice.private, hostPublicKey: gw.hostPublicKey });
const openApi = (conn: Client) =>
  new Promise<ClientChannel>((resolve, reject) => conn.subsys(GATEWAY_API_SUBSYSTEM, (err, ch) => (err ? reject(err) : resolve(ch))));
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const methods = Object.keys(gatewayMethods);
/** Request lines the gateway must answer, one each: never blank, never a newline inside. */
const lineArb: fc.Arbitrary<string> = fc.oneof(
  // Random bytes (invalid UTF-8 included), led by a byte that is not blank.
  fc.tuple(fc.integer({ min: 0x21, max: 0xff }), fc.uint8Array({ maxLength: 200 })).map(([first, rest]) => Buffer.from([first, ...rest.filter((b) => b !== 0x0a)]).toString('latin1')),
  // Every method with params of the wrong type (and sometimes the right one).
  fc.record({ id: fc.nat(), method: fc.constantFrom(...methods), params: fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('query', 'user', 'host', 'limit', 'status', 'before', 'offset'), fc.jsonValue())) }).map((r) => JSON.stringify({ type: 'request', ...r })),
  // Valid requests cut short.
  fc.record({ id: fc.nat(), method: fc.constantFrom(...methods), cut: fc.nat() }).map(({ id, method, cut }) => {
    const line = JSON.stringify({ type: 'request', id, method, params: { query: 'ls\0-la', limit: 5 } });
    return line.slice(0, 1 + (cut % (line.length - 1)));
  }),
  // Any JSON at all, and envelopes with fields of the wrong type.
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null').filter((l) => l.trim() !== ''),
  fc.record({ type: fc.jsonValue(), id: fc.jsonValue(), method: fc.jsonValue(), params: fc.jsonValue() }, { requiredKeys: [] }).map((r) => JSON.stringify(r)),
);

it('answers every malformed line, survives SSH garbage, still serves and gives its memory back', async () => {
  const conn = await connectAlice();
  // Warm up (code paths, caches) before taking the baseline.
  const warm = await openApi(conn);
  warm.write('{"type":"request","id":1,"method":"hosts.table","params":{}}\n');
  await once(warm, 'data');
  const heapBefore = heapAfterGc();

  const channel = await openApi(conn);
  const answers: string[] = [];
  let rest = '';
  channel.on('data', (d: Buffer) => {
    const parts = (rest + d.toString()).split('\n');
    rest = parts.pop()!;
    answers.push(...parts);
  });
  const lines = fc.sample(lineArb, { numRuns: 3000 * SCALE, seed: SEED });
  const huge = 4 * SCALE; // lines over the limit: answered once each, never held whole
  for (let i = 0; i < lines.length; i += 500) {
    if (!channel.write(lines.slice(i, i + 500).join('\n') + '\n')) await once(channel, 'drain');
    if (i % 1000 === 0 && huge > i / 1000) channel.write(Buffer.alloc(GATEWAY_API_MAX_LINE * 2 + i, 'x\t{'.repeat(3)).toString() + '\n');
  }
  const sentHuge = Math.min(huge, Math.ceil(lines.length / 1000));
  channel.write('{"type":"request","id":424242,"method":"whoami","params":{}}\n');
  const expected = lines.length + sentHuge + 1;
  expect(await waitFor(() => answers.length >= expected, 60_000 * SCALE), `${answers.length} of ${expected} answered`).toBe(true);
  for (const answer of answers) expect(ResponseMessageSchema.safeParse(JSON.parse(answer)).success, answer).toBe(true);
  expect(answers.filter((a) => a.includes('"internal"')), 'no internal errors').toEqual([]);
  expect(JSON.parse(answers.at(-1)!)).toMatchObject({ id: 424242, ok: true, result: { user: 'alice' } });
  conn.end();

  // Raw garbage on the SSH port, before the banner and after it, then a clean close.
  const garbage = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 4096 }), { numRuns: 40 * SCALE, seed: SEED });
  await Promise.all(
    garbage.map(async (bytes, i) => {
      const socket = connect(gw.address.port, '127.0.0.1');
      socket.on('error', () => {});
      await once(socket, 'connect');
      if (i % 2 === 1) {
        await once(socket, 'data'); // the gateway's banner
        socket.write('SSH-2.0-fuzz\r\n');
      }
      socket.write(bytes);
      await Promise.race([once(socket, 'close'), new Promise((r) => setTimeout(r, 2000))]);
      socket.destroy();
    }),
  );

  // Still serving, on a new connection.
  const again = await connectAlice();
  const check = await openApi(again);
  check.write('{"type":"request","id":7,"method":"whoami","params":{}}\n');
  const [reply] = (await once(check, 'data')) as [Buffer];
  expect(JSON.parse(reply.toString())).toMatchObject({ id: 7, ok: true });
  again.end();
  await waitFor(() => gw.liveSessions() === 0, 5000);
  expect(gw.liveSessions()).toBe(0);

  // Generous: the floods above moved well over 10 MB through the gateway.
  const grown = heapAfterGc() - heapBefore;
  expect(grown, `heap grew by ${(grown / 1e6).toFixed(1)} MB`).toBeLessThan(16 * 1024 * 1024);
}, 120_000);
