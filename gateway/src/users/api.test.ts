// The admin API for users, groups, hosts and credentials against a real gateway and a real sshd
// target: an admin builds a user and a host over the API alone, and the user logs in and reaches
// the host with the real OpenSSH client; every change is audited with the admin's name; disabling
// ends a live session; a credential never comes back in an answer, a log line or an audit row.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../../lab/sshd-hosts';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { openGatewayAdmin, startGateway, type Gateway } from '..';
import { openStore } from '../store';
import { openApiClient, spawnOpenSsh, writeKnownHosts } from '../testing';

const rootKey = generateEd25519KeyPair();
const danaKey = generateEd25519KeyPair();
const credential = generateEd25519KeyPair();
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}-never-shown`;
const logLines: string[] = [];
let dir: string;
let dataDir: string;
let lab: SshdHosts;
let gw: Gateway;
let knownHosts: string;
let danaKeyFile: string;
let api: Awaited<ReturnType<typeof openApiClient>>;
/** Every answer the admin got, as sent: searched for secrets at the end. */
const answers: string[] = [];

async function call<T = Record<string, unknown>>(method: string, params: unknown): Promise<T> {
  try {
    const result = await api.call<T>(method, params);
    answers.push(JSON.stringify(result));
    return result;
  } catch (error) {
    answers.push((error as Error).message);
    throw error;
  }
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code: string }) => e.code);

const auditBy = (actor: string) => {
  const store = openStore(dataDir);
  try {
    return store.audit.list({ limit: 10_000 }).filter((e) => e.actor === actor).map((e): Record<string, unknown> & { type: string } => ({ type: e.type, ...e.data }));
  } finally {
    store.close();
  }
};

const sshAsDana = (command: string[]) =>
  spawnOpenSsh({ port: gw.address.port, keyFile: danaKeyFile, knownHosts, user: `dana:${lab.hosts[0]!.login}@app-01`, command });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-users-api-'));
  dataDir = join(dir, 'data');
  danaKeyFile = join(dir, 'dana_key');
  writeFileSync(danaKeyFile, danaKey.private, { mode: 0o600 });
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['app-01'], authorizedKeys: [credential.public] });
  const admin = openGatewayAdmin(dataDir);
  admin.addUser({ name: 'root', roles: ['admin'], publicKeys: [rootKey.public] });
  admin.close();
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
  gw = await startGateway({ dataDir, logger: pino({ level: 'debug' }, sink), loginPolicy: { sourceDelayBaseMs: 0 } });
  knownHosts = writeKnownHosts(dir, gw);
  api = await openApiClient({ port: gw.address.port, username: 'root', privateKey: rootKey.private, hostPublicKey: gw.hostPublicKey });
}, 30_000);

afterAll(async () => {
  api?.close();
  await gw?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('users, groups and inventory over the API (admin)', () => {
  it('a user and a host made over the API alone: the user logs in with the real ssh client and reaches the host', async () => {
    const login = lab.hosts[0]!.login;
    expect(await call('users.create', { name: 'dana' })).toMatchObject({ name: 'dana', roles: ['operator'], keys: 0, disabled: false, groups: [] });
    expect(await codeOf(call('users.create', { name: 'dana' }))).toBe('bad_request');
    const { fingerprint } = await call<{ fingerprint: string }>('users.keys.add', { name: 'dana', publicKey: danaKey.public });
    expect(fingerprint).toMatch(/^SHA256:/);
    // One key, one user; and a line that is no key is refused with a reason.
    expect(await codeOf(call('users.keys.add', { name: 'root', publicKey: danaKey.public }))).toBe('bad_request');
    expect(await codeOf(call('users.keys.add', { name: 'dana', publicKey: 'ssh-ed25519 not-a-key' }))).toBe('bad_request');
    expect(await call('users.keys.list', { name: 'dana' })).toEqual([{ fingerprint, publicKey: expect.stringMatching(/^ssh-ed25519 /) }]);
    expect(await call('users.roles.set', { name: 'dana', roles: ['operator', 'security'] })).toMatchObject({ roles: ['operator', 'security'] });
    await call('groups.create', { name: 'ops' });
    expect(await call('groups.members.add', { group: 'ops', user: 'dana' })).toEqual({ name: 'ops', members: ['dana'] });
    expect(await call('groups.list', {})).toEqual([{ name: 'ops', members: ['dana'] }]);

    const host = await call('inventory.hosts.create', { name: 'app-01', address: lab.hosts[0]!.address, nodes: ['team/app'], tags: { env: 'lab' }, logins: [login] });
    expect(host).toEqual({ name: 'app-01', address: lab.hosts[0]!.address, nodes: [['team', 'app']], tags: { env: 'lab' }, logins: [login], credentials: [] });
    const set = await call('inventory.credentials.set', { host: 'app-01', login, privateKey: credential.private });
    expect(set).toEqual({ host: 'app-01', login, kind: 'key', setAt: expect.any(Number) });
    await call('access.grants.create', { group: 'ops', hosts: 'app-01', login, until: Date.now() + 3_600_000 });

    const run = sshAsDana(['echo', 'reached-$((6*7))']);
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('reached-42');

    expect(auditBy('root').filter((e) => e.type !== 'grant.added' && !e.type.startsWith('login') && !e.type.startsWith('api'))).toEqual([
      expect.objectContaining({ type: 'user.added', user: 'dana', roles: ['operator'] }),
      expect.objectContaining({ type: 'user.changed', user: 'dana', change: 'key added', keys: [fingerprint] }),
      expect.objectContaining({ type: 'user.changed', user: 'dana', change: 'roles set', roles: ['operator', 'security'], was: ['operator'] }),
      expect.objectContaining({ type: 'group.added', group: 'ops' }),
      expect.objectContaining({ type: 'group.changed', group: 'ops', added: 'dana' }),
      expect.objectContaining({ type: 'host.added', host: 'app-01', logins: [login] }),
      expect.objectContaining({ type: 'credential.set', host: 'app-01', login, kind: 'key' }),
    ]);
  }, 30_000);

  it('edits and removes hosts through the inventory module, audited as the admin', async () => {
    const edited = await call<{ host: { address: string; tags: Record<string, string> }; fields: string[] }>('inventory.hosts.edit', { name: 'app-01', tags: { tier: 'web' } });
    expect(edited.fields).toEqual(['tags']);
    expect(edited.host.tags).toEqual({ env: 'lab', tier: 'web' });
    expect(await codeOf(call('inventory.hosts.edit', { name: 'app-01', port: '99999' }))).toBe('bad_request');
    await call('inventory.hosts.create', { name: 'old-01', address: '10.0.0.9:22' });
    expect(await call('inventory.hosts.remove', { name: 'old-01' })).toEqual({ liveSessions: 0 });
    expect(await codeOf(call('inventory.hosts.remove', { name: 'old-01' }))).toBe('not_found');
    expect((await call<Array<{ name: string }>>('inventory.hosts.list', {})).map((h) => h.name)).toEqual(['app-01']);
    const rows = auditBy('root');
    expect(rows).toContainEqual(expect.objectContaining({ type: 'host.changed', host: 'app-01', fields: ['tags'] }));
    expect(rows).toContainEqual(expect.objectContaining({ type: 'host.removed', host: 'old-01', liveSessions: 0 }));
  });

  it('disabling a user ends their live session at once; enabling lets them back', async () => {
    const live = sshAsDana(['echo started; sleep 30']);
    await live.waitFor(/started/);
    expect(await call('users.disable', { name: 'dana' })).toMatchObject({ disabled: true });
    const ended = Date.now();
    expect(await live.exited).not.toBe(0);
    expect(Date.now() - ended).toBeLessThan(8_000); // the liveness check is woken at once; a loaded machine gets slack
    const refused = sshAsDana(['true']);
    expect(await refused.exited).toBe(255);
    await call('users.enable', { name: 'dana' });
    expect(await sshAsDana(['true']).exited).toBe(0);
    expect(auditBy('root').filter((e) => e.type === 'user.changed').map((e) => e.change)).toEqual(expect.arrayContaining(['disabled', 'enabled']));
  }, 30_000);

  it('a credential is write-only: no answer, log line or audit row holds it', async () => {
    const login = lab.hosts[0]!.login;
    const set = await call('inventory.credentials.set', { host: 'app-01', login: 'backup', password: PASSWORD });
    expect(Object.keys(set).sort()).toEqual(['host', 'kind', 'login', 'setAt']);
    // A refused key quoting the secret does not echo it back either.
    expect(await codeOf(call('inventory.credentials.set', { host: 'app-01', login: 'backup', privateKey: `not a key ${PASSWORD}` }))).toBe('bad_request');
    expect(await codeOf(call('inventory.credentials.set', { host: 'app-01', login: 'backup', password: PASSWORD, privateKey: credential.private }))).toBe('bad_request');
    const listed = await call<Array<{ credentials: unknown[] }>>('inventory.hosts.list', {});
    expect(listed[0]!.credentials).toEqual([
      { login: 'backup', kind: 'password', setAt: expect.any(Number) },
      { login, kind: 'key', setAt: expect.any(Number) },
    ]);
    const everything = [...answers, ...logLines, JSON.stringify(auditBy('root'))].join('\n');
    expect(everything).toContain('credential.set');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(credential.private.split('\n')[1]);
  });
});
