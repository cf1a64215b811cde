// Profiles against the REAL gateway and a REAL sshd: host-key trust (TOFU, ~/.ssh/known_hosts
// plain and hashed, a changed key), an encrypted key's passphrase, ssh-agent, reconnect after loss.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '../../../gateway/src/index';
import { startSshdHosts, type SshdHosts } from '../../../lab/sshd-hosts';
import type { ProfileInput } from '../../../shared/contract/profiles';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { createClientService, type ClientService } from '../client-service';
import { presentedKeyFromLine } from '../connection/host-trust';
import { openClientStore, type ClientStore } from '../store/client-store';
import { FakeRenderer } from '../testing';
import type { HostTable } from '../../../shared/contract/host-table';

const USER = 'alice';
const PASSPHRASE = 'correct horse';

describe('gateway profiles against a real gateway', () => {
  let dir: string;
  let fleet: SshdHosts;
  let gateway: Gateway;
  let gatewayFingerprint: string;
  let login: string;
  let plainKeyFile: string;
  let encryptedKeyFile: string;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-profiles-'));
    const plain = generateEd25519KeyPair();
    const encrypted = ssh2.utils.generateKeyPairSync('ed25519', { passphrase: PASSPHRASE, cipher: 'aes256-ctr', rounds: 4 });
    const targetKey = generateEd25519KeyPair();
    plainKeyFile = join(dir, 'id_plain');
    encryptedKeyFile = join(dir, 'id_encrypted');
    writeFileSync(plainKeyFile, plain.private, { mode: 0o600 });
    writeFileSync(encryptedKeyFile, encrypted.private, { mode: 0o600 });
    fleet = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [targetKey.public] });
    login = fleet.hosts[0]!.login;
    const admin = openGatewayAdmin(join(dir, 'gateway'));
    try {
      admin.addUser({ name: USER, roles: ['operator'], publicKeys: [plain.public, encrypted.public] });
      const host = fleet.hosts[0]!;
      admin.addHost({ name: host.name, address: host.address, nodes: [['lab']], tags: {} });
      admin.pinHostKey(host.name, host.hostPublicKey);
      admin.setCredential({ host: host.name, login, privateKey: targetKey.private });
      admin.addGrant({ user: USER, hosts: '*', login, until: Date.now() + 3600_000 });
    } finally {
      admin.close();
    }
    gateway = await startGateway({ dataDir: join(dir, 'gateway'), logger: silentLogger });
    gatewayFingerprint = presentedKeyFromLine(gateway.hostPublicKey).fingerprint;
  }, 60_000);

  afterAll(async () => {
    for (const fn of cleanups.reverse()) await fn();
    await gateway?.close();
    await fleet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh client: its own store and HOME (for ~/.ssh/known_hosts), one profile for the gateway. */
  function client(name: string, auth: ProfileInput['auth'] = { kind: 'key', keyFile: plainKeyFile }, extra: { knownHosts?: string; agentSocket?: string } = {}) {
    const home = join(dir, `home-${name}`);
    mkdirSync(join(home, '.ssh'), { recursive: true });
    if (extra.knownHosts !== undefined) writeFileSync(join(home, '.ssh', 'known_hosts'), extra.knownHosts);
    const store: ClientStore = openClientStore(join(dir, `client-${name}`), { log: () => {} });
    const service: ClientService = createClientService({ store, home, agentSocket: extra.agentSocket, shell: 'browser', version: 't', log: () => {} });
    cleanups.push(async () => {
      await service.close();
      store.close();
    });
    const profile = store.saveProfile(undefined, { name: 'gw', host: gateway.address.host, port: gateway.address.port, user: USER, auth });
    return { home, store, service, profile, r: new FakeRenderer(service.openSession()) };
  }

  it('asks about an unknown host key (TOFU), trusts only the key presented, then connects', async () => {
    const { r, profile, store } = client('tofu');
    const asked = await r.call('gateway.connect', { profileId: profile.id });
    expect(asked).toEqual({
      status: 'disconnected',
      profileId: profile.id,
      gateway: { name: 'gw', address: `${gateway.address.host}:${gateway.address.port}`, user: USER },
      error: { code: 'host_key_unknown' },
      hostKey: { status: 'unknown', keyType: 'ssh-ed25519', fingerprint: gatewayFingerprint },
    });
    expect(r.gatewayStates.at(-1)).toEqual(asked);
    const wrong = presentedKeyFromLine(generateEd25519KeyPair().public).fingerprint;
    await expect(r.call('gateway.trustHostKey', { profileId: profile.id, fingerprint: wrong })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/not the key/) });
    expect(store.getProfile(profile.id)?.trustedHostKey).toBeUndefined();
    expect(await r.call('gateway.trustHostKey', { profileId: profile.id, fingerprint: gatewayFingerprint })).toBeNull();
    expect(((await r.call('profiles.list')) as Array<{ trustedHostKey?: string }>)[0]!.trustedHostKey).toBe(gatewayFingerprint);
    expect(await r.call('gateway.connect', {})).toMatchObject({ status: 'connected', profileId: profile.id });
    expect(((await r.call('hosts.list')) as HostTable).hosts.name).toEqual(['web-01']);
  });

  it('honours ~/.ssh/known_hosts, plain and hashed', async () => {
    const line = `[${gateway.address.host}]:${gateway.address.port} ${gateway.hostPublicKey}\n`;
    const plain = client('known-plain', undefined, { knownHosts: line });
    expect(await plain.r.call('gateway.connect', { profileId: plain.profile.id })).toMatchObject({ status: 'connected' });

    const hashed = client('known-hashed', undefined, { knownHosts: line });
    execFileSync('ssh-keygen', ['-H', '-f', join(hashed.home, '.ssh', 'known_hosts')], { stdio: 'ignore' });
    expect(await hashed.r.call('gateway.connect', { profileId: hashed.profile.id })).toMatchObject({ status: 'connected' });
    // Trusted through known_hosts, not copied into our store.
    expect(hashed.store.getProfile(hashed.profile.id)?.trustedHostKey).toBeUndefined();
  });

  it('refuses a key that differs from known_hosts, showing both fingerprints and how to fix it', async () => {
    const other = generateEd25519KeyPair().public;
    const { r, profile } = client('known-changed', undefined, { knownHosts: `[${gateway.address.host}]:${gateway.address.port} ${other}\n` });
    const error = (await r.call('gateway.connect', { profileId: profile.id }).catch((e: unknown) => e)) as { code: string; message: string };
    expect(error).toMatchObject({ code: 'not_connected', message: expect.stringMatching(/host_key_changed/) });
    expect(await r.call('gateway.state')).toMatchObject({ error: { code: 'host_key_changed' }, hostKey: { status: 'changed', source: 'known_hosts' } });
    expect(await r.call('gateway.state')).toMatchObject({
      status: 'disconnected',
      hostKey: { status: 'changed', fingerprint: gatewayFingerprint, expectedFingerprint: presentedKeyFromLine(other).fingerprint, source: 'known_hosts' },
    });
    await expect(r.call('gateway.trustHostKey', { profileId: profile.id, fingerprint: gatewayFingerprint })).rejects.toMatchObject({ code: 'denied' });
  });

  it('asks for the passphrase of an encrypted key, says when it is wrong, connects with the right one', async () => {
    const { r, profile, store } = client('encrypted', { kind: 'key', keyFile: encryptedKeyFile });
    store.trustHostKey(`${profile.host}:${profile.port}`, presentedKeyFromLine(gateway.hostPublicKey));
    expect(await r.call('gateway.connect', { profileId: profile.id })).toMatchObject({ status: 'disconnected', needsPassphrase: true, error: { code: 'passphrase_needed', keyFile: expect.any(String) } });
    expect(await r.call('gateway.connect', { profileId: profile.id, passphrase: 'nope' })).toMatchObject({ needsPassphrase: true, error: { code: 'passphrase_wrong' } });
    expect(await r.call('gateway.connect', { profileId: profile.id, passphrase: PASSPHRASE })).toMatchObject({ status: 'connected' });
    // Not remembered: the browser shell has no keychain, and this profile did not opt in.
    expect(store.rememberedPassphrase(profile.id)).toBeNull();
  });

  it('logs in with a key held by ssh-agent, and says so when no agent is there', async () => {
    const socket = join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    cleanups.push(() => void agent.kill());
    for (let i = 0; i < 50 && !(await exists(socket)); i++) await new Promise((done) => setTimeout(done, 50));
    execFileSync('ssh-add', [plainKeyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
    const { r, profile, store } = client('agent', { kind: 'agent' }, { agentSocket: socket });
    store.trustHostKey(`${profile.host}:${profile.port}`, presentedKeyFromLine(gateway.hostPublicKey));
    expect(await r.call('gateway.connect', { profileId: profile.id })).toMatchObject({ status: 'connected' });

    const saved = process.env.SSH_AUTH_SOCK;
    delete process.env.SSH_AUTH_SOCK;
    try {
      const none = client('no-agent', { kind: 'agent' });
      await expect(none.r.call('gateway.connect', { profileId: none.profile.id })).rejects.toMatchObject({ code: 'not_connected' });
      expect(await none.r.call('gateway.state')).toMatchObject({ error: { code: 'agent_missing' } });
    } finally {
      if (saved !== undefined) process.env.SSH_AUTH_SOCK = saved;
    }
  });

  // Last: it stops and restarts the gateway.
  it('keeps the connection when the last terminal closes; after a loss, connect re-opens it and terminals run again', async () => {
    const { r, profile, store } = client('reconnect');
    store.trustHostKey(`${profile.host}:${profile.port}`, presentedKeyFromLine(gateway.hostPublicKey));
    await r.call('gateway.connect', { profileId: profile.id });
    const first = await r.open('web-01', login);
    await r.call('terminal.close', { terminalId: first });
    expect(await r.call('gateway.state')).toMatchObject({ status: 'connected' });

    const id = await r.open('web-01', login);
    await r.call('terminal.input', { terminalId: id, data: "echo be''fore\r" });
    await r.waitFor(id, /^before\r?$/m);
    const { port, host } = gateway.address;
    await gateway.close();
    await r.until(() => r.gatewayStates.some((s) => s.status === 'lost'), 'gateway state lost');
    expect(r.gatewayStates.at(-1)).toMatchObject({ status: 'lost', profileId: profile.id, error: { code: expect.any(String) } });
    await r.until(() => r.statuses.some((s) => s.terminalId === id && (s.status === 'lost' || s.status === 'closed')), 'terminal to end');
    await expect(r.call('gateway.connect', {})).rejects.toMatchObject({ code: 'not_connected' });

    gateway = await startGateway({ dataDir: join(dir, 'gateway'), listen: { host, port }, logger: silentLogger });
    expect(await r.call('gateway.connect', {})).toMatchObject({ status: 'connected' });
    const again = await r.open('web-01', login);
    await r.call('terminal.input', { terminalId: again, data: "echo af''ter\r" });
    await r.waitFor(again, /^after\r?$/m);
  }, 30_000);
});

async function exists(path: string): Promise<boolean> {
  const { access } = await import('node:fs/promises');
  return access(path).then(
    () => true,
    () => false,
  );
}
