import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type AuthContext, type ParsedKey } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../admin';
import { silentLogger } from '../logger';
import { openStore, type Store } from '../store';
import { authenticate, type Authenticated } from './auth';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';

const alice = generateEd25519KeyPair();
const other = generateEd25519KeyPair();
const priv = (k: { private: string }) => ssh2.utils.parseKey(k.private) as ParsedKey;

function attempt(store: Store, fields: Record<string, unknown>) {
  const calls: string[] = [];
  let who: Authenticated | undefined;
  const ctx = {
    method: 'publickey',
    username: 'alice',
    accept: () => calls.push('accept'),
    reject: () => calls.push('reject'),
    ...fields,
  } as unknown as AuthContext;
  authenticate(ctx, store, silentLogger, (w) => (who = w));
  return { calls, who };
}

describe('authenticate', () => {
  let dir: string;
  let store: Store;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-auth-'));
    store = openStore(dir);
    createAdmin(store).addUser({ name: 'alice', publicKeys: [alice.public] });
    createAdmin(store).addUser({ name: 'eve', publicKeys: [other.public] });
    store.users.setDisabled(store.users.find('eve')!.id, true);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const keyOf = (k: { private: string }) => ({ algo: 'ssh-ed25519', data: priv(k).getPublicSSH() });
  const blob = Buffer.from('session-id-and-request');

  it('accepts a valid signature by a registered key and reports the target', () => {
    const r = attempt(store, { username: 'alice:root@web-01', key: keyOf(alice), blob, signature: priv(alice).sign(blob) });
    expect(r.calls).toEqual(['accept']);
    expect(r.who).toMatchObject({ user: { name: 'alice' }, target: { login: 'root', host: 'web-01' } });
  });

  it('answers a probe (no signature) for a registered key without authenticating', () => {
    const r = attempt(store, { key: keyOf(alice) });
    expect(r.calls).toEqual(['accept']);
    expect(r.who).toBeUndefined();
  });

  it('rejects a bad signature, a foreign key, an unknown or disabled user, other methods', () => {
    const cases = [
      { key: keyOf(alice), blob, signature: priv(other).sign(blob) }, // signed by someone else
      { key: keyOf(alice), blob: Buffer.from('another session'), signature: priv(alice).sign(blob) }, // replayed
      { key: keyOf(other) },
      { username: 'mallory', key: keyOf(alice) },
      { username: 'eve', key: keyOf(other), blob, signature: priv(other).sign(blob) },
      { username: 'alice:bad target', key: keyOf(alice) },
      { method: 'password', password: 'x' },
      { method: 'none' },
    ];
    for (const fields of cases) {
      const r = attempt(store, fields);
      expect(r.calls, JSON.stringify(Object.keys(fields))).toEqual(['reject']);
      expect(r.who).toBeUndefined();
    }
  });
});
