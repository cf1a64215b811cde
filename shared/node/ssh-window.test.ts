// The window cap against a REAL sshd with ssh2's real client: once the initial window is used up,
// at most the cap is ever granted, and still every byte arrives. Fails if ssh2's internals move.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../lab/sshd-hosts';
import { generateEd25519KeyPair } from './ssh-keys';
import { capChannelWindow, INTERACTIVE_WINDOW } from './ssh-window';

describe('capChannelWindow', () => {
  let dir: string;
  let fleet: SshdHosts;
  let client: ssh2.Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-window-'));
    const key = generateEd25519KeyPair();
    fleet = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['h'], authorizedKeys: [key.public] });
    const host = fleet.hosts[0]!;
    const [address, port] = [host.address.slice(0, host.address.lastIndexOf(':')), Number(host.address.slice(host.address.lastIndexOf(':') + 1))];
    client = new ssh2.Client();
    await new Promise<void>((resolve, reject) => {
      client.once('ready', resolve).once('error', reject);
      client.connect({ host: address, port, username: host.login, privateKey: key.private, hostVerifier: () => true });
    });
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
});
