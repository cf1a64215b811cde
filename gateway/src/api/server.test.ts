// serveApi on a real ssh2 server and client over loopback, with a real store: flow control toward
// a client that does not read, and failures contained to the request that met them.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import ssh2, { type Client, type ClientChannel, type ServerChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_API_SUBSYSTEM } from '../../../shared/contract/gateway-api';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { openGatewayAdmin } from '..';
import { createAccess } from '../access';
import { createAuditRepeats } from '../audit/repeats';
import { openStore, type Store } from '../store';
import { connectClient, waitFor } from '../testing';
import { DEFAULT_API_LIMITS, serveApi, type ApiLimits } from './server';

const hostKey = generateEd25519KeyPair();
const userKey = generateEd25519KeyPair();
let dir: string;
let store: Store;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-api-'));
  const admin = openGatewayAdmin(dir);
  admin.addUser({ name: 'alice', roles: ['operator'], publicKeys: [userKey.public] });
  // Enough hosts that one hosts.list answer is ~30 KB: a client's window fills in a few answers.
  for (let i = 0; i < 200; i++) admin.addHost({ name: `web-${i}`, address: `10.0.${i >> 8}.${i & 255}:22`, nodes: [['pay', 'web', `pool-${i % 7}`]], tags: { env: 'prod', rack: `r${i}` } });
  admin.addGrant({ user: 'alice', hosts: '*', login: 'root' });
  admin.close();
  store = openStore(dir);
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An SSH server whose only service is serveApi as alice (auth is not under test here). */
async function apiServer(limits: Partial<ApiLimits> = {}, storeOf: () => Store = () => store) {
  const logs: Array<{ level: number; msg: string; method?: string }> = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (line: Buffer, _enc, done) => (logs.push(JSON.parse(line.toString())), done()) }));
  const channels: ServerChannel[] = [];
  const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('error', () => {});
    client.on('authentication', (ctx) => ctx.accept());
    client.on('session', (accept) =>
      accept().on('subsystem', (acceptSub) => {
        const channel = acceptSub();
        channels.push(channel);
        const s = storeOf();
        serveApi(channel, { user: s.users.find('alice')! }, { access: createAccess(s), logger, store: s, repeats: createAuditRepeats(s.audit), limits }, () => {});
      }),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const connect = () => connectClient({ port, username: 'alice', privateKey: userKey.private, hostPublicKey: hostKey.public });
  return { logs, channels, connect, close: () => server.close() };
}

const openApi = (conn: Client) =>
  new Promise<ClientChannel>((resolve, reject) => conn.subsys(GATEWAY_API_SUBSYSTEM, (err, ch) => (err ? reject(err) : resolve(ch))));

/** Sends lines and reads answers until `count` lines came back; returns them parsed. */
async function ask(channel: ClientChannel, lines: string[], count = lines.length): Promise<Array<Record<string, unknown>>> {
  let text = '';
  const onData = (d: Buffer) => (text += d.toString());
  channel.on('data', onData);
  channel.write(lines.map((l) => l + '\n').join(''));
  const answered = await waitFor(() => text.split('\n').length > count, 10_000);
  channel.off('data', onData);
  expect(answered, `answers so far: ${text}`).toBe(true);
  return text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('API flow control', () => {
  it('a client that never reads: reading stops at the reply buffer, then the channel is closed', async () => {
    const srv = await apiServer({ stallTimeoutMs: 400 });
    const conn = await srv.connect();
    const channel = await openApi(conn); // no 'data' listener: the client never reads
    const closed = once(srv.channels[0]!, 'close'); // the client's 'close' waits until it reads
    let maxQueued = 0;
    const sample = setInterval(() => (maxQueued = Math.max(maxQueued, ...srv.channels.map((c) => c.writableLength))), 2);
    const requests = 1000; // ~30 MB of answers if all were answered
    channel.write('{"type":"request","id":1,"method":"hosts.list","params":{}}\nx\n'.repeat(requests / 2));
    await closed;
    clearInterval(sample);
    // Bounded: the buffer plus the answers already in flight when it filled (~30 KB each, one per line in the worst case).
    expect(maxQueued).toBeLessThanOrEqual(DEFAULT_API_LIMITS.replyBufferBytes + DEFAULT_API_LIMITS.maxInFlight * 32 * 1024);
    // What the client could have buffered (its 2 MiB window, one adjust) is all that was answered.
    const answered = (channel.read() as Buffer | null)?.toString().split('\n').length ?? 0;
    expect(answered).toBeGreaterThan(10);
    expect(answered).toBeLessThan(requests / 2);
    expect(srv.logs.some((l) => /does not read its answers/.test(l.msg))).toBe(true);
    // The connection is fine: a new channel answers.
    const [who] = await ask(await openApi(conn), ['{"type":"request","id":1,"method":"whoami","params":{}}']);
    expect(who).toMatchObject({ id: 1, ok: true, result: { user: 'alice' } });
    conn.end();
    srv.close();
  });

  it('answers every line in order of arrival when the client reads, bad lines included', async () => {
    const srv = await apiServer();
    const conn = await srv.connect();
    const lines = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? `{bad ${i}` : `{"type":"request","id":${i},"method":"whoami","params":{}}`));
    const answers = await ask(await openApi(conn), lines);
    expect(answers).toHaveLength(200);
    expect(answers.filter((a) => a.ok === false)).toHaveLength(67);
    expect(answers.filter((a) => a.ok === true).map((a) => a.id)).toEqual(lines.map((_, i) => i).filter((i) => i % 3 !== 0));
    conn.end();
    srv.close();
  });
});

describe('API failures stay with their request', () => {
  it('a handler that throws answers `internal`, logged with its method, and the channel goes on', async () => {
    // A store whose database has gone away: every request fails, whoami included, since the
    // caller's roles are read before any handler runs (and a check that cannot run refuses).
    const broken = openStore(dir);
    const srv = await apiServer({}, () => broken);
    const conn = await srv.connect();
    const channel = await openApi(conn);
    broken.db.close();
    const answers = await ask(channel, [
      '{"type":"request","id":1,"method":"hosts.list","params":{}}',
      '{"type":"request","id":2,"method":"whoami","params":{}}',
      '{"type":"request","id":3,"method":"commands.search","params":{"query":"ls"}}',
    ]);
    expect(answers.sort((x, y) => Number(x.id) - Number(y.id)).map((a) => [a.id, a.ok, (a.error as { code?: string } | undefined)?.code])).toEqual([
      [1, false, 'internal'],
      [2, false, 'internal'],
      [3, false, 'internal'],
    ]);
    expect(srv.logs.filter((l) => l.msg === 'API method failed').map((l) => l.method)).toEqual(['hosts.list', 'whoami', 'commands.search']);
    conn.end();
    srv.close();
  });
});
