// Access requests and grants over the API, end to end: a real gateway, a real OpenSSH sshd target,
// the real OpenSSH client (`ssh … request`, the session after approval) and the API over ssh2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../../lab/sshd-hosts';
import type { AccessMine, AccessRequest, AccessRequestsEvent, GrantEntry } from '../../../shared/contract/gateway-api/access';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { silentLogger, startGateway, type Gateway } from '..';
import { createAccess } from '../access';
import { openStore } from '../store';
import { auditEntries, collect, connectClient, openApiClient, runCliCaptured, spawnOpenSsh, waitFor, withAdmin, writeKnownHosts } from '../testing';
import { createRequestService } from './service';

const USERS = { alice: ['operator'], bob: ['operator'], ada: ['admin'], eve: ['admin'], sam: ['security'], norole: [] } as const;
type User = keyof typeof USERS;
const keys = Object.fromEntries(Object.keys(USERS).map((u) => [u, generateEd25519KeyPair()])) as Record<User, ReturnType<typeof generateEd25519KeyPair>>;
const credential = generateEd25519KeyPair();
const HOUR = 3_600_000;

let dir: string;
let dataDir: string;
let lab: SshdHosts;
let gw: Gateway;
let login: string;
let knownHosts: string;
let aliceKeyFile: string;

const api = (user: User) => openApiClient({ port: gw.address.port, username: user, privateKey: keys[user].private, hostPublicKey: gw.hostPublicKey });
type Api = Awaited<ReturnType<typeof api>>;
const sshAs = (user: string, command?: string[]) => spawnOpenSsh({ port: gw.address.port, keyFile: aliceKeyFile, knownHosts, user, command });
const failure = (p: Promise<unknown>) => p.then(
  () => ({ code: 'none', message: '' }),
  (e: Error & { code: string }) => ({ code: e.code, message: e.message }),
);
/** What a refusal says for the client to word: its code, reason and params. */
const reasonOf = (p: Promise<unknown>) => p.then(
  () => ({ code: 'none' }),
  (e: Error & { code: string; reason?: string; params?: unknown }) => ({ code: e.code, reason: e.reason, params: e.params }),
);
/** The data of the topic events one subscription got so far. */
const eventsOf = <T>(client: Api, subscription: number) => client.events.filter((e) => e.payload?.subscription === subscription).map((e) => e.payload!.data as T);
const subscribe = async (client: Api, topic: string) => (await client.call<{ subscription: number }>('events.subscribe', { topic, params: {} })).subscription;
const ask = (client: Api, hosts: string, reason = 'deploy the fix for INC-42', durationMs = HOUR) => client.call<AccessRequest>('access.requests.create', { hosts, login, durationMs, reason });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-requests-'));
  dataDir = join(dir, 'data');
  aliceKeyFile = join(dir, 'alice_key');
  writeFileSync(aliceKeyFile, keys.alice.private, { mode: 0o600 });
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [credential.public] });
  login = lab.hosts[0]!.login;
  withAdmin(dataDir, (a) => {
    for (const [name, roles] of Object.entries(USERS)) a.addUser({ name, roles: [...roles], publicKeys: [keys[name as User].public] });
    for (const name of ['web-01', 'web-02', 'db-01']) {
      a.addHost({ name, address: lab.hosts[0]!.address, nodes: [[name.startsWith('web') ? 'pay' : 'data', 'svc']], tags: { env: 'prod' } });
      a.setCredential({ host: name, login, privateKey: credential.private });
      a.pinHostKey(name, lab.hosts[0]!.hostPublicKey);
    }
  });
  gw = await startGateway({ dataDir, logger: silentLogger });
  knownHosts = writeKnownHosts(dir, gw);
});

afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('access requests', () => {
  it('ssh … request → admin approves (shortened) → the requester connects within 2 s with OpenSSH → the grant ends → the session is cut', async () => {
    const alice = await api('alice');
    const ada = await api('ada');
    try {
      const aliceSub = await subscribe(alice, 'access.requests');
      const adaSub = await subscribe(ada, 'access.requests');
      const asked = sshAs('alice', ['request', '--hosts', 'web-01', '--login', login, '--for', '1h', '--reason', 'deploy', 'the', 'fix', 'for', 'INC-42']);
      expect(await asked.exited).toBe(0);
      const id = Number(/^request (\d+) pending: alice /.exec(asked.stdout())?.[1]);
      expect(id).toBeGreaterThan(0);

      // The admins' badge counts it; the requester sees it as theirs.
      expect(await waitFor(() => eventsOf<AccessRequestsEvent>(ada, adaSub).some((e) => e.change === 'request' && e.request.id === id), 3000)).toBe(true);
      expect(eventsOf<AccessRequestsEvent>(ada, adaSub).at(-1)).toMatchObject({ change: 'request', pending: 1, request: { id, state: 'pending', reason: 'deploy the fix for INC-42', requester: 'alice' } });
      const mineBefore = await alice.call<AccessMine>('access.mine', {});
      expect(mineBefore.hosts).toEqual([]);
      expect(mineBefore.requests.map((r) => r.id)).toEqual([id]);

      const approved = await ada.call<AccessRequest>('access.requests.approve', { id, durationMs: 6000 });
      const approvedAt = Date.now();
      expect(approved).toMatchObject({ state: 'approved', decidedBy: 'ada', grant: { hosts: 'web-01' } });
      expect(approved.grant!.until - approved.decidedAt!).toBe(6000);

      const session = sshAs(`alice:${login}@web-01`, ['echo connected; sleep 30']);
      await session.waitFor(/connected/, 5000);
      expect(Date.now() - approvedAt).toBeLessThan(2000);
      expect(await waitFor(() => eventsOf<AccessRequestsEvent>(alice, aliceSub).some((e) => e.change === 'request' && e.request.state === 'approved'), 2000)).toBe(true);
      const mine = await alice.call<AccessMine>('access.mine', {});
      expect(mine.hosts).toEqual([{ host: 'web-01', logins: [login], until: approved.grant!.until }]);
      expect(mine.requests).toEqual([]);

      // The window ends: the liveness loop cuts the session, saying why.
      const code = await session.exited;
      expect(Date.now()).toBeGreaterThanOrEqual(approved.grant!.until);
      expect(Date.now() - approved.grant!.until).toBeLessThan(5000);
      expect(code).not.toBe(0);
      expect(session.stderr() + session.stdout()).toContain('grant expired');

      const types = ['request.created', 'request.approved', 'grant.added'].map((t) => auditEntries(dataDir, t).filter((e) => e.data.request === id || e.data.grant === approved.grant!.id));
      expect(types.map((rows) => rows.length)).toEqual([1, 1, 1]);
      expect(types[1]![0]).toMatchObject({ actor: 'ada', data: { user: 'alice', grant: approved.grant!.id } });
    } finally {
      alice.close();
      ada.close();
    }
  });

  it('a denial with its reason reaches the requester at once; `request list` shows it afterwards', async () => {
    const bob = await api('bob');
    const ada = await api('ada');
    try {
      const sub = await subscribe(bob, 'access.requests');
      const asked = await ask(bob, 'node:pay');
      expect(asked).toMatchObject({ hosts: 'node:pay', state: 'pending', requester: 'bob' });
      await ada.call('access.requests.deny', { id: asked.id, reason: 'not during the freeze' });
      expect(await waitFor(() => eventsOf<AccessRequestsEvent>(bob, sub).some((e) => e.change === 'request' && e.request.state === 'denied'), 2000)).toBe(true);
      const event = eventsOf<AccessRequestsEvent>(bob, sub).find((e) => e.change === 'request' && e.request.state === 'denied');
      expect(event).toMatchObject({ request: { id: asked.id, decidedBy: 'ada', decisionReason: 'not during the freeze', grant: null } });
      // Decided requests stay as history; a decided one cannot be decided again.
      expect(await failure(ada.call('access.requests.approve', { id: asked.id }))).toEqual({ code: 'bad_request', message: `access request ${asked.id} is already denied (by ada)` });
      expect(await reasonOf(ada.call('access.requests.approve', { id: asked.id }))).toEqual({ code: 'bad_request', reason: 'request.already_decided_by', params: { id: asked.id, state: 'denied', by: 'ada' } });
      const listed = await bob.call<AccessRequest[]>('access.requests.list', { state: 'denied' });
      expect(listed.map((r) => r.id)).toContain(asked.id);
      expect(auditEntries(dataDir, 'request.denied').at(-1)).toMatchObject({ actor: 'ada', data: { request: asked.id, reason: 'not during the freeze' } });
    } finally {
      bob.close();
      ada.close();
    }
  });

  it('an admin may not decide their own request; another admin may, narrowing the hosts but never widening them', async () => {
    const ada = await api('ada');
    const eve = await api('eve');
    try {
      const own = await ask(ada, 'node:pay');
      expect(await failure(ada.call('access.requests.approve', { id: own.id }))).toMatchObject({ code: 'denied', message: expect.stringContaining('your own access request') });
      expect(await failure(eve.call('access.requests.approve', { id: own.id, hosts: 'web-01,db-01' }))).toMatchObject({ code: 'bad_request', message: expect.stringContaining('not widen them: "web-01,db-01" also covers db-01') });
      expect(await failure(eve.call('access.requests.approve', { id: own.id, durationMs: 2 * HOUR }))).toMatchObject({ code: 'bad_request', message: expect.stringContaining('shorten the window, not lengthen it') });
      const approved = await eve.call<AccessRequest>('access.requests.approve', { id: own.id, hosts: 'web-02' });
      expect(approved.grant).toMatchObject({ hosts: 'web-02' });
      const grants = await eve.call<GrantEntry[]>('access.grants.list', { user: 'ada' });
      expect(grants).toEqual([expect.objectContaining({ id: approved.grant!.id, hosts: 'web-02', login, state: 'active', hostCount: 1 })]);
    } finally {
      ada.close();
      eve.close();
    }
  });

  it('a pending request expires on its own expiry, the requester is told, and it stays in the history', async () => {
    const bob = await api('bob');
    try {
      const sub = await subscribe(bob, 'access.requests');
      // Made as another process would (the CLI), with a short expiry of its own.
      const store = openStore(dataDir);
      let id: number;
      try {
        id = createRequestService({ store, access: createAccess(store), settings: { expiryMs: 1500 } }).create('bob', { hosts: 'web-02', login, durationMs: HOUR, reason: 'short-lived' }).id;
      } finally {
        store.close();
      }
      expect(await waitFor(() => eventsOf<AccessRequestsEvent>(bob, sub).some((e) => e.change === 'request' && e.request.id === id && e.request.state === 'pending'), 3000)).toBe(true);
      expect(await waitFor(() => eventsOf<AccessRequestsEvent>(bob, sub).some((e) => e.change === 'request' && e.request.id === id && e.request.state === 'expired'), 4000)).toBe(true);
      const [found] = await bob.call<AccessRequest[]>('access.requests.list', { state: 'expired' });
      expect(found).toMatchObject({ id, state: 'expired', decidedBy: 'gateway' });
      expect(auditEntries(dataDir, 'request.expired').map((e) => e.data.request)).toContain(id);
    } finally {
      bob.close();
    }
  });

  it('bad input is refused with a clear error and nothing is stored', async () => {
    const alice = await api('alice');
    try {
      const before = (await alice.call<AccessRequest[]>('access.requests.list', {})).length;
      const tries = await Promise.all([
        failure(ask(alice, 'web-01,nope-01')),
        failure(ask(alice, 'env=staging')),
        failure(ask(alice, 'web-01', 'why', 0)),
        failure(ask(alice, 'web-01', 'why', 10_000)),
        failure(ask(alice, 'web-01', 'why', 365 * 24 * HOUR)),
        failure(ask(alice, 'web-01', 'x'.repeat(501))),
        failure(ask(alice, 'web-01', '   ')),
        failure(alice.call('access.requests.cancel', { id: 424242 })),
      ]);
      expect(tries).toEqual([
        { code: 'bad_request', message: 'no host named "nope-01"' },
        { code: 'bad_request', message: 'the selector "env=staging" covers no host' },
        { code: 'bad_request', message: expect.stringContaining('durationMs') },
        { code: 'bad_request', message: 'the duration must be at least 1 minute' },
        { code: 'bad_request', message: 'the duration must be at most 168 h' },
        { code: 'bad_request', message: expect.stringContaining('at most 500 characters') },
        { code: 'bad_request', message: expect.stringContaining('a reason is required') },
        { code: 'not_found', message: 'no access request 424242 of yours' },
      ]);
      expect((await alice.call<AccessRequest[]>('access.requests.list', {})).length).toBe(before);
      const bad = sshAs('alice', ['request', '--hosts', 'web-01', '--login', login, '--for', '0m', '--reason', 'x']);
      expect(await bad.exited).toBe(2);
      expect(bad.stderr()).toContain('portcullis: request: invalid duration "0m": must be longer than zero');
    } finally {
      alice.close();
    }
  });

  it("an operator cannot decide, see others' requests or touch grants; cancels only their own", async () => {
    const alice = await api('alice');
    const bob = await api('bob');
    try {
      const bobs = await ask(bob, 'web-02');
      expect(await failure(alice.call('access.requests.approve', { id: bobs.id }))).toMatchObject({ code: 'denied' });
      expect(await failure(alice.call('access.requests.list', { requester: 'bob' }))).toMatchObject({ code: 'denied' });
      expect((await alice.call<AccessRequest[]>('access.requests.list', {})).every((r) => r.requester === 'alice')).toBe(true);
      expect(await failure(alice.call('access.requests.cancel', { id: bobs.id }))).toMatchObject({ code: 'not_found' });
      for (const method of ['access.grants.list', 'access.selector.preview']) expect((await failure(alice.call(method, { selector: '*' }))).code).toBe('denied');
      expect(await bob.call<AccessRequest>('access.requests.cancel', { id: bobs.id })).toMatchObject({ state: 'cancelled', decidedBy: 'bob' });
      // A user with the security role sees every request, but a user's topic shows only their own.
      const sam = await api('sam');
      expect((await sam.call<AccessRequest[]>('access.requests.list', { requester: 'bob' })).map((r) => r.id)).toContain(bobs.id);
      sam.close();
    } finally {
      alice.close();
      bob.close();
    }
  });
});

