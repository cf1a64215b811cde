import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccess, endOfAccess, parseSelector } from '.';
import { createAdmin } from '../admin';
import { openStore, type GrantRecord, type Store } from '../store';
import { selectorMatches } from './selector';
import { selectorQuery } from './selector-sql';

const dirs: string[] = [];
const tempStore = () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-access-'));
  dirs.push(dir);
  return openStore(dir);
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('access', () => {
  let store: Store;
  const t0 = 1_700_000_000_000;

  beforeAll(() => {
    store = tempStore();
    const alice = store.users.create('alice', ['operator']);
    const bob = store.users.create('bob', ['operator']);
    const carol = store.users.create('carol', ['operator']);
    store.hosts.create({ name: 'web-01', address: '127.0.0.1:1', nodes: [['pay', 'web'], ['shared']], tags: { env: 'prod', role: 'web' } });
    store.hosts.create({ name: 'web-02', address: '127.0.0.1:2', nodes: [['pay', 'web']], tags: { env: 'dev', role: 'web' } });
    store.hosts.create({ name: 'db-01', address: '127.0.0.1:3', nodes: [['pay', 'db']], tags: { env: 'prod', role: 'db' } });
    store.hosts.create({ name: 'pay-x', address: '127.0.0.1:4', nodes: [['payroll']], tags: {} }); // "pay" as a name prefix only
    store.grants.create({ userId: alice.id, hosts: 'node:pay/web', login: 'deploy', notBefore: null, notAfter: null });
    store.grants.create({ userId: alice.id, hosts: 'db-01', login: 'root', notBefore: t0, notAfter: t0 + 1000 });
    store.grants.create({ userId: alice.id, hosts: 'web-01', login: 'root', notBefore: null, notAfter: null });
    store.grants.create({ userId: bob.id, hosts: '*', login: 'ops', notBefore: null, notAfter: null });
    store.grants.create({ userId: carol.id, hosts: '*', login: 'ops', notBefore: null, notAfter: null });
    store.users.setDisabled(carol.id, true);
  });
  afterAll(() => store.close());

  it('grants logins by node subtree and by name, merged per host', () => {
    const access = createAccess(store);
    expect(access.loginsFor('alice', 'web-01', t0 - 1)).toEqual(['deploy', 'root']);
    expect(access.loginsFor('alice', 'web-02', t0 - 1)).toEqual(['deploy']);
  });

  it('honours the time window (not_after exclusive)', () => {
    const access = createAccess(store);
    expect(access.loginsFor('alice', 'db-01', t0 - 1)).toEqual([]);
    expect(access.loginsFor('alice', 'db-01', t0)).toEqual(['root']);
    expect(access.loginsFor('alice', 'db-01', t0 + 999)).toEqual(['root']);
    expect(access.loginsFor('alice', 'db-01', t0 + 1000)).toEqual([]);
  });

  it('denies by default: unknown users, unknown hosts, disabled users', () => {
    const access = createAccess(store);
    expect(access.loginsFor('mallory', 'web-01')).toEqual([]);
    expect(access.loginsFor('bob', 'nope')).toEqual([]);
    expect(access.loginsFor('carol', 'web-01')).toEqual([]);
    expect(access.reachableHosts('carol')).toEqual([]);
    expect(access.reachableHosts('mallory')).toEqual([]);
    expect(access.myGrants('carol')).toEqual([]);
  });

  it('lists reachable hosts with their logins and when access ends', () => {
    const access = createAccess(store);
    expect(access.reachableHosts('alice', t0 + 1).map((r) => [r.host.name, r.logins, r.accessUntil])).toEqual([
      ['db-01', ['root'], t0 + 1000],
      ['web-01', ['deploy', 'root'], null],
      ['web-02', ['deploy'], null],
    ]);
    expect(access.reachableHosts('alice', t0 + 1).find((r) => r.host.name === 'web-01')!.host).toEqual(store.hosts.find('web-01'));
    expect(access.reachableHosts('bob').map((r) => r.host.name)).toEqual(['db-01', 'pay-x', 'web-01', 'web-02']);
  });

  it('accessUntil follows a grant that starts when another ends; a grant still to come reaches nothing yet', () => {
    const s = tempStore();
    const admin = createAdmin(s, { now: () => t0 });
    admin.addUser({ name: 'alice' });
    admin.addHost({ name: 'web-01', address: '127.0.0.1:1' });
    admin.addHost({ name: 'web-02', address: '127.0.0.1:2' });
    admin.addGrant({ user: 'alice', hosts: 'web-01', login: 'root', until: t0 + 1000 });
    admin.addGrant({ user: 'alice', hosts: 'web-01', login: 'root', from: t0 + 1000, until: t0 + 5000 });
    admin.addGrant({ user: 'alice', hosts: 'web-02', login: 'root', from: t0 + 500, until: t0 + 900 });
    const access = createAccess(s);
    expect(access.reachableHosts('alice', t0).map((r) => [r.host.name, r.accessUntil])).toEqual([['web-01', t0 + 5000]]);
    expect(access.reachableHosts('alice', t0 + 600).map((r) => [r.host.name, r.accessUntil])).toEqual([
      ['web-01', t0 + 5000],
      ['web-02', t0 + 900],
    ]);
    s.close();
  });

  it("reports the user's grants not yet ended, with how many hosts each covers", () => {
    const access = createAccess(store);
    expect(access.myGrants('alice', t0 + 1)).toEqual([
      { id: 1, subject: { kind: 'user', name: 'alice' }, hosts: 'node:pay/web', login: 'deploy', from: null, until: null, hostCount: 2 },
      { id: 2, subject: { kind: 'user', name: 'alice' }, hosts: 'db-01', login: 'root', from: t0, until: t0 + 1000, hostCount: 1 },
      { id: 3, subject: { kind: 'user', name: 'alice' }, hosts: 'web-01', login: 'root', from: null, until: null, hostCount: 1 },
    ]);
    expect(access.myGrants('alice', t0 + 1000).map((g) => g.id)).toEqual([1, 3]);
    expect(access.myGrants('alice', t0 - 5).map((g) => g.id)).toEqual([1, 2, 3]); // one still to come
  });

  it('every selector kind: the SQL query and the pure matcher agree on every host', () => {
    const hosts = store.hosts.list();
    for (const text of ['*', 'web-01,db-01', 'nope', 'node:pay', 'node:pay/web', 'node:shared', 'node:pa', 'env=prod', 'env=prod,role=web|db', 'role=web,env=dev', 'env=test']) {
      const selector = parseSelector(text);
      const q = selectorQuery(selector);
      const ids = new Set(store.db.prepare(q.sql).pluck().all(...q.params) as number[]);
      const expected = new Set(hosts.filter((h) => selectorMatches(selector, h)).map((h) => h.id));
      expect([...ids].sort(), text).toEqual([...expected].sort());
    }
  });
});

