// The login flow against a real store, with ssh2's auth contexts stood in by plain objects (the
// real ssh/OpenSSH path is covered in auth-openssh.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type AuthContext, type ParsedKey } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintOf, generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { createAdmin } from '../admin';
import { createAuditRepeats } from '../audit/repeats';
import { silentLogger } from '../logger';
import { openStore, type Store } from '../store';
import { createLoginFlow, type Authenticated } from './login';
import { DEFAULT_LOGIN_POLICY, type LoginPolicy } from './policy';
import { createLoginDelays } from './login-delays';
import { totpCode } from './totp';
import { createUserAdmin } from './user-admin';

const alice = generateEd25519KeyPair();
const other = generateEd25519KeyPair();
const priv = (k: { private: string }) => ssh2.utils.parseKey(k.private) as ParsedKey;
const keyOf = (k: { private: string }) => ({ algo: 'ssh-ed25519', data: priv(k).getPublicSSH() });
const blob = Buffer.from('session-id-and-request');
const connectionKey = (k: { private: string }) => fingerprintOf(priv(k).getPublicSSH());
const signed = (k: { private: string }) => ({ key: keyOf(k), blob, signature: priv(k).sign(blob) });

let dir: string;
let store: Store;
let clock: number;
const policy: LoginPolicy = { ...DEFAULT_LOGIN_POLICY, sourceDelayBaseMs: 0 };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-login-'));
  store = openStore(dir, { env: {} });
  createAdmin(store).addUser({ name: 'alice', publicKeys: [alice.public] });
  createAdmin(store).addUser({ name: 'eve', publicKeys: [other.public] });
  store.users.setDisabled(store.users.find('eve')!.id, true);
  clock = Date.now();
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One connection: attempts in order, then the close. Returns what each attempt got. */
function connection(attempts: Array<Record<string, unknown>>, source = '10.0.0.1', p: LoginPolicy = policy) {
  const calls: string[] = [];
  let who: Authenticated | undefined;
  const flow = createLoginFlow({ store, logger: silentLogger, policy: p, delays: createLoginDelays(p), repeats: createAuditRepeats(store.audit), now: () => clock }, source, (w) => (who = w));
  for (const fields of attempts) {
    const ctx = {
      method: 'publickey',
      username: 'alice',
      accept: () => calls.push('accept'),
      reject: (methods?: string[], partial?: boolean) => calls.push(`reject ${methods?.join(',') ?? ''}${partial ? ' partial' : ''}`),
      prompt: (_p: unknown, _t: string, _i: string, cb: (answers: string[]) => void) => cb([String(fields.answer)]),
      ...fields,
    } as unknown as AuthContext;
    flow.handle(ctx);
  }
  flow.closed();
  return { calls, who };
}

const auditOf = (type: string) => store.audit.list({ type }).map((e): Record<string, unknown> => ({ actor: e.actor, ...e.data }));