describe('the access.requests topic by role', () => {
  it('an operator sees only their own requests; security sees everyone\'s; a user with no role is refused, audited', async () => {
    const alice = await api('alice');
    const bob = await api('bob');
    const sam = await api('sam');
    const norole = await api('norole');
    try {
      const aliceSub = await subscribe(alice, 'access.requests');
      const samSub = await subscribe(sam, 'access.requests');
      const bobs = await ask(bob, 'web-02', 'topic by role: bob');
      const alices = await ask(alice, 'web-02', 'topic by role: alice');
      const requestsIn = (client: Api, sub: number) => eventsOf<AccessRequestsEvent>(client, sub).flatMap((e) => (e.change === 'request' ? [e.request.id] : e.requests.map((r) => r.id)));
      expect(await waitFor(() => requestsIn(sam, samSub).includes(alices.id) && requestsIn(alice, aliceSub).includes(alices.id), 5_000)).toBe(true);
      expect(requestsIn(sam, samSub)).toContain(bobs.id);
      expect(requestsIn(alice, aliceSub)).not.toContain(bobs.id);
      expect(eventsOf<AccessRequestsEvent>(alice, aliceSub).every((e) => (e.change === 'request' ? e.request.requester === 'alice' : e.requests.every((r) => r.requester === 'alice')))).toBe(true);

      expect(await failure(subscribe(norole, 'access.requests'))).toMatchObject({ code: 'denied', message: expect.stringContaining('only the operator, security and admin roles') });
      expect(await waitFor(() => auditEntries(dataDir, 'api.denied').some((e) => e.actor === 'norole' && e.data.topic === 'access.requests'), 5_000)).toBe(true);
      for (const r of [alices]) await alice.call('access.requests.cancel', { id: r.id });
      await bob.call('access.requests.cancel', { id: bobs.id });
    } finally {
      for (const c of [alice, bob, sam, norole]) c.close();
    }
  });
});