describe('groups', () => {
  it('a grant to a group reaches each member, in several groups; leaving a group ends it', () => {
    const store = tempStore();
    const admin = createAdmin(store);
    admin.addUser({ name: 'alice' });
    admin.addUser({ name: 'bob' });
    admin.addHost({ name: 'web-01', address: '127.0.0.1:1', tags: { env: 'prod', service: 'minos' } });
    admin.addHost({ name: 'web-02', address: '127.0.0.1:2', tags: { env: 'dev', service: 'minos' } });
    admin.addGroup('ops');
    admin.addGroup('dev');
    admin.addGroupMember('ops', 'alice');
    admin.addGroupMember('dev', 'alice');
    admin.addGroupMember('dev', 'bob');
    admin.addGrant({ group: 'ops', hosts: 'env=prod,service=minos', login: 'root' });
    admin.addGrant({ group: 'dev', hosts: 'service=minos', login: 'app' });
    const access = createAccess(store);
    expect(access.reachableHosts('alice').map((r) => [r.host.name, r.logins])).toEqual([
      ['web-01', ['app', 'root']],
      ['web-02', ['app']],
    ]);
    expect(access.reachableHosts('bob').map((r) => [r.host.name, r.logins])).toEqual([
      ['web-01', ['app']],
      ['web-02', ['app']],
    ]);
    expect(admin.listGrants({ user: 'bob' }).map((g) => g.subject)).toEqual([{ kind: 'group', name: 'dev' }]);
    expect(admin.listGrants({ user: 'alice' })).toHaveLength(2);
    admin.removeGroupMember('ops', 'alice');
    expect(access.loginsFor('alice', 'web-01')).toEqual(['app']);
    expect(() => admin.removeGroupMember('ops', 'alice')).toThrow(/not a member/);
    expect(() => admin.addGroup('ops')).toThrow(/already exists/);
    expect(() => admin.addGroupMember('nope', 'alice')).toThrow(/no group named "nope"/);
    expect(() => admin.addGroupMember('ops', 'nope')).toThrow(/no user named "nope"/);
    expect(() => admin.addGrant({ user: 'alice', group: 'ops', hosts: '*', login: 'root' })).toThrow(/exactly one of user or group/);
    expect(() => admin.addGrant({ hosts: '*', login: 'root' })).toThrow(/exactly one of user or group/);
    expect(store.audit.list().map((e) => e.type)).toEqual(expect.arrayContaining(['group.added', 'group.changed', 'grant.added']));
    store.close();
  });

  it('revoking a grant removes it, audits it, and refuses an unknown id', () => {
    const store = tempStore();
    const admin = createAdmin(store);
    admin.addUser({ name: 'alice' });
    admin.addHost({ name: 'web-01', address: '127.0.0.1:1' });
    const grant = admin.addGrant({ user: 'alice', hosts: ' web-01 ', login: 'root' });
    expect(grant.hosts).toBe('web-01'); // canonical form
    expect(createAccess(store).loginsFor('alice', 'web-01')).toEqual(['root']);
    expect(admin.revokeGrant(grant.id)).toMatchObject({ id: grant.id, subject: { kind: 'user', name: 'alice' } });
    expect(createAccess(store).loginsFor('alice', 'web-01')).toEqual([]);
    expect(() => admin.revokeGrant(grant.id)).toThrow(`no grant ${grant.id}`);
    expect(store.audit.list({ type: 'grant.removed' })[0]!.data).toMatchObject({ grant: grant.id, user: 'alice', hosts: 'web-01', login: 'root' });
    store.close();
  });
});

