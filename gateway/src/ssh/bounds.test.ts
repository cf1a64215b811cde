// Input bounds at the SSH layer, against a real gateway, real sshd targets and the ssh2 client:
// terminal sizes, environment requests, exec command length, channels per connection, and
// connections that never log in (limits in ssh/limits.ts and shared/contract/terminal-limits.ts).
import { connect as tcpConnect, type Socket } from 'node:net';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShell, setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import { GATEWAY_API_SUBSYSTEM } from '../../../shared/contract/gateway-api';
import { MAX_TERMINAL_COLS, MAX_TERMINAL_ROWS } from '../../../shared/contract/terminal-limits';
import type { Gateway } from '../index';
import { openStore } from '../store';
import { exec, readUntil } from '../testing';
import { MAX_ENV_REQUESTS, MAX_EXEC_COMMAND_BYTES } from './limits';

let fx: Fixture;
let gw: Gateway;
let conn: Client;

beforeAll(async () => {
  fx = await setUpFixture('gw-bounds-');
  gw = await fx.start();
  conn = await fx.connect(gw);
});
afterAll(async () => {
  conn?.end();
  await gw?.close();
  await fx?.lab.stop();
  rmSync(fx.dir, { recursive: true, force: true });
});

const openApi = (c: Client) => new Promise<ClientChannel>((resolve, reject) => c.subsys(GATEWAY_API_SUBSYSTEM, (err, ch) => (err ? reject(err) : resolve(ch))));
const sttySize = async (cols: number, rows: number) => (await exec(conn, 'stty size', { pty: { term: 'xterm', cols, rows } })).stdout.trim();

describe('terminal sizes', () => {
  it('a pty request with 4294967295 columns is clamped; the gateway goes on', async () => {
    expect(await sttySize(4294967295, 24)).toBe(`24 ${MAX_TERMINAL_COLS}`);
    expect(await sttySize(24, 4294967295)).toBe(`${MAX_TERMINAL_ROWS} 24`);
    expect((await exec(conn, 'echo alive')).stdout).toBe('alive\n');
  });

  it('6000x6000 runs at the largest size', async () => {
    expect(await sttySize(6000, 6000)).toBe(`${MAX_TERMINAL_ROWS} ${MAX_TERMINAL_COLS}`);
  });

  it('a window-change with 4294967295 columns is clamped too', async () => {
    const shell = await openShell(conn);
    await readUntil(shell, /[$#] $/);
    shell.setWindow(4294967295, 4294967295, 0, 0);
    shell.write('stty size\n');
    await readUntil(shell, new RegExp(`${MAX_TERMINAL_ROWS} ${MAX_TERMINAL_COLS}`));
    shell.setWindow(30, 100, 0, 0);
    shell.write('stty size\n');
    await readUntil(shell, /30 100/);
    shell.end();
  });
});

describe('environment and exec', () => {
  it('an exec command beyond the limit is refused with a clear message', async () => {
    const result = await exec(conn, `echo ${'x'.repeat(MAX_EXEC_COMMAND_BYTES)}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`accepts at most ${MAX_EXEC_COMMAND_BYTES}`);
    expect((await exec(conn, `echo ${'x'.repeat(100)}`)).stdout).toBe(`${'x'.repeat(100)}\n`);
  });

  it('environment requests beyond the count or size are refused, so they cannot name a target', async () => {
    // A target that would be refused, sent after too many variables or too large: ignored, so the
    // session goes to the target in the user name.
    const many = Object.fromEntries(Array.from({ length: MAX_ENV_REQUESTS }, (_, i) => [`V${i}`, 'x']));
    const late = await exec(conn, 'echo reached', { env: { ...many, PORTCULLIS_TARGET: 'root@vault-01' } });
    expect(late.stdout).toBe('reached\n');
    const huge = await exec(conn, 'echo reached', { env: { PORTCULLIS_TARGET: `root@${'v'.repeat(5000)}` } });
    expect(huge.stdout).toBe('reached\n');
    const honoured = await exec(conn, 'echo reached', { env: { PORTCULLIS_TARGET: 'root@vault-01' } });
    expect(honoured.stderr).toMatch(/access to root@vault-01 denied/);
  });
});

describe('channels per connection', () => {
  it('API channels beyond the limit are refused (default 4)', async () => {
    const c = await fx.connect(gw);
    const opened = await Promise.allSettled(Array.from({ length: 12 }, () => openApi(c)));
    expect(opened.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    c.end();
  });

  it('session channels beyond the limit are refused', async () => {
    const small = await fx.start({ connections: { maxSessionsPerConnection: 3, maxApiChannelsPerConnection: 10 } });
    try {
      const c = await fx.connect(small);
      for (let i = 0; i < 3; i++) await openApi(c);
      await expect(openApi(c)).rejects.toThrow(/open failure|prohibited/i);
      expect((await exec(await fx.connect(small), 'echo other connection')).stdout).toBe('other connection\n');
      c.end();
    } finally {
      await small.close();
    }
  });
});

describe('connections that do not log in', () => {
  let limited: Gateway;
  beforeAll(async () => {
    limited = await fx.start({ connections: { maxUnauthenticated: 4, maxUnauthenticatedPerSource: 2, loginTimeoutMs: 1500 } });
  });
  afterAll(() => limited?.close());

  /** A TCP connection that never sends anything; `banner` resolves with what the gateway sent first. */
  async function silent(localAddress: string) {
    const socket: Socket = tcpConnect({ host: '127.0.0.1', port: limited.address.port, localAddress });
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    socket.on('error', () => {});
    const closed = once(socket, 'close').then(() => received);
    await once(socket, 'connect');
    const first = await Promise.race([once(socket, 'data').then(() => 'banner' as const), closed.then(() => 'closed' as const)]);
    return { first, closed, socket };
  }

  it('are refused at once beyond the limits, and closed at the login timeout even without a banner', async () => {
    const a = [await silent('127.0.0.1'), await silent('127.0.0.1')];
    expect(a.map((s) => s.first)).toEqual(['banner', 'banner']);
    const overSource = await silent('127.0.0.1');
    expect(overSource.first).toBe('closed');
    expect(await overSource.closed).toBe(''); // not even the SSH banner
    const b = [await silent('127.0.0.2'), await silent('127.0.0.2')];
    expect(b.map((s) => s.first)).toEqual(['banner', 'banner']);
    expect((await silent('127.0.0.3')).first).toBe('closed'); // 4 in all
    // Each refusal is audited (the first of a kind at once; repeats are counted, see audit/repeats.ts).
    const store = openStore(fx.dataDir);
    try {
      const refused = store.audit.list({ type: 'connection.refused', limit: 100 }).map((e) => e.data);
      expect(refused).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ source: '127.0.0.1', limit: 'connections.maxUnauthenticatedPerSource', count: 1 }),
          expect.objectContaining({ source: '127.0.0.3', limit: 'connections.maxUnauthenticated', count: 1 }),
        ]),
      );
    } finally {
      store.close();
    }
    // None of them ever sends its banner: the login timeout, counted from accept, closes them all.
    await Promise.all([...a, ...b].map((s) => s.closed));
    const c = await fx.connect(limited);
    expect((await exec(c, 'echo in')).stdout).toBe('in\n');
    c.end();
  });

  it('logged-in connections do not count', async () => {
    const logged = [];
    for (let i = 0; i < 5; i++) logged.push(await fx.connect(limited));
    expect((await silent('127.0.0.1')).first).toBe('banner');
    for (const c of logged) c.end();
  });
});