describe('refusals over the API', () => {
  it('carry a reason and its facts beside the sentence: a bad selector with its token and place, a method the role may not call', async () => {
    const bob = await api('bob');
    try {
      const bad = bob.call('access.requests.create', { hosts: 'env=prod,=x', login, durationMs: HOUR, reason: 'r' });
      expect(await reasonOf(bad)).toEqual({ code: 'bad_request', reason: 'selector.invalid', params: { token: '=x', position: 10 } });
      expect(await reasonOf(bob.call('access.requests.approve', { id: 1 }))).toEqual({ code: 'denied', reason: 'api.role_needed', params: { method: 'access.requests.approve', roles: 'admin' } });
      expect(await reasonOf(bob.call('access.requests.cancel', { id: 99_999 }))).toEqual({ code: 'not_found', reason: 'request.not_found', params: { id: 99_999 } });
    } finally {
      bob.close();
    }
  });
});

describe('grants over the API', () => {
  const shell = async (target: string) => {
    const conn = await connectClient({ port: gw.address.port, username: `alice:${login}@${target}`, privateKey: keys.alice.private, hostPublicKey: gw.hostPublicKey });
    const channel = await new Promise<ClientChannel>((ok, fail) => conn.exec('echo live; sleep 30', (err, ch) => (err ? fail(err) : ok(ch))));
    return { conn, channel };
  };

  it('create, list with filters, preview, extend, and revoke ending a live session at once', async () => {
    const ada = await api('ada');
    const alice = await api('alice');
    try {
      const preview = await ada.call<{ selector: string; count: number; hosts: string[]; unknown: string[] }>('access.selector.preview', { selector: ' node:pay/ ' });
      expect(preview).toEqual({ selector: 'node:pay', count: 2, hosts: ['web-01', 'web-02'], unknown: [] });
      expect(await ada.call('access.selector.preview', { selector: 'db-01,ghost' })).toEqual({ selector: 'db-01,ghost', count: 1, hosts: ['db-01'], unknown: ['ghost'] });
      expect((await failure(ada.call('access.selector.preview', { selector: 'env=a,env=b' }))).code).toBe('bad_request');

      const mineSub = await subscribe(alice, 'access.mine');
      const until = Date.now() + 2 * HOUR;
      const grant = await ada.call<GrantEntry>('access.grants.create', { user: 'alice', hosts: 'db-01', login, until });
      expect(grant).toMatchObject({ subject: { kind: 'user', name: 'alice' }, hosts: 'db-01', state: 'active', hostCount: 1, until });
      expect(await waitFor(() => eventsOf<AccessMine>(alice, mineSub).some((m) => m.hosts.some((h) => h.host === 'db-01')), 2000)).toBe(true);

      const soon = await ada.call<GrantEntry[]>('access.grants.list', { expiringWithinHours: 3, host: 'db-01' });
      expect(soon.map((g) => g.id)).toEqual([grant.id]);
      expect(await ada.call<GrantEntry[]>('access.grants.list', { expiringWithinHours: 1, host: 'db-01' })).toEqual([]);
      expect((await failure(ada.call('access.grants.list', { host: 'ghost' }))).code).toBe('not_found');

      const extended = await ada.call<{ grant: GrantEntry; revoked: boolean }>('access.grants.edit', { id: grant.id, until: until + HOUR });
      expect(extended).toMatchObject({ revoked: false, grant: { id: grant.id, until: until + HOUR } });
      expect(auditEntries(dataDir, 'grant.changed').at(-1)).toMatchObject({ actor: 'ada', data: { grant: grant.id } });

      const { conn, channel } = await shell('db-01');
      const done = collect(channel);
      let seen = '';
      channel.on('data', (d: Buffer) => (seen += d.toString()));
      expect(await waitFor(() => seen.includes('live'), 5000)).toBe(true);
      const revokedAt = Date.now();
      await ada.call('access.grants.revoke', { id: grant.id });
      const result = await done;
      expect(Date.now() - revokedAt).toBeLessThan(2000);
      expect(result.stderr + result.stdout).toContain('grant revoked');
      conn.end();
      expect(await waitFor(() => eventsOf<AccessMine>(alice, mineSub).at(-1)!.hosts.every((h) => h.host !== 'db-01'), 2000)).toBe(true);
      expect((await failure(ada.call('access.grants.revoke', { id: grant.id }))).code).toBe('not_found');
    } finally {
      ada.close();
      alice.close();
    }
  });

  it('an edit that ends a grant now revokes it; a window longer than grants.maxDays is refused', async () => {
    const ada = await api('ada');
    try {
      const grant = await ada.call<GrantEntry>('access.grants.create', { user: 'bob', hosts: 'web-02', login, until: Date.now() + HOUR });
      expect(await ada.call('access.grants.edit', { id: grant.id, until: Date.now() })).toMatchObject({ revoked: true, grant: { id: grant.id } });
      expect((await ada.call<GrantEntry[]>('access.grants.list', { user: 'bob', includeEnded: true })).map((g) => g.id)).not.toContain(grant.id);
      expect(await failure(ada.call('access.grants.create', { user: 'bob', hosts: 'web-02', login, until: Date.now() - 1000 }))).toMatchObject({ code: 'bad_request', message: expect.stringContaining('already past') });
      expect((await failure(ada.call('access.grants.create', { user: 'nobody', hosts: 'web-02', login, until: Date.now() + HOUR }))).code).toBe('not_found');
    } finally {
      ada.close();
    }
  });
});