describe('sessionCheck and endOfAccess', () => {
  const g = (notBefore: number | null, notAfter: number | null): GrantRecord => ({ id: 1, userId: 1, groupId: null, hosts: '*', login: 'root', notBefore, notAfter });

  it('endOfAccess follows grants that meet or overlap, and stops at a gap', () => {
    expect(endOfAccess([], 0)).toBeUndefined();
    expect(endOfAccess([g(10, 20)], 5)).toBeUndefined();
    expect(endOfAccess([g(null, 20)], 5)).toBe(20);
    expect(endOfAccess([g(null, 20), g(20, 30)], 5)).toBe(30);
    expect(endOfAccess([g(null, 20), g(15, 40), g(41, 50)], 5)).toBe(40);
    expect(endOfAccess([g(null, 20), g(18, null)], 5)).toBeNull();
  });

  it('tells an expired grant from a revoked one', () => {
    const store = tempStore();
    const admin = createAdmin(store);
    admin.addUser({ name: 'alice' });
    admin.addHost({ name: 'web-01', address: '127.0.0.1:1', nodes: [['pay']] });
    const now = Date.now();
    admin.addGrant({ user: 'alice', hosts: 'node:pay', login: 'root', until: now + 1000 });
    const access = createAccess(store);
    const check = access.sessionCheck('alice', { login: 'root', host: 'web-01' });
    expect(check(now)).toEqual({ ok: true, until: now + 1000 });
    expect(check(now + 1000)).toEqual({ ok: false, reason: 'grant expired', endedBy: 'expiry' });
    expect(access.sessionCheck('alice', { login: 'deploy', host: 'web-01' })(now)).toEqual({ ok: false, reason: 'grant revoked', endedBy: 'revocation' });

    const forever = admin.addGrant({ user: 'alice', hosts: 'web-01', login: 'root' });
    const check2 = access.sessionCheck('alice', { login: 'root', host: 'web-01' });
    expect(check2(now)).toEqual({ ok: true, until: null });
    admin.revokeGrant(forever.id);
    expect(check2(now + 2000)).toEqual({ ok: false, reason: 'grant revoked', endedBy: 'revocation' });
    store.close();
  });

  it('accountCheck: ok while the account is enabled, with the reason once it is not', () => {
    const store = tempStore();
    const alice = store.users.create('alice', ['operator']);
    const access = createAccess(store);
    const check = access.accountCheck('alice');
    expect(check()).toEqual({ ok: true, until: null });
    store.users.setDisabled(alice.id, true);
    expect(check()).toEqual({ ok: false, reason: 'your account was disabled by an administrator', endedBy: 'user-disabled' });
    expect(access.accountCheck('nobody')()).toEqual({ ok: false, reason: 'your account was removed', endedBy: 'user-disabled' });
    store.close();
  });
});

