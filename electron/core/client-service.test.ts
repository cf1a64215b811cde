// The client's main side against the REAL gateway and REAL OpenSSH hosts on loopback: nothing mocked.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEd25519KeyPair } from '../../shared/node/ssh-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '../../gateway/src/index';
import { startSshdHosts, type SshdHosts } from '../../lab/sshd-hosts';
import { createClientService, type ClientService } from './client-service';
import { FakeRenderer } from './testing';
import { DEFAULT_HIGH_WATERMARK } from './terminals/flow-control';
import { INTERACTIVE_WINDOW } from '../../shared/node/ssh-window';
import { presentedKeyFromLine } from './connection/host-trust';
import { endpointOf, openClientStore, type ClientStore } from './store/client-store';
import type { Profile } from '../../shared/contract/profiles';
import { decodeHostTable, type HostTable } from '../../shared/contract/host-table';

const USER = 'alice';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('client service against a real gateway and sshd', () => {
  let dir: string;
  let fleet: SshdHosts;
  let gateway: Gateway;
  let profile: Profile;
  let store: ClientStore;
  let service: ClientService;
  let login: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-client-'));
    const userKey = generateEd25519KeyPair();
    const targetKey = generateEd25519KeyPair();
    fleet = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01', 'web-02'], authorizedKeys: [targetKey.public] });
    login = fleet.hosts[0]!.login;
    const admin = openGatewayAdmin(join(dir, 'gateway'));
    try {
      admin.addUser({ name: USER, roles: ['operator'], publicKeys: [userKey.public] });
      for (const host of fleet.hosts) {
        admin.addHost({ name: host.name, address: host.address, nodes: [['lab', 'web']], tags: { env: 'test' } });
        admin.pinHostKey(host.name, host.hostPublicKey);
        admin.setCredential({ host: host.name, login, privateKey: targetKey.private });
      }
      admin.addGrant({ user: USER, hosts: 'web-01', login, until: Date.now() + 3600_000 });
      // Granted, but the gateway holds no credential for it.
      admin.addHost({ name: 'db-01', address: fleet.hosts[1]!.address, nodes: [['lab', 'db']], tags: {} });
      admin.addGrant({ user: USER, hosts: 'db-01', login, until: Date.now() + 3600_000 });
    } finally {
      admin.close();
    }
    gateway = await startGateway({ dataDir: join(dir, 'gateway'), logger: silentLogger });
    mkdirSync(join(dir, 'home'));
    writeFileSync(join(dir, 'alice_key'), userKey.private, { mode: 0o600 });
    store = openClientStore(join(dir, 'client'), { log: () => {} });
    profile = store.saveProfile(undefined, { name: 'test', host: gateway.address.host, port: gateway.address.port, user: USER, auth: { kind: 'key', keyFile: join(dir, 'alice_key') } });
    store.trustHostKey(endpointOf(profile), presentedKeyFromLine(gateway.hostPublicKey));
    service = createClientService({ store, home: join(dir, 'home'), shell: 'browser', version: '0.0.0-test', log: () => {} });
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    store?.close();
    await gateway?.close();
    await fleet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to do gateway work before connecting', async () => {
    const r = new FakeRenderer(service.openSession());
    await expect(r.call('hosts.list')).rejects.toMatchObject({ code: 'not_connected' });
    await expect(r.call('terminal.open', { host: 'web-01', login, cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'not_connected' });
    await r.session.close();
  });

  it('connects, reports the state to every session, and lists the granted hosts', async () => {
    const r = new FakeRenderer(service.openSession());
    const state = (await r.call('gateway.connect')) as { status: string; gateway: { name: string; user: string } };
    expect(state).toMatchObject({ status: 'connected', gateway: { name: 'test', user: USER } });
    expect(r.gatewayStates.map((s) => s.status)).toEqual(['connecting', 'connected']);
    expect(await r.call('gateway.state')).toMatchObject({ status: 'connected' });
    expect(await r.call('app.info')).toEqual({ version: '0.0.0-test', shell: 'browser' });
    const hosts = decodeHostTable((await r.call('hosts.list')) as HostTable);
    expect(hosts.map((h) => h.name)).toEqual(['db-01', 'web-01']);
    expect(hosts.find((h) => h.name === 'web-01')!.logins).toEqual([login]);
    await r.session.close();
  });

  it('runs commands in a terminal, follows resizes, and closing it ends the target shell', async () => {
    await service.connect(); // each test stands alone (vitest -t)
    const r = new FakeRenderer(service.openSession());
    const id = await r.open('web-01', login);
    await r.call('terminal.input', { terminalId: id, data: 'echo $((6*7))\r' });
    await r.waitFor(id, /^42\r?$/m);

    await r.call('terminal.resize', { terminalId: id, cols: 133, rows: 41 });
    await r.call('terminal.input', { terminalId: id, data: 'stty size\r' });
    await r.waitFor(id, /^41 133\r?$/m);

    const pid = await r.shellPid(id);
    expect(processAlive(pid)).toBe(true);
    expect(await r.call('terminal.close', { terminalId: id })).toBeNull();
    await r.until(() => !processAlive(pid), `target shell ${pid} to end`, 10_000);
    await expect(r.call('terminal.input', { terminalId: id, data: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await r.session.close();
  });

  it('keeps multibyte characters whole across packet boundaries', async () => {
    await service.connect(); // each test stands alone (vitest -t)
    const r = new FakeRenderer(service.openSession());
    const id = await r.open('web-01', login);
    // 50 000 euro signs (3 bytes each) in one line: 32 KiB packets must split some of them.
    await r.call('terminal.input', { terminalId: id, data: "yes $'\\342\\202\\254' | head -n 50000 | tr -d '\\n'; echo; echo EN''D\r" });
    await r.waitFor(id, /^END\r?$/m);
    const text = r.text(id);
    expect(text).not.toContain('\uFFFD');
    expect(text.match(/€/g)?.length).toBe(50_000);
    await r.call('terminal.close', { terminalId: id });
    await r.session.close();
  });

  it('pauses the channel near the high watermark while acks are withheld, and loses nothing', async () => {
    await service.connect(); // each test stands alone (vitest -t)
    const r = new FakeRenderer(service.openSession());
    const id = await r.open('web-01', login);
    await r.waitFor(id, /[#$] $/); // the prompt
    r.autoAck = false;
    const before = r.received.get(id) ?? 0;
    await r.call('terminal.ack', { terminalId: id, bytes: before }); // start the flood from zero unacked
    const total = 20_000_000;
    // 'Z' is \132 in octal, so the echoed command line holds no 'Z'.
    await r.call('terminal.input', { terminalId: id, data: `head -c ${total} /dev/zero | tr '\\0' '\\132'; echo; echo EN''D\r` });

    // Wait until the count stops growing: the channel is paused.
    let last = -1;
    let stableSince = Date.now();
    await r.until(() => {
      const now = r.received.get(id)! - before;
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      }
      return now > DEFAULT_HIGH_WATERMARK && Date.now() - stableSince > 1000;
    }, 'unacked output to stop growing');
    const unacked = r.received.get(id)! - before;
    // Paused right after crossing: at most one more SSH packet, which a terminal's window keeps
    // within INTERACTIVE_WINDOW. This bounds xterm's own write queue in the renderer too.
    expect(unacked).toBeGreaterThan(DEFAULT_HIGH_WATERMARK);
    expect(unacked).toBeLessThanOrEqual(DEFAULT_HIGH_WATERMARK + INTERACTIVE_WINDOW);
    expect(r.text(id)).not.toMatch(/^END\r?$/m);

    // Acknowledge what was drawn; from now on ack as it comes. Everything arrives.
    r.autoAck = true;
    await r.call('terminal.ack', { terminalId: id, bytes: unacked });
    await r.waitFor(id, /^END\r?$/m, 60_000);
    expect(r.text(id).match(/Z/g)?.length).toBe(total);
    await r.call('terminal.close', { terminalId: id });
    await r.session.close();
  }, 90_000);

  it('hides one session\'s terminals from another and closes them with their session', async () => {
    await service.connect(); // each test stands alone (vitest -t)
    const owner = new FakeRenderer(service.openSession());
    const other = new FakeRenderer(service.openSession());
    const id = await owner.open('web-01', login);
    const pid = await owner.shellPid(id);
    await expect(other.call('terminal.input', { terminalId: id, data: 'exit\r' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(other.call('terminal.close', { terminalId: id })).rejects.toMatchObject({ code: 'not_found' });
    expect(other.output.size).toBe(0);
    await owner.session.close();
    await owner.until(() => !processAlive(pid), `shell ${pid} to end with its session`, 10_000);
    await other.session.close();
  });

  it("reports a terminal's end as facts, not a sentence: who ended it and the exit code", async () => {
    await service.connect(); // each test stands alone (vitest -t)
    const r = new FakeRenderer(service.openSession());
    const ended = await r.open('web-01', login);
    await r.call('terminal.input', { terminalId: ended, data: 'exit 0\r' });
    await r.until(() => r.statuses.some((s) => s.terminalId === ended && s.status === 'closed'), 'closed status');
    // Exactly these facts: the renderer words them once (renderer/src/terminal/status-line.ts).
    expect(r.statuses.filter((s) => s.terminalId === ended)).toEqual([
      { terminalId: ended, status: 'live' },
      { terminalId: ended, status: 'closed', reason: 'ended', exitCode: 0 },
    ]);
    await expect(r.call('terminal.resize', { terminalId: ended, cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'not_found' });
    const closed = await r.open('web-01', login);
    await r.call('terminal.close', { terminalId: closed });
    await r.until(() => r.statuses.some((s) => s.terminalId === closed && s.status === 'closed'), 'closed status');
    expect(r.statuses.find((s) => s.terminalId === closed && s.status === 'closed')).toMatchObject({ reason: 'closed' });
    await r.session.close();
  });

  it("reports the gateway's refusals as refused, with the reason, and keeps its words without the marker", async () => {
    await service.connect(); // each test stands alone (vitest -t)
    const r = new FakeRenderer(service.openSession());
    // web-02 exists but alice has no grant for it; db-01 is granted but has no credential.
    for (const [host, refusal, words] of [
      ['web-02', 'not_permitted', `${login}@web-02 denied`],
      ['db-01', 'no_credential', `no usable credential for ${login}@db-01`],
    ] as const) {
      // The gateway accepts the channel, explains on stderr and exits 1 (as it does for plain OpenSSH).
      const { terminalId } = (await r.call('terminal.open', { host, login, cols: 80, rows: 24 })) as { terminalId: string };
      await r.until(() => r.statuses.some((s) => s.terminalId === terminalId && s.status === 'closed'), 'refused terminal to close');
      expect(r.text(terminalId)).toContain(words);
      expect(r.text(terminalId)).not.toMatch(/portcullis-refusal/);
      expect(r.statuses.find((s) => s.terminalId === terminalId && s.status === 'closed')).toEqual({ terminalId, status: 'closed', reason: 'refused', refusal, exitCode: 1 });
    }
    await r.session.close();
  });

  it('refuses a gateway whose host key differs from the trusted one, and says why', async () => {
    const otherStore = openClientStore(join(dir, 'client-impostor'), { log: () => {} });
    const p = otherStore.saveProfile(undefined, { name: 'test', host: profile.host, port: profile.port, user: USER, auth: profile.auth });
    const expected = presentedKeyFromLine(generateEd25519KeyPair().public);
    otherStore.trustHostKey(endpointOf(p), expected);
    const impostor = createClientService({ store: otherStore, home: join(dir, 'home'), shell: 'browser', version: 't', log: () => {} });
    const r = new FakeRenderer(impostor.openSession());
    const error = (await r.call('gateway.connect', { profileId: p.id }).catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).toBe('not_connected');
    expect(error.message).toMatch(/host_key_changed/);
    const actual = presentedKeyFromLine(gateway.hostPublicKey).fingerprint;
    expect(await r.call('gateway.state')).toMatchObject({
      status: 'disconnected',
      profileId: p.id,
      error: { code: 'host_key_changed' },
      hostKey: { status: 'changed', fingerprint: actual, expectedFingerprint: expected.fingerprint, source: 'portcullis', keyType: 'ssh-ed25519' },
    });
    // No way around it by "trusting" the new key: only forgetting the old one on purpose.
    await expect(r.call('gateway.trustHostKey', { profileId: p.id, fingerprint: actual })).rejects.toMatchObject({ code: 'denied' });
    await expect(r.call('hosts.list')).rejects.toMatchObject({ code: 'not_connected' });
    await r.call('gateway.forgetHostKey', { profileId: p.id });
    expect(await r.call('gateway.connect', { profileId: p.id })).toMatchObject({ status: 'disconnected', hostKey: { status: 'unknown', fingerprint: actual } });
    await impostor.close();
    otherStore.close();
  });

  it('disconnecting ends the terminals as lost', async () => {
    await service.connect(); // each test stands alone (vitest -t)
    const r = new FakeRenderer(service.openSession());
    const id = await r.open('web-01', login);
    expect(await r.call('gateway.disconnect')).toMatchObject({ status: 'disconnected' });
    await r.until(() => r.statuses.some((s) => s.terminalId === id && (s.status === 'lost' || s.status === 'closed')), 'terminal to end');
    await expect(r.call('hosts.list')).rejects.toMatchObject({ code: 'not_connected' });
    expect(await r.call('gateway.connect')).toMatchObject({ status: 'connected' });
    await r.session.close();
  });
  it('says a connection that was up and then cut was cut, not that the gateway cannot be reached', async () => {
    // A loopback relay in front of the gateway, whose sockets the test resets (as a dropped network does).
    const sockets: Socket[] = [];
    const relay = createServer((inbound) => {
      const outbound = createConnection(gateway.address.port, gateway.address.host);
      sockets.push(inbound);
      inbound.on('error', () => {}).pipe(outbound.on('error', () => {})).pipe(inbound);
    });
    await new Promise<void>((ready) => relay.listen(0, '127.0.0.1', ready));
    const port = (relay.address() as { port: number }).port;
    const otherStore = openClientStore(join(dir, 'client-relay'), { log: () => {} });
    const p = otherStore.saveProfile(undefined, { name: 'relayed', host: '127.0.0.1', port, user: USER, auth: profile.auth });
    otherStore.trustHostKey(endpointOf(p), presentedKeyFromLine(gateway.hostPublicKey));
    const relayed = createClientService({ store: otherStore, home: join(dir, 'home'), shell: 'browser', version: 't', log: () => {} });
    try {
      const r = new FakeRenderer(relayed.openSession());
      expect(await r.call('gateway.connect', { profileId: p.id })).toMatchObject({ status: 'connected' });
      for (const socket of sockets) socket.resetAndDestroy();
      await r.until(() => r.gatewayStates.some((s) => s.status === 'lost'), 'gateway state lost');
      expect(r.gatewayStates.at(-1)).toMatchObject({ status: 'lost', error: { code: 'connection_cut' } });
    } finally {
      await relayed.close();
      otherStore.close();
      relay.close();
    }
  });

  // Last: it stops the gateway.
  it('reports a gateway that goes away as lost, with its terminals', async () => {
    await service.connect(); // each test stands alone (vitest -t)
    const r = new FakeRenderer(service.openSession());
    const id = await r.open('web-01', login);
    await gateway.close();
    await r.until(() => r.gatewayStates.some((s) => s.status === 'lost'), 'gateway state lost');
    expect(r.gatewayStates.at(-1)).toMatchObject({ status: 'lost', error: { code: expect.any(String) } });
    await r.until(() => r.statuses.some((s) => s.terminalId === id && (s.status === 'lost' || s.status === 'closed')), 'terminal to end');
    await expect(r.call('hosts.list')).rejects.toMatchObject({ code: 'not_connected' });
    await expect(r.call('gateway.connect')).rejects.toMatchObject({ code: 'not_connected' });
    expect(await r.call('gateway.state')).toMatchObject({ status: 'disconnected', error: { code: 'connection_refused' } });
    await r.session.close();
  });
});
