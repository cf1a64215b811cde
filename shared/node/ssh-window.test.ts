// The window cap against a REAL sshd with ssh2's real client: once the initial window is used up,
// at most the cap is ever granted, and still every byte arrives. Fails if ssh2's internals move.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../lab/sshd-hosts';
import { generateEd25519KeyPair } from './ssh-keys';
import { capChannelWindow, INTERACTIVE_WINDOW, openWithSmallWindow } from './ssh-window';

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