describe('many hosts', () => {
  it('10 000 hosts: listing reachable hosts uses the indexes and stays quick', () => {
    const store = tempStore();
    const alice = store.users.create('alice', ['operator']);
    const insertHost = store.db.prepare('INSERT INTO hosts (name, address, created_at) VALUES (?, ?, 0)');
    const insertNode = store.db.prepare('INSERT INTO host_nodes (host_id, path, path_key) VALUES (?, ?, ?)');
    const insertTag = store.db.prepare('INSERT INTO host_tags (host_id, key, value) VALUES (?, ?, ?)');
    store.db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const id = Number(insertHost.run(`h-${String(i).padStart(5, '0')}`, '127.0.0.1:22').lastInsertRowid);
        const team = `team${i % 10}`;
        insertNode.run(id, JSON.stringify([team, `svc${i % 100}`]), `${team}/svc${i % 100}/`);
        insertTag.run(id, 'env', i % 2 ? 'prod' : 'dev');
        insertTag.run(id, 'role', ['web', 'api', 'db'][i % 3]!);
      }
    })();
    store.grants.create({ userId: alice.id, hosts: 'node:team3', login: 'root', notBefore: null, notAfter: null });
    store.grants.create({ userId: alice.id, hosts: 'env=prod,role=web|api', login: 'deploy', notBefore: null, notAfter: null });
    const access = createAccess(store);

    // The plans: index lookups, no full scan of host_nodes or host_tags.
    for (const text of ['node:team3', 'env=prod,role=web|api']) {
      const q = selectorQuery(parseSelector(text));
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
      expect(plan, text).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY/);
      expect(plan, text).not.toMatch(/SCAN host_(nodes|tags)\b(?! USING)/);
    }

    const started = performance.now();
    const reachable = access.reachableHosts('alice');
    const ms = performance.now() - started;
    const expected = Array.from({ length: 10_000 }, (_, i) => i).filter((i) => i % 10 === 3 || (i % 2 === 1 && i % 3 !== 2));
    expect(reachable).toHaveLength(expected.length);
    expect(reachable.find((r) => r.host.name === 'h-00003')!.logins).toEqual(['deploy', 'root']);
    expect(reachable.find((r) => r.host.name === 'h-00013')).toMatchObject({ logins: ['deploy', 'root'], host: { nodes: [['team3', 'svc13']], tags: { env: 'prod', role: 'api' } } });
    expect(access.loginsFor('alice', 'h-09999')).toEqual(['deploy']);
    console.log(`reachableHosts over 10 000 hosts: ${reachable.length} hosts in ${ms.toFixed(1)} ms`);
    store.close();
  });
});
