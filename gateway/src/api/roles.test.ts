// Every method of the gateway API called as each role, against a real gateway over SSH, checked
// against the table below. A method added to the contract, or a policy changed, fails here until
// this table (and the role table in docs/GATEWAY.md) says the same.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_API_SUBSYSTEM, gatewayMethods } from '../../../shared/contract/gateway-api';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '..';
import type { Role } from '../store';
import { auditEntries, connectClient, waitFor } from '../testing';

const CALLERS = { admin: ['admin'], security: ['security'], operator: ['operator'], nobody: [] } satisfies Record<string, Role[]>;
type Caller = keyof typeof CALLERS;
const everyone = { admin: true, security: true, operator: true, nobody: true };

/**
 * Who may call what (true: answered, false: `denied`, or the error code expected), and params that
 * are valid for it. Methods are called in this order on one channel: events.unsubscribe ends the
 * subscription events.subscribe made just before (none for a caller it was refused to).
 */
const TABLE: Record<string, { allowed: Record<Caller, boolean | string>; params: unknown }> = {
  whoami: { allowed: everyone, params: {} },
  'hosts.list': { allowed: everyone, params: {} },
  'hosts.table': { allowed: everyone, params: {} },
  'grants.mine': { allowed: everyone, params: {} },
  'sessions.list': { allowed: everyone, params: {} },
  'commands.search': { allowed: everyone, params: { query: 'ls' } },
  'users.list': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: {} },
  // Allowed to security and admin: past the policy, an id that is not live is not_found.
  'sessions.terminate': { allowed: { admin: 'not_found', security: 'not_found', operator: false, nobody: false }, params: { sessionId: 'not-live', reason: 'review' } },
  // Own data for everyone (security and admin: everyone's); a session id that does not exist is not found.
  'review.sessions.search': { allowed: everyone, params: {} },
  'review.commands.search': { allowed: everyone, params: { query: 'ls' } },
  'review.recording.open': { allowed: { admin: 'not_found', security: 'not_found', operator: 'not_found', nobody: 'not_found' }, params: { sessionId: 'none' } },
  'review.recording.chunk': { allowed: { admin: 'not_found', security: 'not_found', operator: 'not_found', nobody: 'not_found' }, params: { sessionId: 'none', from: 0 } },
  'review.bundle.create': { allowed: { admin: 'not_found', security: 'not_found', operator: 'not_found', nobody: 'not_found' }, params: { sessionId: 'none' } },
  'review.bundle.chunk': { allowed: { admin: 'not_found', security: 'not_found', operator: 'not_found', nobody: 'not_found' }, params: { bundle: 'none', offset: 0 } },
  // Past the policy: the session decides (a host's metrics over a session the caller may review).
  'review.session.metrics': { allowed: { admin: 'not_found', security: 'not_found', operator: 'not_found', nobody: 'not_found' }, params: { sessionId: 'none' } },
  'review.audit.list': { allowed: { admin: true, security: true, operator: false, nobody: false }, params: {} },
  'review.audit.verify': { allowed: { admin: true, security: true, operator: false, nobody: false }, params: {} },
  // Any caller may ask; the topic itself decides (sessions.live: the security and admin roles see
  // every session, operators their own, a user with no role nothing).
  'events.subscribe': { allowed: { admin: true, security: true, operator: true, nobody: false }, params: { topic: 'sessions.live', params: {} } },
  'events.unsubscribe': { allowed: { admin: true, security: true, operator: true, nobody: 'not_found' }, params: { subscription: 1 } },
  // Operators and admin submit; security reads every job; an operator sees and controls only their
  // own (another's, like an unknown one, is not_found); admin controls any.
  'batch.preview': { allowed: { admin: true, security: false, operator: true, nobody: false }, params: { selector: 'web-01' } },
  'batch.start': { allowed: { admin: 'bad_request', security: false, operator: 'bad_request', nobody: false }, params: { selector: 'no-such-host', command: 'true' } },
  'batch.get': { allowed: { admin: 'not_found', security: 'not_found', operator: 'not_found', nobody: false }, params: { job: 'no-such-job' } },
  'batch.list': { allowed: { admin: true, security: true, operator: true, nobody: false }, params: {} },
  'batch.control': { allowed: { admin: 'not_found', security: false, operator: 'not_found', nobody: false }, params: { job: 'no-such-job', action: 'cancel' } },
  'batch.output': { allowed: { admin: 'not_found', security: 'not_found', operator: 'not_found', nobody: false }, params: { job: 'no-such-job', host: 'web-01' } },
  // Any signed-in user, for the hosts they may reach; no host is granted here, so every caller is
  // refused as for a host they may not reach (an unknown host gets the same answer).
  'metrics.range': { allowed: { admin: false, security: false, operator: false, nobody: false }, params: { host: 'web-01', range: '15m' } },
  // As batch.get: past the policy, a job the caller may not see (or none) is not_found.
  'metrics.batch': { allowed: { admin: 'not_found', security: 'not_found', operator: 'not_found', nobody: false }, params: { job: 'no-such-job' } },
  // Operators and admin ask (a selector naming no host is refused past the policy); security and
  // admin list everyone's requests, operators their own; only admin decides and manages grants.
  'access.requests.create': { allowed: { admin: 'bad_request', security: false, operator: 'bad_request', nobody: false }, params: { hosts: 'no-such-host', login: 'root', durationMs: 3_600_000, reason: 'roles' } },
  'access.requests.list': { allowed: { admin: true, security: true, operator: true, nobody: false }, params: {} },
  'access.requests.cancel': { allowed: { admin: 'not_found', security: false, operator: 'not_found', nobody: false }, params: { id: 999 } },
  'access.requests.approve': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { id: 999 } },
  'access.requests.deny': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { id: 999, reason: 'roles' } },
  'access.grants.list': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: {} },
  'access.grants.create': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { user: 'no-such-user', hosts: 'web-01', login: 'root', until: 4_102_444_800_000 } },
  'access.grants.edit': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { id: 999, until: 4_102_444_800_000 } },
  'access.grants.revoke': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { id: 999 } },
  'access.selector.preview': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: { selector: 'web-01' } },
  'access.mine': { allowed: everyone, params: {} },
  // Admin only; past the policy, a name that breaks the rules is bad_request and an unknown one not_found.
  'users.create': { allowed: { admin: 'bad_request', security: false, operator: false, nobody: false }, params: { name: 'bad:name' } },
  'users.disable': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { name: 'no-such-user' } },
  'users.enable': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { name: 'no-such-user' } },
  'users.roles.set': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { name: 'no-such-user', roles: [] } },
  'users.keys.list': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { name: 'no-such-user' } },
  'users.keys.add': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { name: 'no-such-user', publicKey: 'ssh-ed25519 AAAA' } },
  'users.keys.remove': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { name: 'no-such-user', fingerprint: 'SHA256:x' } },
  'groups.list': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: {} },
  'groups.create': { allowed: { admin: 'bad_request', security: false, operator: false, nobody: false }, params: { name: 'bad:name' } },
  'groups.members.add': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { group: 'no-such-group', user: 'admin' } },
  'groups.members.remove': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { group: 'no-such-group', user: 'admin' } },
  'inventory.hosts.list': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: {} },
  'inventory.hosts.create': { allowed: { admin: 'bad_request', security: false, operator: false, nobody: false }, params: { name: 'bad name', address: '10.0.0.5:22' } },
  'inventory.hosts.edit': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { name: 'no-such-host', port: '2222' } },
  'inventory.hosts.remove': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { name: 'no-such-host' } },
  'inventory.credentials.set': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { host: 'no-such-host', login: 'root', password: 'never-shown' } },
  'rules.command.list': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: {} },
  'rules.command.add': { allowed: { admin: 'bad_request', security: false, operator: false, nobody: false }, params: { hosts: '*', pattern: '(a+)+$', regex: true, action: 'reject' } },
  'rules.command.remove': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { id: 999 } },
  'rules.command.test': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: { line: 'sudo rm x', rules: [{ hosts: '*', pattern: 'rm', regex: false, action: 'reject' }] } },
  // Admin only; past the policy, an upload this channel does not hold is not_found.
  'inventory.upload': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: { data: Buffer.from('name,address\n').toString('base64') } },
  'inventory.preview': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { upload: 'none', name: 'hosts.csv' } },
  'inventory.apply': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { upload: 'none', name: 'hosts.csv', mode: 'valid_rows', planHash: 'x' } },
  'inventory.template': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: {} },
  'rules.command.corpus': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: { pattern: 'rm -rf', regex: false } },
  // Login rules are the admin's alone; past the policy a rule that does not exist is not_found.
  'rules.login.list': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: {} },
  'rules.login.check': { allowed: { admin: true, security: false, operator: false, nobody: false }, params: { user: 'no-such-user', cidrs: ['10.0.0.0/8'] } },
  'rules.login.add': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { user: 'no-such-user', cidrs: ['10.0.0.0/8'] } },
  'rules.login.remove': { allowed: { admin: 'not_found', security: false, operator: false, nobody: false }, params: { id: 999 } },
};

