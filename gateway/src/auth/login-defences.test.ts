// Login defences against a real gateway: ssh2 clients from distinct loopback addresses (each
// test its own, so budgets do not mix) time each answer; the real OpenSSH client logs in next to a
// NAT neighbour's failures. Base delay 300 ms (cap 1200 ms) keeps the whole file to seconds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '..';
import { openStore } from '../store';
import { connectClient, runProcess, writeKnownHosts } from '../testing';

const BASE = 300;
const MAX = 1200;
const WINDOW = 1500;
const alice = generateEd25519KeyPair();
const stranger = generateEd25519KeyPair();
const dave = generateEd25519KeyPair();
let dir: string;
let dataDir: string;
let gw: Gateway;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-login-defences-'));
  dataDir = join(dir, 'data');
  const admin = openGatewayAdmin(dataDir);
  // One key, one user: each has a key of its own (carol's and erin's are never used).
  admin.addUser({ name: 'alice', publicKeys: [alice.public] });
  admin.addUser({ name: 'dave', publicKeys: [dave.public] });
  for (const name of ['carol', 'erin']) admin.addUser({ name, publicKeys: [generateEd25519KeyPair().public] });
  admin.close();
  gw = await startGateway({
    dataDir,
    logger: silentLogger,
    loginPolicy: { sourceDelayBaseMs: BASE, sourceDelayMaxMs: MAX, maxFailures: 3 },
    auditRepeatWindowMs: WINDOW,
    // The flood below comes from one address at once: admission (tested in ssh/bounds.test.ts) must let it through.
    connections: { maxUnauthenticatedPerSource: 100 },
  });
}, 30_000);

afterAll(async () => {
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Attempt {
  /** When the key was offered and when the answer came (ms, Date.now()); answeredAt undefined if abandoned. */
  sentAt: number;
  answeredAt?: number;
  ok: boolean;
}

/** One connection from `source` offering one key as `username`; ends after `abandonAfterMs` if given. */
function attempt(source: string, username: string, key: { private: string }, abandonAfterMs?: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const conn = new ssh2.Client();
    const result: Attempt = { sentAt: 0, ok: false };
    conn.on('ready', () => {
      result.answeredAt = Date.now();
      result.ok = true;
      conn.end();
    });
    conn.on('error', () => {});
    conn.on('close', () => resolve(result));
    conn.connect({
      host: '127.0.0.1',
      port: gw.address.port,
      localAddress: source,
      username,
      readyTimeout: 30_000,
      hostVerifier: () => true,
      authHandler: (_methodsLeft, _partial, next) => {
        if (result.sentAt === 0) {
          result.sentAt = Date.now();
          if (abandonAfterMs !== undefined) setTimeout(() => conn.end(), abandonAfterMs);
          return next({ type: 'publickey', username, key: key.private });
        }
        result.answeredAt = Date.now();
        return next(false as never);
      },
    });
  });
}

const waitOf = (a: Attempt) => a.answeredAt! - a.sentAt;
/** Sequential attempts: the first one's wait, then the time from each answer to the next. */
const gapsOf = (answers: Attempt[]) => answers.map((a, i) => (i === 0 ? waitOf(a) : a.answeredAt! - answers[i - 1]!.answeredAt!));
/** Within [expected − 50, expected + 350] ms: the machine may be slow, never early. */
const near = (expected: number) => expect.toSatisfy((ms: number) => ms >= expected - 50 && ms <= expected + 350, `≈ ${expected} ms`);

function audit(type: string) {
  const store = openStore(dataDir);
  try {
    return store.audit.list({ type, limit: 100_000 }).map((e) => ({ actor: e.actor, ...e.data }) as Record<string, unknown> & { actor: string });
  } finally {
    store.close();
  }
}
const failedLogins = (name: string) => {
  const store = openStore(dataDir);
  try {
    return store.users.find(name)!;
  } finally {
    store.close();
  }
};
const countOf = (rows: Array<Record<string, unknown>>) => rows.reduce((n, r) => n + (r.count as number), 0);

