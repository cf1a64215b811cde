// The window cap against a REAL sshd with ssh2's real client: once the initial window is used up,
// at most the cap is ever granted, and still every byte arrives. Fails if ssh2's internals move.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../lab/sshd-hosts';
import { generateEd25519KeyPair } from './ssh-keys';
import { capChannelWindow, INTERACTIVE_WINDOW, openWithSmallWindow, SSH2_INITIAL_WINDOW } from './ssh-window';

// ssh2's own modules, reached the way ssh-window.ts relies on them (no public API exposes them).
const require = createRequire(import.meta.url);
const ssh2Channel = require('ssh2/lib/Channel.js') as { MAX_WINDOW: number; windowAdjust(channel: object): void };
const ssh2Protocol = require('ssh2/lib/protocol/Protocol.js') as { prototype: Record<string, unknown> };

describe('capChannelWindow', () => {
  let dir: string;
  let fleet: SshdHosts;
  let client: ssh2.Client;
  let connect: () => Promise<ssh2.Client>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-window-'));
    const key = generateEd25519KeyPair();
    fleet = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['h'], authorizedKeys: [key.public] });
    const host = fleet.hosts[0]!;
    const [address, port] = [host.address.slice(0, host.address.lastIndexOf(':')), Number(host.address.slice(host.address.lastIndexOf(':') + 1))];
    connect = () => {
      const c = new ssh2.Client();
      return new Promise<ssh2.Client>((resolve, reject) => {
        c.once('ready', () => resolve(c)).once('error', reject);
        c.connect({ host: address, port, username: host.login, privateKey: key.private, hostVerifier: () => true });
      });
    };
    client = await connect();
  }, 30_000);
  afterAll(async () => {
    client?.end();
    await fleet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the ssh2 internals it patches are still there', () => {
    it('is the exact ssh2 version pinned in package.json', () => {
      const pinned = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies.ssh2;
      const installed = (require('ssh2/package.json') as { version: string }).version;
      expect(pinned).toBe('1.17.0');
      expect(installed).toBe(pinned);
    });

    it("the protocol's session() and channelWindowAdjust() take the arguments the patch passes on", () => {
      expect(ssh2Protocol.prototype.session).toBeTypeOf('function');
      expect((ssh2Protocol.prototype.session as () => void).length).toBe(3); // (chan, initWindow, maxPacket)
      expect(ssh2Protocol.prototype.channelWindowAdjust).toBeTypeOf('function');
      expect((ssh2Protocol.prototype.channelWindowAdjust as () => void).length).toBe(2); // (chan, amount)
    });

    it('a window adjust is counted into incoming.window before channelWindowAdjust is called, up to MAX_WINDOW', () => {
      expect(ssh2Channel.MAX_WINDOW).toBe(SSH2_INITIAL_WINDOW);
      const calls: { id: number; amount: number; windowThen: number }[] = [];
      const channel = {
        outgoing: { id: 7, state: 'open' },
        incoming: { window: 1000 },
        _client: { _protocol: { channelWindowAdjust: (id: number, amount: number) => calls.push({ id, amount, windowThen: channel.incoming.window }) } },
      };
      ssh2Channel.windowAdjust(channel);
      expect(calls).toEqual([{ id: 7, amount: SSH2_INITIAL_WINDOW - 1000, windowThen: SSH2_INITIAL_WINDOW }]);
    });

    it('a real connection opens a session through _protocol.session with a 2 MiB window, and the channel has the fields the patch uses', async () => {
      const protocol = (client as unknown as { _protocol: { session(chan: number, initWindow: number, maxPacket: number): void } })._protocol;
      const opened: number[] = [];
      const session = protocol.session;
      protocol.session = function (this: unknown, chan, initWindow, maxPacket) {
        opened.push(initWindow);
        return session.call(this, chan, initWindow, maxPacket);
      };
      const channel = await new Promise<ClientChannel>((resolve, reject) => {
        client.exec('true', (error, ch) => (error ? reject(error) : resolve(ch)));
        protocol.session = session; // exec opened its channel synchronously, as openWithSmallWindow requires
      });
      const internals = channel as unknown as {
        incoming: { window: unknown };
        outgoing: { id: unknown };
        _readableState: { highWaterMark: number };
        _writableState: { highWaterMark: number };
        stderr: { _readableState: { highWaterMark: number } };
      };
      expect(opened).toEqual([SSH2_INITIAL_WINDOW]);
      expect(internals.incoming.window).toBe(SSH2_INITIAL_WINDOW);
      expect(internals.outgoing.id).toBeTypeOf('number');
      expect(internals._readableState.highWaterMark).toBe(SSH2_INITIAL_WINDOW);
      expect(internals._writableState.highWaterMark).toBe(SSH2_INITIAL_WINDOW);
      expect(internals.stderr._readableState.highWaterMark).toBe(SSH2_INITIAL_WINDOW);
      await new Promise((resolve) => {
        channel.once('close', resolve);
        channel.resume();
      });
    });
  });

  it('refuses objects without the ssh2 internals it needs', () => {
    expect(() => capChannelWindow({}, {})).toThrow(/ssh2 internals changed/);
  });

  it('grants at most the cap after the initial window, slowly read, and loses nothing', async () => {
    const total = 6 * 1024 * 1024;
    const channel = await new Promise<ClientChannel>((resolve, reject) =>
      client.exec(`head -c ${total} /dev/zero`, (error, ch) => (error ? reject(error) : resolve(ch))),
    );
    capChannelWindow(client, channel);
    const incoming = (channel as unknown as { incoming: { window: number } }).incoming;
    let received = 0;
    let maxWindowLater = 0;
    channel.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // Past the 2 MiB granted at open (plus what ssh2 topped up before the cap), the window never exceeds the cap.
      if (received > 4.5 * 1024 * 1024) maxWindowLater = Math.max(maxWindowLater, incoming.window);
      // Read slowly: a pause per chunk, so the window really runs dry.
      channel.pause();
      setTimeout(() => channel.resume(), 1);
    });
    await new Promise((resolve) => channel.once('close', resolve));
    expect(received).toBe(total);
    expect(maxWindowLater).toBeGreaterThan(0);
    expect(maxWindowLater).toBeLessThanOrEqual(INTERACTIVE_WINDOW);
  });

  it('opened with a small window, holds the cap from the first byte, and loses nothing', async () => {
    const total = 3 * 1024 * 1024;
    const channel = await new Promise<ClientChannel>((resolve, reject) =>
      openWithSmallWindow(client, () => client.exec(`head -c ${total} /dev/zero`, (error, ch) => (error ? reject(error) : resolve(ch)))),
    );
    capChannelWindow(client, channel, INTERACTIVE_WINDOW, { openedWith: INTERACTIVE_WINDOW });
    const incoming = (channel as unknown as { incoming: { window: number } }).incoming;
    let received = 0;
    let maxWindow = incoming.window;
    let minWindow = incoming.window;
    channel.on('data', (chunk: Buffer) => {
      received += chunk.length;
      maxWindow = Math.max(maxWindow, incoming.window);
      minWindow = Math.min(minWindow, incoming.window);
      channel.pause();
      setTimeout(() => channel.resume(), 1);
    });
    await new Promise((resolve) => channel.once('close', resolve));
    expect(received).toBe(total);
    expect(maxWindow).toBeLessThanOrEqual(INTERACTIVE_WINDOW);
    expect(minWindow).toBeGreaterThanOrEqual(0); // our books match what the peer may send
  });

  it('small outputs (keystroke echoes) do not each cost a window adjust; a quarter of the window does', async () => {
    // A connection of its own, so that the counter below sits under the cap (installed once per connection).
    const own = await connect();
    const protocol = (own as unknown as { _protocol: { channelWindowAdjust(id: number, amount: number): void } })._protocol;
    const adjusts: number[] = [];
    const sent = protocol.channelWindowAdjust;
    protocol.channelWindowAdjust = function (this: unknown, channelId: number, amount: number) {
      adjusts.push(amount);
      return sent.call(this, channelId, amount);
    };
    const channel = await new Promise<ClientChannel>((resolve, reject) =>
      openWithSmallWindow(own, () =>
        // 200 separate one-byte writes, then 12 KiB at once (past a quarter of the window).
        own.exec(`for i in $(seq 200); do printf x; sleep 0.002; done; head -c 12288 /dev/zero`, (error, ch) => (error ? reject(error) : resolve(ch))),
      ),
    );
    try {
      capChannelWindow(own, channel, INTERACTIVE_WINDOW, { openedWith: INTERACTIVE_WINDOW });
      let received = 0;
      let packets = 0;
      channel.on('data', (chunk: Buffer) => {
        received += chunk.length;
        packets++;
      });
      await new Promise((resolve) => channel.once('close', resolve));
      expect(received).toBe(200 + 12288);
      expect(packets).toBeGreaterThan(100); // the one-byte writes really came one by one
      expect(adjusts.length).toBeGreaterThan(0);
      expect(adjusts.length).toBeLessThanOrEqual(3);
      for (const amount of adjusts) expect(amount).toBeGreaterThanOrEqual(INTERACTIVE_WINDOW / 4);
    } finally {
      own.end();
    }
  });
});