// `watched` is an operator of its own, so the audit rows of its denials are only this file's last test's.
const USERS = { ...CALLERS, watched: ['operator'] } satisfies Record<string, Role[]>;
type User = keyof typeof USERS;
const keys = Object.fromEntries(Object.keys(USERS).map((c) => [c, generateEd25519KeyPair()])) as Record<User, ReturnType<typeof generateEd25519KeyPair>>;
let dir: string;
let gw: Gateway;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-roles-'));
  const admin = openGatewayAdmin(dir);
  for (const [name, roles] of Object.entries(USERS)) admin.addUser({ name, roles, publicKeys: [keys[name as User].public] });
  admin.close();
  gw = await startGateway({ dataDir: dir, logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 }, auditRepeatWindowMs: 300 });
});
afterAll(async () => {
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

const openApi = (conn: Client) =>
  new Promise<ClientChannel>((resolve, reject) => conn.subsys(GATEWAY_API_SUBSYSTEM, (err, ch) => (err ? reject(err) : resolve(ch))));

type Answer = { id: number; ok: boolean; error?: { code: string; message: string } };

/** Sends one request per entry as `caller` on one API channel; the answers, in request order. */
async function callAs(caller: User, requests: Array<{ method: string; params: unknown }>): Promise<Answer[]> {
  const conn = await connectClient({ port: gw.address.port, username: caller, privateKey: keys[caller].private, hostPublicKey: gw.hostPublicKey });
  try {
    const channel = await openApi(conn);
    let text = '';
    channel.on('data', (d: Buffer) => (text += d.toString()));
    channel.end(requests.map((r, i) => JSON.stringify({ type: 'request', id: i + 1, ...r }) + '\n').join(''));
    await new Promise((resolve) => channel.on('close', resolve));
    const answers = text.trim().split('\n').map((line) => JSON.parse(line) as Answer);
    return requests.map((_, i) => answers.find((a) => a.id === i + 1)!);
  } finally {
    conn.end();
  }
}

describe('API roles', () => {
  it('the table names every method of the contract, and only those', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(gatewayMethods).sort());
  });

  for (const caller of Object.keys(CALLERS) as Caller[]) {
    it(`as ${caller}: every method answered or denied as the table says`, async () => {
      const methods = Object.keys(TABLE);
      const answers = await callAs(caller, methods.map((method) => ({ method, params: TABLE[method]?.params ?? {} })));
      const seen = Object.fromEntries(methods.map((m, i) => [m, answers[i]!.ok ? 'answered' : answers[i]!.error!.code]));
      const expected = (allowed: boolean | string | undefined) => (allowed === true ? 'answered' : allowed === false || allowed === undefined ? 'denied' : allowed);
      const wanted = Object.fromEntries(methods.map((m) => [m, expected(TABLE[m]?.allowed[caller])]));
      expect(seen).toEqual(wanted);
    });
  }

  it('a denial says what the method needs and what the caller has, and is audited with repeats counted', async () => {
    const [first, second, bad] = await callAs('watched', [
      { method: 'users.list', params: {} },
      { method: 'users.list', params: {} },
      { method: 'users.list', params: { nonsense: true } },
    ]);
    expect(first!.error).toEqual({ code: 'denied', message: 'users.list needs the admin role; you have operator', reason: 'api.role_needed', params: { method: 'users.list', roles: 'admin' } });
    expect(second!.error?.code).toBe('denied');
    // Refused before the params are looked at: a caller without the role learns nothing of them.
    expect(bad!.error?.code).toBe('denied');
    const [nobody] = await callAs('nobody', [{ method: 'users.list', params: {} }]);
    expect(nobody!.error?.message).toBe('users.list needs the admin role; you have no role');

    const denials = () => auditEntries(dir, 'api.denied').filter((e) => e.actor === 'watched');
    expect(denials()[0]).toMatchObject({ actor: 'watched', data: { method: 'users.list', count: 1 } });
    // The two that followed in the window: one row with their count once it ends.
    expect(await waitFor(() => denials().length === 2, 5_000)).toBe(true);
    expect(denials()[1]!.data).toMatchObject({ method: 'users.list', count: 2 });
  });
});