describe('login defences', () => {
  it('delays failing connections 0, 1, 2, 4 … × base, once per connection', async () => {
    const answers: Attempt[] = [];
    for (let i = 0; i < 5; i++) answers.push(await attempt('127.0.0.21', 'erin', stranger));
    // Each answer comes its delay after the previous one (the client reconnects within it).
    expect(gapsOf(answers)).toEqual([near(0), near(BASE), near(2 * BASE), near(4 * BASE), near(MAX)]);
  }, 20_000);

  it('parallel wrong attempts share the budget: answered when sequential ones would have been', async () => {
    const all = await Promise.all([1, 2, 3, 4].map(() => attempt('127.0.0.22', 'mallory', stranger)));
    const start = Math.min(...all.map((a) => a.sentAt));
    const answered = all.map((a) => a.answeredAt! - start).sort((x, y) => x - y);
    expect(answered).toEqual([near(0), near(BASE), near(3 * BASE), near(7 * BASE > MAX ? 3 * BASE + MAX : 7 * BASE)]);
  }, 20_000);

  it("a NAT neighbour's failures do not delay a correct key from the same address", async () => {
    const knownHosts = writeKnownHosts(dir, gw);
    const keyFile = join(dir, 'alice_key');
    writeFileSync(keyFile, alice.private, { mode: 0o600 });
    const login = async (source: string) => {
      const started = Date.now();
      const r = await runProcess('ssh', ['-F', '/dev/null', '-b', source, '-p', String(gw.address.port), '-i', keyFile, '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', 'alice@127.0.0.1', 'true']);
      expect(r.stderr).toMatch(/no target given/); // logged in
      return Date.now() - started;
    };
    const baseline = await login('127.0.0.24');
    // Neighbours at 127.0.0.23 fail against unknown and other accounts, leaving before their answers.
    await Promise.all([...[1, 2, 3, 4, 5].map(() => attempt('127.0.0.23', 'mallory', stranger, 200)), attempt('127.0.0.23', 'dave', stranger, 200)]);
    const behindNat = await login('127.0.0.23');
    expect(behindNat).toBeLessThan(baseline + 1000);
    expect(audit('login.success').filter((e) => e.source === '127.0.0.23')).toEqual([expect.not.objectContaining({ delayedMs: expect.anything() })]);
    // A wrong key from there does wait: the address's budget applies to it.
    expect(waitOf(await attempt('127.0.0.23', 'alice', stranger))).toBeGreaterThanOrEqual(MAX - 50);
  }, 30_000);

  it('a malformed login name is audited and delayed like other failures', async () => {
    const answers: Attempt[] = [];
    for (let i = 0; i < 3; i++) answers.push(await attempt('127.0.0.25', 'alice:not a target', stranger));
    expect(gapsOf(answers)).toEqual([near(0), near(BASE), near(2 * BASE)]);
    await expect.poll(() => countOf(audit('login.failure').filter((e) => e.source === '127.0.0.25')), { timeout: WINDOW * 3 }).toBe(3);
    expect(audit('login.failure').filter((e) => e.source === '127.0.0.25')).toEqual([
      expect.objectContaining({ actor: 'alice:not a target', reason: 'malformed name', keys: [expect.stringMatching(/^SHA256:/)], count: 1 }),
      expect.objectContaining({ actor: 'alice:not a target', reason: 'malformed name', count: 2 }),
    ]);
  }, 20_000);

  it('lockout counts a failure when its answer is sent, not when the connection closes', async () => {
    // Four parallel wrong keys that leave before their delayed answers: only the first was answered.
    await Promise.all([1, 2, 3, 4].map(() => attempt('127.0.0.26', 'carol', stranger, 150)));
    expect(failedLogins('carol')).toMatchObject({ failedLogins: 1, lockedUntil: null });
    for (let i = 0; i < 2; i++) await attempt('127.0.0.27', 'carol', stranger);
    expect(failedLogins('carol').lockedUntil).toBeGreaterThan(Date.now());
    expect(audit('login.locked').filter((e) => e.user === 'carol')).toEqual([expect.objectContaining({ user: 'carol', failures: 3, source: '127.0.0.27' })]);
  }, 20_000);

  it('a flood of failures costs a bounded number of audit rows whose counts add up', async () => {
    const FLOOD = 40;
    await Promise.all(Array.from({ length: FLOOD }, () => attempt('127.0.0.28', 'mallory', stranger, 100)));
    await expect.poll(() => countOf(audit('login.failure').filter((e) => e.source === '127.0.0.28')), { timeout: WINDOW * 3 }).toBe(FLOOD);
    const rows = audit('login.failure').filter((e) => e.source === '127.0.0.28');
    expect(rows.length).toBeLessThanOrEqual(4); // first and count of each kind: unknown user, closed while delayed
    expect(new Set(rows.map((r) => r.reason))).toEqual(new Set(['unknown user', 'closed while delayed']));
  }, 30_000);
});

describe('refused forwards', () => {
  it('a flood of refused forwards from a user costs a bounded number of audit rows whose counts add up', async () => {
    const FLOOD = 300;
    const conn = await connectClient({ port: gw.address.port, username: 'dave', privateKey: dave.private, hostPublicKey: gw.hostPublicKey });
    try {
      await Promise.all(Array.from({ length: FLOOD }, () => new Promise<void>((resolve) => conn.forwardOut('127.0.0.1', 1, '127.0.0.1', 80, () => resolve()))));
    } finally {
      conn.end();
    }
    const refused = () => audit('forwarding.refused').filter((e) => e.actor === 'dave');
    await expect.poll(() => countOf(refused()), { timeout: WINDOW * 3 }).toBe(FLOOD);
    expect(refused()).toEqual([
      expect.objectContaining({ kind: 'direct-tcpip', to: '127.0.0.1:80', count: 1 }),
      expect.objectContaining({ kind: 'direct-tcpip', to: '127.0.0.1:80', count: FLOOD - 1 }),
    ]);
  }, 20_000);
});
