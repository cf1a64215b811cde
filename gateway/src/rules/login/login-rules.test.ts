// Login rules end to end: a real gateway, a real OpenSSH target and the real OpenSSH client. A
// login refused by a source rule and allowed by another, a live session cut when a rule removal
// leaves its source outside, and one warned then cut when its window closes (the rules' clock is
// moved to just before the close).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../../../lab/sshd-hosts';
import { GATEWAY_BIN } from '../../../../lab/gateway-bin';
import { generateEd25519KeyPair } from '../../../../shared/node/ssh-keys';
import { silentLogger, startGateway, type Gateway } from '../..';
import { auditEntries, spawnOpenSsh, waitFor, withAdmin, writeKnownHosts } from '../../testing';
import { openStore } from '../../store';
import { createLoginRuleAdmin } from './admin';

const alice = generateEd25519KeyPair();
const credential = generateEd25519KeyPair();
let dir: string;
let dataDir: string;
let lab: SshdHosts;
let gw: Gateway;
let login: string;
let aliceKey: string;
let knownHosts: string;
/** Where the rules' clock is, relative to the real one. */
let shift = 0;

const ssh = (command: string[] = [], options: string[] = []) =>
  spawnOpenSsh({ port: gw.address.port, keyFile: aliceKey, knownHosts, user: `alice:${login}@web-01`, command, options });
const rules = <T>(fn: (r: ReturnType<typeof createLoginRuleAdmin>) => T): T => {
  const store = openStore(dataDir);
  try {
    return fn(createLoginRuleAdmin(store, 'test-admin'));
  } finally {
    store.close();
  }
};
/** The CLI in another process, as an admin on the gateway host would run it. */
const cli = (...args: string[]) => spawnSync(process.execPath, [GATEWAY_BIN, ...args, '--data', dataDir], { encoding: 'utf8', env: { ...process.env, PORTCULLIS_LOG_LEVEL: 'warn' } });
/** Whether a session ended for this reason is in the audit log (its row is written as the session winds down). */
const endedFor = (reason: string) => waitFor(() => auditEntries(dataDir, 'session.end').some((e) => e.data.endedBy === 'login-rule' && e.data.reason === reason), 5000);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-login-rules-'));
  dataDir = join(dir, 'data');
  aliceKey = join(dir, 'alice_key');
  writeFileSync(aliceKey, alice.private, { mode: 0o600 });
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [credential.public] });
  login = lab.hosts[0]!.login;
  withAdmin(dataDir, (a) => {
    a.addUser({ name: 'alice', publicKeys: [alice.public] });
    a.addHost({ name: 'web-01', address: lab.hosts[0]!.address });
    a.setCredential({ host: 'web-01', login, privateKey: credential.private });
    a.pinHostKey('web-01', lab.hosts[0]!.hostPublicKey);
    a.addGrant({ user: 'alice', hosts: 'web-01', login });
    a.addGroup('ops');
    a.addGroupMember('ops', 'alice');
  });
  gw = await startGateway({ dataDir, logger: silentLogger, loginRules: { now: () => Date.now() + shift } });
  knownHosts = writeKnownHosts(dir, gw);
}, 60_000);

afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('login rules', () => {
  it('refuses a login from 127.0.0.1 outside every rule, saying why, audited with the rule; another rule lets it in', async () => {
    const r1 = cli('rule', 'login', 'add', '--user', 'alice', '--cidr', '10.0.0.0/8');
    expect(r1.status, r1.stderr).toBe(0);
    const refused = ssh(['echo', 'REACHED']);
    expect(await refused.exited).toBe(1);
    expect(refused.stdout()).not.toContain('REACHED');
    expect(refused.stderr()).toContain('portcullis: login refused: your address is not allowed by the login rules (rule 1)');
    const rows = auditEntries(dataDir, 'login.refused');
    expect(rows.at(-1)).toMatchObject({ actor: 'alice', data: { cause: 'source_not_allowed', rule: 1, rules: [1], source: expect.stringMatching(/127\.0\.0\.1$/) } });
    expect(auditEntries(dataDir, 'login.success')).toHaveLength(0);

    // A group's rule from loopback: any one rule that matches lets the login in.
    expect(cli('rule', 'login', 'add', '--group', 'ops', '--cidr', '127.0.0.0/8', '--cidr', '::1').status).toBe(0);
    const allowed = ssh(['echo', 'REACHED']);
    expect(await allowed.exited).toBe(0);
    expect(allowed.stdout()).toContain('REACHED');
  }, 60_000);

  it('cuts a live session when a removed rule leaves its source outside, with the rule as the cause', async () => {
    const run = ssh([], ['-tt']);
    run.write('echo "READY-$((40+2))"\n');
    await run.waitFor(/READY-42/, 20_000);
    expect(cli('rule', 'remove', '2').status).toBe(0); // alice keeps rule 1: 10.0.0.0/8 only
    await run.waitFor(/the login rules no longer allow your address \(rule 1\); the session ends now/, 10_000, 'stderr');
    expect(await run.exited).toBe(255);
    expect(await endedFor('the login rules no longer allow your address (rule 1)')).toBe(true);
    rules((r) => r.remove(1));
  }, 60_000);

  it('warns in the terminal, then cuts, when the window closes (DST-free clock moved to 20 s before 20:00 UTC on a Monday)', async () => {
    const closeAt = Date.parse('2030-01-07T20:00:00Z'); // a Monday
    shift = closeAt - 20_000 - Date.now();
    rules((r) => r.add({ user: 'alice', days: 'mon-fri', hours: '08:00-20:00', timeZone: 'UTC' }));
    const realClose = Date.now() + 20_000;
    const run = ssh([], ['-tt']);
    await run.waitFor(/your access to the gateway ends in (1?\d|20) s/, 15_000);
    expect(Date.now()).toBeLessThan(realClose + 500); // warned before the close
    await run.waitFor(/the login rules' hours are over \(rule 3\); the session ends now/, 30_000, 'stderr');
    expect(Date.now()).toBeGreaterThanOrEqual(realClose - 1000);
    expect(await run.exited).toBe(255);
    expect(await endedFor("the login rules' hours are over (rule 3)")).toBe(true);

    // Now outside the window: refused at login, audited as outside_window.
    const refused = ssh(['true']);
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toContain('login refused: outside the hours the login rules allow (rule 3)');
    expect(auditEntries(dataDir, 'login.refused').at(-1)).toMatchObject({ data: { cause: 'outside_window', rule: 3 } });
  }, 60_000);
});
