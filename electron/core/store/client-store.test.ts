// The client store on a real SQLite file in a temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Layout } from '../../../shared/contract/layout';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { presentedKeyFromLine } from '../connection/host-trust';
import { CLIENT_DATABASE_FILE } from './database';
import { DEFAULT_SETTINGS as SHARED_DEFAULT_SETTINGS } from '../../../shared/contract/default-settings';
import { DEFAULT_SETTINGS, endpointOf, openClientStore, type ClientStore } from './client-store';
import type { SecretStore } from './secret-store';

/** Stands in for the OS keychain (there is none on this machine): reversible, but visibly not plaintext. */
const reversing: SecretStore = {
  available: () => true,
  encrypt: (plain) => Buffer.from([...plain].reverse().join('')),
  decrypt: (sealed) => [...sealed.toString()].reverse().join(''),
};

const input = { name: 'prod', host: 'gw.example', port: 22, user: 'alice', auth: { kind: 'key' as const, keyFile: '~/.ssh/id_ed25519' } };
const layout: Layout = {
  version: 1,
  activeTab: 'tab1',
  tabs: [
    {
      id: 'tab1',
      root: {
        kind: 'split',
        id: 's1',
        direction: 'row',
        sizes: [0.5, 0.5],
        children: [
          { kind: 'terminal', id: 'a', host: 'web-01', login: 'root' },
          { kind: 'terminal', id: 'b', host: 'db-01', login: 'root' },
        ],
      },
    },
  ],
};

describe('client store', () => {
  let dir: string;
  let logs: string[];
  let store: ClientStore;
  const open = (secrets?: SecretStore) => openClientStore(dir, { secrets, log: (m) => logs.push(m) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-store-'));
    logs = [];
    store = open();
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, lists, updates and removes profiles, and keeps them across a reopen', () => {
    const created = store.saveProfile(undefined, input);
    expect(created).toEqual({ ...input, id: expect.stringMatching(/^p[0-9a-f]{16}$/), rememberPassphrase: false });
    const agent = store.saveProfile(undefined, { ...input, name: 'agent', auth: { kind: 'agent' } });
    store.close();
    store = open();
    expect(store.listProfiles().map((p) => p.name)).toEqual(['agent', 'prod']);
    const updated = store.saveProfile(created.id, { ...input, port: 2222 });
    expect(updated).toMatchObject({ id: created.id, port: 2222 });
    store.removeProfile(agent.id);
    expect(store.listProfiles()).toEqual([updated]);
    expect(() => store.removeProfile(agent.id)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => store.saveProfile('pnothere', input)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('refuses invalid profiles and duplicate names with a clear error', () => {
    store.saveProfile(undefined, input);
    expect(() => store.saveProfile(undefined, input)).toThrow(/a profile named "prod" already exists/);
    expect(() => store.saveProfile(undefined, { ...input, name: 'x', port: 0 })).toThrow(expect.objectContaining({ code: 'bad_request', message: expect.stringMatching(/port/) }));
    expect(() => store.saveProfile(undefined, { ...input, name: 'x', host: 'a b' })).toThrow(/host name or address/);
    expect(() => store.saveProfile(undefined, { ...input, name: 'x', auth: { kind: 'key', keyFile: '' } })).toThrow(/invalid profile/);
    expect(store.listProfiles()).toHaveLength(1);
  });

  it('shows the trusted host key of the profile endpoint, and forgets it', () => {
    const p = store.saveProfile(undefined, input);
    const key = presentedKeyFromLine(generateEd25519KeyPair().public);
    store.trustHostKey(endpointOf(p), key);
    expect(store.getProfile(p.id)?.trustedHostKey).toBe(key.fingerprint);
    expect(store.trustedHostKey('gw.example:22')?.blob.equals(key.blob)).toBe(true);
    store.forgetHostKey(endpointOf(p));
    expect(store.getProfile(p.id)?.trustedHostKey).toBeUndefined();
  });

  it('remembers a passphrase only through a keychain, encrypted, and drops it when the key changes', () => {
    expect(() => store.saveProfile(undefined, { ...input, rememberPassphrase: true })).toThrow(/browser shell never stores secrets/);
    store.close();
    store = open({ ...reversing, available: () => false });
    expect(() => store.saveProfile(undefined, { ...input, rememberPassphrase: true })).toThrow(/no keychain/);
    store.close();
    store = open(reversing);
    const p = store.saveProfile(undefined, { ...input, rememberPassphrase: true });
    store.rememberPassphrase(p.id, 'hunter2');
    expect(store.rememberedPassphrase(p.id)).toBe('hunter2');
    const raw = new Database(join(dir, CLIENT_DATABASE_FILE), { readonly: true });
    expect(raw.prepare('SELECT passphrase_secret AS s FROM profiles').get()).toEqual({ s: Buffer.from('2retnuh') });
    raw.close();
    store.saveProfile(p.id, { ...input, rememberPassphrase: true, port: 2022 }); // same key file: kept
    expect(store.rememberedPassphrase(p.id)).toBe('hunter2');
    store.saveProfile(p.id, { ...input, rememberPassphrase: true, auth: { kind: 'key', keyFile: '/other' } });
    expect(store.rememberedPassphrase(p.id)).toBeNull();
    const q = store.saveProfile(undefined, { ...input, name: 'no-opt-in' });
    store.rememberPassphrase(q.id, 'secret');
    expect(store.rememberedPassphrase(q.id)).toBeNull();
  });

  it('round-trips the layout, validates it on write, and ignores a corrupt row with a log line', () => {
    expect(store.getLayout()).toBeNull();
    store.saveLayout(layout);
    expect(store.getLayout()).toEqual(layout);
    expect(() => store.saveLayout({ ...layout, version: 2 } as unknown as Layout)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(store.getLayout()).toEqual(layout);
    const raw = new Database(join(dir, CLIENT_DATABASE_FILE));
    raw.prepare("UPDATE kv SET value = ? WHERE key = 'layout'").run('{"version":1,"tabs":[{"id":"t"}],"activeTab":null}');
    expect(store.getLayout()).toBeNull();
    raw.prepare("UPDATE kv SET value = ? WHERE key = 'layout'").run('{not json');
    expect(store.getLayout()).toBeNull();
    raw.close();
    expect(logs).toEqual([expect.stringMatching(/saved layout is invalid/), expect.stringMatching(/saved layout is not valid JSON/)]);
  });

  it('has settings defaults, validates changes and keeps them', () => {
    expect(store.getSettings()).toEqual(DEFAULT_SETTINGS);
    // One definition for the store and the renderer (shared/contract/default-settings.ts).
    expect(DEFAULT_SETTINGS).toBe(SHARED_DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ theme: 'dark', fontSize: 13, scrollback: 10_000, fontFamily: expect.stringMatching(/monospace$/) });
    const light = { ...DEFAULT_SETTINGS, theme: 'light' as const, fontSize: 15 };
    expect(store.saveSettings(light)).toEqual(light);
    expect(() => store.saveSettings({ ...light, fontSize: 100 })).toThrow(/fontSize/);
    store.close();
    store = open();
    expect(store.getSettings()).toEqual(light);
  });

  it('refuses a database from a newer client', () => {
    store.close();
    const raw = new Database(join(dir, CLIENT_DATABASE_FILE));
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, 0)').run('future');
    raw.close();
    expect(() => open()).toThrow(/newer than this client knows.*upgrade the client/);
    const fix = new Database(join(dir, CLIENT_DATABASE_FILE));
    fix.prepare('DELETE FROM schema_migrations WHERE version = 99').run();
    fix.close();
    store = open(); // nothing was lost
  });
});
