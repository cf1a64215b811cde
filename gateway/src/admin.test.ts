import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccess } from './access';
import { AdminError, createAdmin, type GatewayAdmin } from './admin';
import { openStore, type Store } from './store';
import { generateEd25519KeyPair } from '../../shared/node/ssh-keys';

describe('admin', () => {
  let dir: string;
  let store: Store;
  let admin: GatewayAdmin;
  const key = generateEd25519KeyPair();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-admin-'));
    store = openStore(dir);
    admin = createAdmin(store);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a user with keys, stored in canonical form with fingerprints', () => {
    const user = admin.addUser({ name: 'alice', roles: ['admin', 'operator'], publicKeys: [`${key.public} alice@laptop`] });
    expect(user.roles).toEqual(['admin', 'operator']);
    expect(user.fingerprints[0]).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const keys = store.users.keys(user.id);
    expect(keys[0]!.publicKey).toBe(key.public.split(' ').slice(0, 2).join(' '));
    expect(() => admin.addUser({ name: 'alice', roles: [], publicKeys: [] })).toThrow(/already exists/);
  });

  it('refuses bad users clearly', () => {
    expect(() => admin.addUser({ name: 'a:b', publicKeys: [] })).toThrow(AdminError);
    expect(() => admin.addUser({ name: 'dave', roles: ['root' as 'admin'], publicKeys: [] })).toThrow(/roles/);
    expect(() => admin.addUser({ name: 'dave', publicKeys: ['ssh-ed25519 garbage'] })).toThrow(/public key 1 of dave/);
    expect(() => admin.addUser({ name: 'dave', publicKeys: [key.private] })).toThrow(/got a private key/);
    expect(store.users.find('dave')).toBeUndefined();
  });

  it('adds hosts and refuses bad addresses, nodes and duplicates', () => {
    const host = admin.addHost({ name: 'web-01', address: '127.0.0.1:2222', nodes: [['pay', 'web']], tags: { env: 'prod' } });
    expect(host).toMatchObject({ name: 'web-01', nodes: [['pay', 'web']], tags: { env: 'prod' } });
    expect(() => admin.addHost({ name: 'web-01', address: '127.0.0.1:22' })).toThrow(/already exists/);
    expect(() => admin.addHost({ name: 'x', address: '127.0.0.1' })).toThrow(/HOST:PORT/);
    expect(() => admin.addHost({ name: 'x', address: '127.0.0.1:70000' })).toThrow(/HOST:PORT/);
    expect(() => admin.addHost({ name: 'x', address: 'h:22', nodes: [['a/b']] })).toThrow(/cannot contain/);
    expect(() => admin.addHost({ name: 'bad name', address: 'h:22' })).toThrow(AdminError);
    expect(admin.addHost({ name: 'v6', address: '[::1]:22' }).address).toBe('[::1]:22');
  });

  it('sets credentials, validating private keys without echoing secrets', () => {
    admin.setCredential({ host: 'web-01', login: 'root', privateKey: key.private });
    expect(store.credentials.get(store.hosts.find('web-01')!.id, 'root')).toEqual({ kind: 'key', privateKey: key.private });
    admin.setCredential({ host: 'web-01', login: 'deploy', password: 's3cret-pw' });
    const bad = (() => {
      try {
        admin.setCredential({ host: 'web-01', login: 'root', privateKey: 'not-a-key s3cret-material' });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(bad).toMatch(/not a usable private key/);
    expect(bad).not.toContain('s3cret');
    expect(() => admin.setCredential({ host: 'web-01', login: 'root' })).toThrow(/exactly one/);
    expect(() => admin.setCredential({ host: 'nope', login: 'root', password: 'x' })).toThrow(/no host named "nope"/);
  });

  it('pins host keys', () => {
    admin.pinHostKey('web-01', key.public);
    expect(store.hostKeys.pinned(store.hosts.find('web-01')!.id)).toBe(key.public.split(' ').slice(0, 2).join(' '));
    expect(() => admin.pinHostKey('web-01', 'nonsense')).toThrow(/host key for web-01/);
  });

  it('adds grants with windows and refuses bad selectors and windows', () => {
    const now = Date.now();
    admin.addGrant({ user: 'alice', hosts: 'node:pay', login: 'root', until: now + 60_000 });
    expect(createAccess(store).loginsFor('alice', 'web-01', now)).toEqual(['root']);
    expect(createAccess(store).loginsFor('alice', 'web-01', now + 60_000)).toEqual([]);
    expect(() => admin.addGrant({ user: 'alice', hosts: 'node:', login: 'root' })).toThrow(/invalid host selector "node:"/);
    expect(() => admin.addGrant({ user: 'nobody', hosts: '*', login: 'root' })).toThrow(/no user named/);
    expect(() => admin.addGrant({ user: 'alice', hosts: '*', login: 'root', from: now, until: now - 1 })).toThrow(/until must be after from/);
    expect(admin.addGrant({ user: 'alice', hosts: '*', login: 'x', from: new Date(now), until: new Date(now + 60_000) }).notAfter).toBe(now + 60_000);
  });
});
