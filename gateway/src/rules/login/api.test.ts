// Login rules over the API, end to end: a real gateway and ssh2 clients as an admin, an operator
// and a security officer. The admin checks (problems as codes), adds, lists and removes; the other
// roles are denied; an added rule cuts a live connection at once, not at the liveness loop's tick.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginRule, LoginRuleCheck } from '../../../../shared/contract/gateway-api/login-rules';
import { generateEd25519KeyPair } from '../../../../shared/node/ssh-keys';
import { silentLogger, startGateway, type Gateway } from '../..';
import { auditEntries, connectClient, openApiClient, waitFor, withAdmin } from '../../testing';

const USERS = { ada: ['admin'], olga: ['operator'], sam: ['security'], alice: ['operator'] } as const;
type User = keyof typeof USERS;
const keys = Object.fromEntries(Object.keys(USERS).map((u) => [u, generateEd25519KeyPair()])) as Record<User, ReturnType<typeof generateEd25519KeyPair>>;

let dir: string;
let gw: Gateway;

const api = (user: User) => openApiClient({ port: gw.address.port, username: user, privateKey: keys[user].private, hostPublicKey: gw.hostPublicKey });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => ({ code: 'none', message: '' }),
    (e: Error & { code: string }) => ({ code: e.code, message: e.message }),
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-login-rules-api-'));
  withAdmin(dir, (a) => {
    for (const [name, roles] of Object.entries(USERS)) a.addUser({ name, roles: [...roles], publicKeys: [keys[name as User].public] });
    a.addGroup('ops');
  });
  // A liveness tick of a minute: a cut within seconds can only come from the API's re-check.
  gw = await startGateway({ dataDir: dir, logger: silentLogger, livenessIntervalMs: 60_000 });
});

