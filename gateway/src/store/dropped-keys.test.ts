// Migration 6 on a database where two users share a key: the start goes on, the first owner keeps
// it, the other loses it, and the audit log says so once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../../shared/node/migrate';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { DATABASE_FILE } from './database';
import { MIGRATION_ACTOR } from './dropped-keys';
import { migrations } from './migrations';
import { openStore } from '.';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-dropped-keys-'));
  // A database as the gateway before migration 6 left it: the same key held by bob, then alice.
  const db = openMigratedDatabase(dir, DATABASE_FILE, migrations.filter((m) => m.version < 6), 'gateway');
  const shared = generateEd25519KeyPair().public.split(' ').slice(0, 2).join(' ');
  const own = generateEd25519KeyPair().public.split(' ').slice(0, 2).join(' ');
  for (const name of ['bob', 'alice']) db.prepare("INSERT INTO users (name, roles, created_at) VALUES (?, '[]', 0)").run(name);
  const key = db.prepare('INSERT INTO user_keys (user_id, public_key, fingerprint) VALUES ((SELECT id FROM users WHERE name = ?), ?, ?)');
  key.run('bob', shared, 'SHA256:shared');
  key.run('alice', own, 'SHA256:alice-own');
  key.run('alice', shared, 'SHA256:shared');
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps a shared key with its first owner, reports the other once, and starts', () => {
  const store = openStore(dir);
  try {
    expect(store.users.keys(store.users.find('bob')!.id).map((k) => k.fingerprint)).toEqual(['SHA256:shared']);
    expect(store.users.keys(store.users.find('alice')!.id).map((k) => k.fingerprint)).toEqual(['SHA256:alice-own']);
    const reported = store.audit.list({ type: 'user.changed' });
    expect(reported).toEqual([
      expect.objectContaining({
        actor: MIGRATION_ACTOR,
        data: { user: 'alice', change: 'key removed', key: 'SHA256:shared', reason: 'the key also belonged to bob, its first owner, who keeps it' },
      }),
    ]);
    expect(() => store.users.addKey(store.users.find('alice')!.id, 'x', 'SHA256:shared')).toThrow(/UNIQUE/);
  } finally {
    store.close();
  }
  const again = openStore(dir);
  expect(again.audit.list({ type: 'user.changed' })).toHaveLength(1);
  again.close();
});