describe('the request CLI on the gateway host', () => {
  it('request approve --until grants up to that time, not the asked duration', async () => {
    const alice = await api('alice');
    try {
      const asked = await ask(alice, 'web-02', 'cli until', 8 * HOUR);
      const until = Date.now() + 20 * 60_000;
      const approved = await runCliCaptured(['request', 'approve', String(asked.id), '--until', new Date(until).toISOString()], { env: { PORTCULLIS_DATA: dataDir } });
      expect(approved).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^request ${asked.id} approved: alice`)) });
      const [row] = (await alice.call<AccessRequest[]>('access.requests.list', {})).filter((r) => r.id === asked.id);
      expect(row).toMatchObject({ state: 'approved' });
      expect(Math.abs(row!.grant!.until - until)).toBeLessThan(1000);
      const bad = await runCliCaptured(['request', 'approve', String(asked.id), '--until', 'tomorrow-ish'], { env: { PORTCULLIS_DATA: dataDir } });
      expect(bad.code).toBe(1);
    } finally {
      alice.close();
    }
  });

  it('request list --json, approve --for, deny --reason', async () => {
    const alice = await api('alice');
    try {
      const first = await ask(alice, 'web-02', 'cli approve');
      const second = await ask(alice, 'web-02', 'cli deny');
      const env = { PORTCULLIS_DATA: dataDir };
      const listed = await runCliCaptured(['request', 'list', '--state', 'pending', '--json'], { env });
      expect(listed.code).toBe(0);
      expect((JSON.parse(listed.stdout) as AccessRequest[]).map((r) => r.id)).toEqual(expect.arrayContaining([first.id, second.id]));
      const approved = await runCliCaptured(['request', 'approve', String(first.id), '--for', '30m'], { env });
      expect(approved).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^request ${first.id} approved: alice .*granted web-02 until`)) });
      const denied = await runCliCaptured(['request', 'deny', String(second.id), '--reason', 'use the staging host'], { env });
      expect(denied).toMatchObject({ code: 0, stdout: expect.stringContaining(': use the staging host') });
      expect(await runCliCaptured(['request', 'deny', String(second.id), '--reason', 'again'], { env })).toMatchObject({ code: 1, stderr: expect.stringContaining('already denied') });
      expect(await runCliCaptured(['request', 'approve', '999999'], { env })).toMatchObject({ code: 1, stderr: expect.stringContaining('no access request 999999') });
      const cancelled = await ask(alice, 'web-02', 'cli cancelled');
      await alice.call('access.requests.cancel', { id: cancelled.id });
      const audited = await runCliCaptured(['audit', 'list', '--type', 'request.cancelled', '--json'], { env });
      expect(audited.code).toBe(0);
      expect(audited.stdout.trim().split('\n').map((l) => JSON.parse(l) as { actor: string; data: Record<string, unknown> }).find((e) => e.data.request === cancelled.id)).toMatchObject({ actor: 'alice', data: { user: 'alice', hosts: 'web-02', login } });
      const mine = sshAs('alice', ['request', 'list']);
      expect(await mine.exited).toBe(0);
      expect(mine.stdout()).toContain(`request ${second.id} denied: alice`);
      expect(mine.stdout()).toContain('use the staging host');
    } finally {
      alice.close();
    }
  });
});
