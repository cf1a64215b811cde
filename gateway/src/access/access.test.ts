import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccess, parseSelector, selectorMatches } from '.';
import { openStore, type Store } from '../store';

describe('selectors', () => {
  it('parses the three kinds and refuses anything else', () => {
    expect(parseSelector('*')).toEqual({ kind: 'all' });
    expect(parseSelector('web-01')).toEqual({ kind: 'host', name: 'web-01' });
    expect(parseSelector('node:team/line/')).toEqual({ kind: 'node', path: ['team', 'line'] });
    for (const bad of ['', 'node:', 'node:a//b', 'web 01', 'a@b', 'env=prod']) expect(() => parseSelector(bad)).toThrow();
  });

  it('a node selector covers the node and its subtree, not siblings sharing a name prefix', () => {
    const host = { name: 'h', nodes: [['pay', 'core', 'api']], tags: {} };
    expect(selectorMatches(parseSelector('node:pay'), host)).toBe(true);
    expect(selectorMatches(parseSelector('node:pay/core/api'), host)).toBe(true);
    expect(selectorMatches(parseSelector('node:pay/co'), host)).toBe(false);
    expect(selectorMatches(parseSelector('node:pay/core/api/x'), host)).toBe(false);
  });
});

describe('access', () => {
  let dir: string;
  let store: Store;
  const t0 = 1_700_000_000_000;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-access-'));
    store = openStore(dir);
    const alice = store.users.create('alice', ['operator']);
    const bob = store.users.create('bob', ['operator']);
    const carol = store.users.create('carol', ['operator']);
    store.hosts.create({ name: 'web-01', address: '127.0.0.1:1', nodes: [['pay', 'web'], ['shared']], tags: {} });
    store.hosts.create({ name: 'web-02', address: '127.0.0.1:2', nodes: [['pay', 'web']], tags: {} });
    store.hosts.create({ name: 'db-01', address: '127.0.0.1:3', nodes: [['pay', 'db']], tags: {} });
    store.grants.create({ userId: alice.id, hosts: 'node:pay/web', login: 'deploy', notBefore: null, notAfter: null });
    store.grants.create({ userId: alice.id, hosts: 'db-01', login: 'root', notBefore: t0, notAfter: t0 + 1000 });
    store.grants.create({ userId: alice.id, hosts: 'web-01', login: 'root', notBefore: null, notAfter: null });
    store.grants.create({ userId: bob.id, hosts: '*', login: 'ops', notBefore: null, notAfter: null });
    store.grants.create({ userId: carol.id, hosts: '*', login: 'ops', notBefore: null, notAfter: null });
    store.users.setDisabled(carol.id, true);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

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
  });

  it('lists reachable hosts with their logins', () => {
    const access = createAccess(store);
    expect(access.reachableHosts('alice', t0 + 1).map((r) => [r.host.name, r.logins])).toEqual([
      ['db-01', ['root']],
      ['web-01', ['deploy', 'root']],
      ['web-02', ['deploy']],
    ]);
    expect(access.reachableHosts('bob').map((r) => r.host.name)).toEqual(['db-01', 'web-01', 'web-02']);
    // When access ends: the latest end among covering grants; null when one of them never ends.
    expect(access.reachableHosts('alice', t0 + 1).map((r) => [r.host.name, r.accessUntil])).toEqual([
      ['db-01', t0 + 1000],
      ['web-01', null],
      ['web-02', null],
    ]);
  });
});