describe('login', () => {
  it('accepts a valid signature by a registered key, reports the target and audits it', () => {
    const r = connection([{ username: 'alice:root@web-01', ...signed(alice) }]);
    expect(r.calls).toEqual(['accept']);
    expect(r.who).toMatchObject({ user: { name: 'alice' }, target: { login: 'root', host: 'web-01' } });
    expect(auditOf('login.success')).toEqual([{ actor: 'alice', source: '10.0.0.1', key: r.who!.fingerprint, totp: false, target: 'root@web-01' }]);
  });

  it('answers a probe (no signature) for a registered key without authenticating', () => {
    const r = connection([{ key: keyOf(alice) }, signed(alice)]);
    expect(r.calls).toEqual(['accept', 'accept']);
  });

  it('answers an unknown user, a disabled user, a wrong key and other methods alike; the audit says why', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ key: keyOf(alice), blob, signature: priv(other).sign(blob) }, 'bad signature'],
      [{ key: keyOf(other) }, 'no matching key'],
      [{ username: 'mallory', key: keyOf(alice) }, 'unknown user'],
      [{ username: 'eve', ...signed(other) }, 'disabled'],
      [{ method: 'password', password: 'x' }, 'no matching key'],
    ];
    for (const [fields, reason] of cases) {
      const r = connection([fields]);
      expect(r.calls, reason).toEqual(['reject publickey']);
      expect(r.who).toBeUndefined();
      expect(store.audit.list({ type: 'login.failure' }).at(-1)!.data).toMatchObject({ reason });
    }
    expect(connection([{ method: 'none' }, { username: 'alice:bad target', key: keyOf(alice) }]).calls).toEqual(['reject publickey', 'reject publickey']);
  });

  it('locks an account after 5 failed logins for 30 minutes, refusing it like an unknown user', () => {
    for (let i = 0; i < 5; i++) connection([{ key: keyOf(other) }]);
    expect(store.users.find('alice')!.lockedUntil).toBe(clock + 30 * 60_000);
    expect(auditOf('login.locked')).toEqual([expect.objectContaining({ user: 'alice', failures: 5 })]);
    const locked = connection([signed(alice)]);
    expect(locked.calls).toEqual(['reject publickey']);
    expect(store.audit.list({ type: 'login.failure' }).at(-1)!.data).toMatchObject({ reason: 'locked' });
    clock += 30 * 60_000 + 1;
    expect(connection([signed(alice)]).calls).toEqual(['accept']);
    expect(store.users.find('alice')).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('a success resets the count; an admin can unlock', () => {
    for (let i = 0; i < 4; i++) connection([{ key: keyOf(other) }]);
    connection([signed(alice)]);
    for (let i = 0; i < 4; i++) connection([{ key: keyOf(other) }]);
    expect(store.users.find('alice')!.lockedUntil).toBeNull();
    connection([{ key: keyOf(other) }]);
    expect(connection([signed(alice)]).calls).toEqual(['reject publickey']);
    createUserAdmin(store, 'admin:test').unlock('alice');
    expect(connection([signed(alice)]).calls).toEqual(['accept']);
  });

  it('with TOTP: a valid key is partial success, then the code decides; wrong codes count', () => {
    const { secret } = createUserAdmin(store).enableTotp('alice');
    const ok = connection([signed(alice), { method: 'keyboard-interactive', answer: totpCode(secret, clock) }]);
    expect(ok.calls).toEqual(['reject keyboard-interactive partial', 'accept']);
    expect(auditOf('login.success').at(-1)).toMatchObject({ totp: true });

    const wrongCode = totpCode(secret, clock + 5 * 60_000);
    const wrong = connection([signed(alice), { method: 'keyboard-interactive', answer: wrongCode }, { method: 'keyboard-interactive', answer: 'abc' }]);
    expect(wrong.calls).toEqual(['reject keyboard-interactive partial', 'reject keyboard-interactive', 'reject keyboard-interactive']);
    expect(store.users.find('alice')!.failedLogins).toBe(2);
    // The code that worked does not work twice, not even a step earlier one.
    const replay = connection([signed(alice), { method: 'keyboard-interactive', answer: totpCode(secret, clock) }]);
    expect(replay.calls).toEqual(['reject keyboard-interactive partial', 'reject keyboard-interactive']);
    expect(auditOf('login.failure').at(-1)).toMatchObject({ reason: 'verification code reused' });
    expect(connection([signed(alice), { method: 'keyboard-interactive', answer: totpCode(secret, clock - 30_000) }]).calls.at(-1)).toBe('reject keyboard-interactive');
    clock += 30_000;
    expect(connection([signed(alice), { method: 'keyboard-interactive', answer: totpCode(secret, clock) }]).calls).toEqual(['reject keyboard-interactive partial', 'accept']);
    // keyboard-interactive without the public key first gets nothing
    expect(connection([{ method: 'keyboard-interactive', answer: totpCode(secret, clock) }]).calls).toEqual(['reject publickey']);
    // ... and counts as a failed login (the first in a row after the success above)
    expect(store.users.find('alice')!.failedLogins).toBe(1);
    // a user who stops at the prompt counts one failure
    connection([signed(alice)]);
    expect(store.users.find('alice')!.failedLogins).toBe(2);
    expect(auditOf('login.failure').at(-1)).toMatchObject({ reason: 'second factor not completed' });
  });

  it('refuses a malformed login name like a failure: audited with the key offered', () => {
    expect(connection([{ username: 'alice:bad target', key: keyOf(alice) }]).calls).toEqual(['reject publickey']);
    expect(auditOf('login.failure')).toEqual([{ actor: 'alice:bad target', source: '10.0.0.1', reason: 'malformed name', keys: [connectionKey(alice)], count: 1 }]);
  });

  it('holds a failing answer for the delay its budget reserved, and audits a connection that closes meanwhile', async () => {
    const p = { ...policy, sourceDelayBaseMs: 150 };
    const delays = createLoginDelays(p);
    const repeats = createAuditRepeats(store.audit);
    const calls: string[] = [];
    const attempt = () => {
      const flow = createLoginFlow({ store, logger: silentLogger, policy: p, delays, repeats }, '10.9.9.9', () => {});
      flow.handle({ method: 'publickey', username: 'mallory', key: keyOf(other), reject: () => calls.push('reject') } as unknown as AuthContext);
      return flow;
    };
    attempt().closed();
    expect(calls).toEqual(['reject']);
    const second = attempt();
    expect(calls).toEqual(['reject']); // held back: the first failure reserved the next slot 150 ms on
    await new Promise((r) => setTimeout(r, 250));
    expect(calls).toEqual(['reject', 'reject']);
    second.closed();
    attempt().closed(); // closed before its answer
    repeats.flush();
    expect(auditOf('login.failure').map((e) => [e.reason, e.count])).toEqual([
      ['unknown user', 1],
      ['closed while delayed', 1],
      ['unknown user', 1], // the repeat, counted in its window's row
    ]);
  });
});