afterAll(async () => {
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rules.login over the API', () => {
  it('checks a draft field by field: codes and params, the suggested network, the canonical rule', async () => {
    const ada = await api('ada');
    try {
      const bad = await ada.call<LoginRuleCheck>('rules.login.check', { user: 'alice', cidrs: ['10.1.2.3/8', 'nonsense'], hours: '25:00-26:00', timeZone: 'Mars/Olympus' });
      expect(bad.rule).toBeNull();
      expect(bad.problems).toEqual([
        { field: 'cidrs', code: 'cidr_host_bits', params: { text: '10.1.2.3/8', suggestion: '10.0.0.0/8' } },
        { field: 'cidrs', code: 'cidr_invalid', params: { text: 'nonsense' } },
        { field: 'hours', code: 'hours_invalid', params: { text: '25:00' } },
        { field: 'timeZone', code: 'zone_invalid', params: { text: 'Mars/Olympus' } },
      ]);
      const empty = await ada.call<LoginRuleCheck>('rules.login.check', { group: 'nobody-here', cidrs: ['  '] });
      expect(empty.problems).toEqual([
        { field: 'subject', code: 'subject_unknown', params: { name: 'nobody-here' } },
        { field: 'rule', code: 'rule_empty', params: {} },
      ]);
      const good = await ada.call<LoginRuleCheck>('rules.login.check', { group: 'ops', cidrs: ['10.0.0.0/8', '10.0.0.0/8'], days: 'fri,mon-thu', hours: '8:00-20:00', timeZone: 'europe/berlin' });
      expect(good.problems).toEqual([]);
      expect(good.rule).toEqual({ subject: { kind: 'group', name: 'ops' }, cidrs: ['10.0.0.0/8'], days: 'mon-fri', hours: '08:00-20:00', timeZone: 'Europe/Berlin' });
      // Nothing was stored by checking.
      expect(await ada.call('rules.login.list', {})).toEqual([]);
    } finally {
      ada.close();
    }
  });

  it('warns an admin whose own connection the rule would refuse', async () => {
    const ada = await api('ada');
    try {
      const self = await ada.call<LoginRuleCheck>('rules.login.check', { user: 'ada', cidrs: ['10.0.0.0/8'] });
      expect(self.self).toEqual({ source: expect.stringMatching(/127\.0\.0\.1$/), applies: true, allowedNow: true, allowedAfter: false });
      const loopback = await ada.call<LoginRuleCheck>('rules.login.check', { user: 'ada', cidrs: ['127.0.0.0/8'] });
      expect(loopback.self).toMatchObject({ applies: true, allowedAfter: true });
      const other = await ada.call<LoginRuleCheck>('rules.login.check', { user: 'alice', cidrs: ['10.0.0.0/8'] });
      expect(other.self).toMatchObject({ applies: false, allowedAfter: true });
    } finally {
      ada.close();
    }
  });

  it('an admin adds, lists and removes; the removal is audited; a bad rule is refused and nothing stored', async () => {
    const ada = await api('ada');
    try {
      const added = await ada.call<LoginRule>('rules.login.add', { user: 'olga', cidrs: ['192.168.0.0/16'], days: 'mon-fri', hours: '08:00-20:00', timeZone: 'Europe/Berlin' });
      expect(added).toMatchObject({ subject: { kind: 'user', name: 'olga' }, cidrs: ['192.168.0.0/16'], days: 'mon-fri', hours: '08:00-20:00', timeZone: 'Europe/Berlin', createdBy: 'ada' });
      expect(await ada.call('rules.login.list', {})).toEqual([added]);
      expect(await failure(ada.call('rules.login.add', { user: 'olga', cidrs: ['192.168.1.1/16'] }))).toEqual({ code: 'bad_request', message: '"192.168.1.1/16" has bits set after the prefix: did you mean 192.168.0.0/16?' });
      expect(await ada.call<LoginRule[]>('rules.login.list', {})).toHaveLength(1);
      expect(await ada.call('rules.login.remove', { id: added.id })).toEqual(added);
      expect(await ada.call('rules.login.list', {})).toEqual([]);
      expect((await failure(ada.call('rules.login.remove', { id: added.id }))).code).toBe('not_found');
      expect(auditEntries(dir, 'rule.login.added').at(-1)).toMatchObject({ actor: 'ada', data: { rule: added.id, user: 'olga' } });
      expect(auditEntries(dir, 'rule.login.removed').at(-1)).toMatchObject({ actor: 'ada', data: { rule: added.id, user: 'olga', cidrs: ['192.168.0.0/16'] } });
    } finally {
      ada.close();
    }
  });

  it('operators and security officers are denied every rules.login method', async () => {
    for (const user of ['olga', 'sam'] as const) {
      const client = await api(user);
      try {
        for (const [method, params] of [
          ['rules.login.list', {}],
          ['rules.login.check', { user: 'alice' }],
          ['rules.login.add', { user: user, cidrs: ['0.0.0.0/0'] }],
          ['rules.login.remove', { id: 1 }],
        ] as const) {
          expect((await failure(client.call(method, params))).code, `${user} ${method}`).toBe('denied');
        }
      } finally {
        client.close();
      }
    }
    expect(await api('ada').then(async (a) => (await a.call<LoginRule[]>('rules.login.list', {}).finally(a.close)).length)).toBe(0);
  });

  it('a rule added over the API cuts a live connection it refuses at once', async () => {
    const conn = await connectClient({ port: gw.address.port, username: 'alice', privateKey: keys.alice.private, hostPublicKey: gw.hostPublicKey });
    let closed = false;
    conn.on('close', () => (closed = true));
    const ada = await api('ada');
    try {
      const rule = await ada.call<LoginRule>('rules.login.add', { user: 'alice', cidrs: ['10.0.0.0/8'] });
      expect(await waitFor(() => closed, 10_000)).toBe(true);
      await ada.call('rules.login.remove', { id: rule.id });
    } finally {
      ada.close();
      conn.end();
    }
  });
});
