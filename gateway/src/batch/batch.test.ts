// Batch jobs end to end: a real gateway, real sshd targets, the API over the ssh2 client and
// `ssh … batch` from the real OpenSSH client. Every sshd runs on this machine, so a command tells
// the hosts apart by the HOME each sshd sets (…/NAME/home).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_API_SUBSYSTEM } from '../../../shared/contract/gateway-api';
import type { BatchHost, BatchJob, BatchProgress, BatchSettingsInput } from '../../../shared/contract/gateway-api/batch';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { startSshdHosts, type SshdHosts } from '../../../lab/sshd-hosts';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '..';
import { createCommandRepo } from '../commands/repo';
import { createCommandRuleAdmin } from '../rules/command/admin';
import { searchSessions } from '../review/session-search';
import { createSessionRepo } from '../sessions/repo';
import { openStore } from '../store';
import { auditEntries, connectClient, openSshClientOptions, runProcess, waitFor, withAdmin, writeKnownHosts } from '../testing';

const WEB = ['web-01', 'web-02', 'web-03', 'web-04'];
const USERS = { alice: ['operator'], bob: ['operator'], sam: ['security'] } as const;
type User = keyof typeof USERS;
const keys = Object.fromEntries(Object.keys(USERS).map((u) => [u, generateEd25519KeyPair()])) as Record<User, ReturnType<typeof generateEd25519KeyPair>>;
const sshdLog: Record<string, string[]> = {};
let dir: string;
let dataDir: string;
let lab: SshdHosts;
let gw: Gateway;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-batch-'));
  dataDir = join(dir, 'data');
  const credential = generateEd25519KeyPair();
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: [...WEB, 'secret-01'], authorizedKeys: [credential.public], onLog: (host, line) => (sshdLog[host] ??= []).push(line) });
  const admin = openGatewayAdmin(dataDir);
  for (const [name, roles] of Object.entries(USERS)) admin.addUser({ name, roles: [...roles], publicKeys: [keys[name as User].public] });
  for (const h of lab.hosts) {
    admin.addHost({ name: h.name, address: h.address, nodes: [['fleet', h.name.startsWith('web') ? 'web' : 'vault']] });
    admin.setCredential({ host: h.name, login: h.login, privateKey: credential.private });
    admin.pinHostKey(h.name, h.hostPublicKey);
  }
  admin.addGrant({ user: 'alice', hosts: WEB.join(','), login: lab.hosts[0]!.login });
  admin.addGrant({ user: 'bob', hosts: WEB.join(','), login: lab.hosts[0]!.login });
  admin.close();
  gw = await startGateway({ dataDir, logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 } });
});

afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
});

/** The API over one channel: calls, and the events that came. */
async function api(user: User) {
  const conn: Client = await connectClient({ port: gw.address.port, username: user, privateKey: keys[user].private, hostPublicKey: gw.hostPublicKey });
  const channel = await new Promise<ClientChannel>((resolve, reject) => conn.subsys(GATEWAY_API_SUBSYSTEM, (err, ch) => (err ? reject(err) : resolve(ch))));
  const pending = new Map<number, (m: { ok: boolean; result?: unknown; error?: { code: string; message: string } }) => void>();
  const events: Array<{ event: string; data: BatchProgress }> = [];
  const wakers = new Set<() => void>();
  let text = '';
  let nextId = 1;
  channel.on('data', (d: Buffer) => {
    text += d.toString();
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n')) {
      const msg = JSON.parse(text.slice(0, nl)) as { type: string; id?: number; event?: string; payload?: { data: BatchProgress } };
      text = text.slice(nl + 1);
      if (msg.type === 'response') pending.get(msg.id!)?.(msg as never);
      else if (msg.type === 'event') events.push({ event: msg.event!, data: msg.payload!.data });
    }
    wakers.forEach((w) => w());
  });
  const call = async <T = unknown>(method: string, params: unknown): Promise<T> => {
    const id = nextId++;
    const answer = new Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>((resolve) => pending.set(id, resolve));
    channel.write(JSON.stringify({ type: 'request', id, method, params }) + '\n');
    const m = await answer;
    if (!m.ok) throw Object.assign(new Error(m.error!.message), { code: m.error!.code });
    return m.result as T;
  };
  /** Waits until an event matches. */
  const event = (match: (d: BatchProgress) => boolean, timeoutMs = 20_000) =>
    new Promise<BatchProgress>((resolve, reject) => {
      const check = () => {
        const found = events.find((e) => match(e.data));
        if (!found) return;
        wakers.delete(check);
        clearTimeout(timer);
        resolve(found.data);
      };
      const timer = setTimeout(() => reject(new Error(`no matching event; got ${JSON.stringify(events.map((e) => e.data.change))}`)), timeoutMs);
      wakers.add(check);
      check();
    });
  return { call, event, events, close: () => conn.end() };
}

type Detail = { job: BatchJob; hosts: BatchHost[]; groups: Array<{ exitCode: number | null; hosts: string[]; outputTail: string }>; actions: Array<{ actor: string; action: string }> };
const jobIs = (id: string, state: BatchJob['state']) => (d: BatchProgress) => (d.change === 'job' || d.change === 'snapshot') && d.job.id === id && d.job.state === state && d.job.counts.running === 0;
const statusOf = (d: Detail) => Object.fromEntries(d.hosts.map((h) => [h.host, h.status]));
const onHost = (host: string, then: string, otherwise: string) => `case "$HOME" in */${host}/*) ${then};; *) ${otherwise};; esac`;
const sessionsOn = (host: string) => {
  const store = openStore(dataDir);
  try {
    return createSessionRepo(store.db).list({ host, limit: 1000 });
  } finally {
    store.close();
  }
};

/** Runs `fn` with the command rules' admin on the running gateway's database. */
function withCommandRules<T>(fn: (rules: ReturnType<typeof createCommandRuleAdmin>) => T): T {
  const store = openStore(dataDir);
  try {
    return fn(createCommandRuleAdmin(store, 'admin'));
  } finally {
    store.close();
  }
}

/** `ssh alice@gateway COMMAND…` with the real OpenSSH client. */
async function ssh(command: string[]) {
  const keyFile = join(dir, 'alice_key');
  writeFileSync(keyFile, keys.alice.private, { mode: 0o600 });
  const args = ['-p', String(gw.address.port), ...openSshClientOptions(keyFile, writeKnownHosts(dir, gw)), 'alice@127.0.0.1', ...command];
  return runProcess('ssh', args);
}

async function startAndWatch(user: User, settings: BatchSettingsInput) {
  const c = await api(user);
  const job = await c.call<BatchJob>('batch.start', settings);
  await c.call('events.subscribe', { topic: 'batch.progress', params: { job: job.id } });
  return { c, job };
}

describe('preview', () => {
  it('lists the hosts a selector names and which the caller may not run on', async () => {
    const c = await api('alice');
    expect(await c.call('batch.preview', { selector: 'web-02,secret-01,no-such-01' })).toEqual({
      hosts: [{ host: 'web-02', login: lab.hosts[0]!.login }],
      notPermitted: [
        { host: 'secret-01', reason: 'no_grant' },
        { host: 'no-such-01', reason: 'no_grant' },
      ],
    });
    // A node selector names only hosts the caller can see: the vault node stays unknown.
    expect(await c.call('batch.preview', { selector: 'node:fleet' })).toMatchObject({ hosts: WEB.map((host) => ({ host })), notPermitted: [] });
    await expect(c.call('batch.preview', { selector: 'env=' })).rejects.toMatchObject({ code: 'bad_request' });
    c.close();
  });
});

describe('rollout', () => {
  it('a failing canary pauses the job before the next wave; a new result group pauses it again', async () => {
    const { c, job } = await startAndWatch('alice', { selector: WEB.join(','), command: onHost('web-01', 'echo broken; exit 3', 'echo fine'), serial: '1,2' });
    expect(job).toMatchObject({ state: 'running', waves: 3 });
    const paused = await c.event(jobIs(job.id, 'paused'));
    expect(paused).toMatchObject({ job: { pausedReason: 'canary_failed', wave: 1, counts: { failed: 1, pending: 3 } } });
    let detail = await c.call<Detail>('batch.get', { job: job.id });
    expect(statusOf(detail)).toEqual({ 'web-01': 'failed', 'web-02': 'pending', 'web-03': 'pending', 'web-04': 'pending' });
    expect(detail.hosts[0]).toMatchObject({ exitCode: 3, outputBytes: 7 });
    for (const host of ['web-02', 'web-03', 'web-04']) expect(sessionsOn(host).filter((s) => s.command?.includes('broken'))).toEqual([]);

    // Resumed, wave 1 prints "fine": a result the canary (exit 3, "broken") did not give.
    await c.call('batch.control', { job: job.id, action: 'resume' });
    await c.event((d) => jobIs(job.id, 'paused')(d) && d.change !== 'host' && d.change !== 'output' && d.job.pausedReason === 'canary_diff');
    detail = await c.call<Detail>('batch.get', { job: job.id });
    expect(statusOf(detail)).toMatchObject({ 'web-02': 'ok', 'web-03': 'ok', 'web-04': 'pending' });
    expect(detail.groups).toEqual([
      { exitCode: 0, hosts: ['web-02', 'web-03'], outputTail: 'fine\n' },
      { exitCode: 3, hosts: ['web-01'], outputTail: 'broken\n' },
    ]);

    await c.call('batch.control', { job: job.id, action: 'resume' });
    await c.event(jobIs(job.id, 'done'));
    detail = await c.call<Detail>('batch.get', { job: job.id });
    expect(detail.job.counts).toMatchObject({ ok: 3, failed: 1 });
    expect(detail.actions.map((a) => `${a.actor} ${a.action}`)).toEqual(['alice start', 'alice resume', 'alice resume']);
    c.close();
  });

  it('a passed threshold stops dispatch: nothing more starts; cancel ends the rest', async () => {
    const { c, job } = await startAndWatch('alice', { selector: WEB.join(','), command: 'exit 1', parallel: 1, maxFail: '0' });
    await c.event(jobIs(job.id, 'paused'));
    const detail = await c.call<Detail>('batch.get', { job: job.id });
    expect(detail.job.pausedReason).toBe('threshold');
    expect(statusOf(detail)).toEqual({ 'web-01': 'failed', 'web-02': 'pending', 'web-03': 'pending', 'web-04': 'pending' });
    // Still nothing started a while later.
    await new Promise((r) => setTimeout(r, 500));
    expect((await c.call<Detail>('batch.get', { job: job.id })).job.counts).toMatchObject({ failed: 1, pending: 3 });
    for (const host of ['web-02', 'web-03', 'web-04']) expect(sessionsOn(host).filter((s) => s.command === 'exit 1')).toEqual([]);

    // bob (another operator) does not see it and cannot control it; alice cancels.
    const bob = await api('bob');
    await expect(bob.call('batch.control', { job: job.id, action: 'cancel' })).rejects.toMatchObject({ code: 'not_found' });
    bob.close();
    expect(await c.call('batch.control', { job: job.id, action: 'cancel' })).toMatchObject({ state: 'cancelled', counts: { failed: 1, cancelled: 3 } });
    const refused = c.call('batch.control', { job: job.id, action: 'resume' });
    await expect(refused).rejects.toMatchObject({ code: 'bad_request' });
    await expect(refused).rejects.toThrow(`job ${job.id} is cancelled: it cannot resume`);
    expect(auditEntries(dataDir, 'batch.control').map((e) => e.data)).toContainEqual({ job: job.id, action: 'cancel', submitter: 'alice' });
    c.close();
  });

  it('retry-failed runs only the failed hosts again', async () => {
    const flag = join(dir, 'second-try');
    const { c, job } = await startAndWatch('alice', { selector: 'web-01,web-02', command: onHost('web-02', `test -e ${flag}`, 'true') });
    await c.event(jobIs(job.id, 'done'));
    expect(statusOf(await c.call<Detail>('batch.get', { job: job.id }))).toEqual({ 'web-01': 'ok', 'web-02': 'failed' });
    writeFileSync(flag, '');
    await c.call('batch.control', { job: job.id, action: 'retry-failed' });
    await c.event((d) => jobIs(job.id, 'done')(d) && d.change !== 'host' && d.change !== 'output' && d.job.counts.ok === 2);
    expect(sessionsOn('web-01').filter((s) => s.command?.includes(flag))).toHaveLength(1);
    expect(sessionsOn('web-02').filter((s) => s.command?.includes(flag))).toHaveLength(2);
    c.close();
  });
});

describe('a host the user may not reach', () => {
  it('is not permitted, and never contacted', async () => {
    const before = (sshdLog['secret-01'] ?? []).length;
    const { c, job } = await startAndWatch('alice', { selector: 'web-01,secret-01', command: 'echo reached' });
    await c.event(jobIs(job.id, 'done'));
    const detail = await c.call<Detail>('batch.get', { job: job.id });
    expect(statusOf(detail)).toEqual({ 'web-01': 'ok', 'secret-01': 'not_permitted' });
    expect(detail.hosts.find((h) => h.host === 'secret-01')).toMatchObject({ sessionId: null, wave: null });
    expect(sessionsOn('secret-01')).toEqual([]);
    expect((sshdLog['secret-01'] ?? []).slice(before)).toEqual([]);
    // The check means something: the host that ran logged its connection.
    expect((sshdLog['web-01'] ?? []).some((l) => /Accepted publickey/.test(l))).toBe(true);
    c.close();
  });
});

describe('a job belongs to the gateway', () => {
  it('goes on when the client that started it goes, and can be watched again, by the submitter or security', async () => {
    const first = await api('alice');
    const job = await first.call<BatchJob>('batch.start', { selector: WEB.join(','), command: 'sleep 1; echo slept', parallel: 2 });
    first.close();

    const again = await api('alice');
    await again.call('events.subscribe', { topic: 'batch.progress', params: { job: job.id } });
    const snapshot = await again.event((d) => d.change === 'snapshot');
    expect(snapshot).toMatchObject({ job: { id: job.id, state: 'running' }, more: false });
    await again.event(jobIs(job.id, 'done'), 30_000);
    const lines = again.events.flatMap(({ data }) => (data.change === 'output' ? data.lines.map((l) => `${data.host}: ${l}`) : []));
    expect(lines.sort()).toEqual(WEB.map((h) => `${h}: slept`));
    again.close();

    const sam = await api('sam');
    expect((await sam.call<Detail>('batch.get', { job: job.id })).job.counts.ok).toBe(4);
    expect((await sam.call<BatchJob[]>('batch.list', {})).map((j) => j.id)).toContain(job.id);
    await expect(sam.call('batch.control', { job: job.id, action: 'retry-failed' })).rejects.toMatchObject({ code: 'denied' });
    sam.close();
    const bob = await api('bob');
    await expect(bob.call('batch.get', { job: job.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await bob.call<BatchJob[]>('batch.list', {})).map((j) => j.id)).not.toContain(job.id);
    bob.close();
  });
});

describe('each host run is a recorded exec session', () => {
  it('with a sessions row, a recording and a command-log row per host; batch.output reads the recording; a script goes on stdin', async () => {
    const script = 'echo first\necho second >&2\nexit 0\n';
    const { c, job } = await startAndWatch('alice', { selector: 'web-03,web-04', script });
    await c.event(jobIs(job.id, 'done'));
    const detail = await c.call<Detail>('batch.get', { job: job.id });
    const store = openStore(dataDir);
    try {
      const sessions = createSessionRepo(store.db);
      const commands = createCommandRepo(store.db);
      for (const h of detail.hosts) {
        const s = sessions.get(h.sessionId!)!;
        expect(s).toMatchObject({ user: 'alice', host: h.host, kind: 'exec', command: 'sh -s', status: 'ended', exitCode: 0 });
        expect(existsSync(join(dataDir, s.recording!))).toBe(true);
        expect(commands.search({ query: 'sh', user: 'alice', host: h.host, limit: 100 }).map((r) => r.sessionId)).toContain(s.id);
      }
      // Review tells them apart from other exec sessions: kind batch, with their job.
      const inReview = searchSessions(store.db, { kind: 'batch', user: 'alice' }).sessions.filter((r) => r.batchJob === job.id);
      expect(inReview.map((r) => r.id).sort()).toEqual(detail.hosts.map((h) => h.sessionId).sort());
      expect(searchSessions(store.db, { kind: 'exec', user: 'alice' }).sessions.map((r) => r.id)).not.toContain(detail.hosts[0]!.sessionId);
    } finally {
      store.close();
    }
    const out = await c.call<{ data: string; total: number; complete: boolean }>('batch.output', { job: job.id, host: 'web-03' });
    expect(out).toMatchObject({ complete: true });
    expect(out.data.replace(/\r/g, '')).toMatch(/first\n[^]*second\n|second\n[^]*first\n/);
    expect(await c.call('batch.output', { job: job.id, host: 'web-03', offset: 2, limit: 3 })).toMatchObject({ data: out.data.slice(2, 5), total: out.total });
    c.close();
  });
});

describe('ssh … batch', () => {
  it('prints each host line prefixed, folds identical outputs, exits 0 when every host succeeded', async () => {
    const r = await ssh(['batch', '--hosts', 'web-01,web-02,web-03', '--parallel', '3', '--', 'echo one; echo two']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    for (const h of ['web-01', 'web-02', 'web-03']) expect(lines.filter((l) => l.startsWith(`${h}: `))).toEqual([`${h}: one`, `${h}: two`]);
    expect(r.stdout).toMatch(/^--- batch \S+: 3 hosts: 3 ok$/m);
    expect(r.stdout).toContain('3 hosts: same output, exit 0: web-01, web-02, web-03');
  });

  it('exits 1 when a host fails or is not permitted, and says which', async () => {
    const r = await ssh(['batch', '--hosts', 'web-01,web-02,secret-01', '--', onHost('web-02', 'echo bad >&2; exit 4', 'true')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('web-02: bad');
    expect(r.stdout).toContain('failed: web-02: bad');
    expect(r.stdout).toContain('not permitted (no grant): secret-01');
  });

  it('refuses bad arguments with usage, exit 2, and starts nothing', async () => {
    const r = await ssh(['batch', '--hosts', 'web-01', '--max-fail', 'lots', '--', 'true']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/portcullis: batch: maxFail: a count \(5\) or a percentage \(20%\)\nusage: batch --hosts/);
  });
});

describe('a gateway restart', () => {
  it('marks the jobs it was running as interrupted', async () => {
    const c = await api('alice');
    const job = await c.call<BatchJob>('batch.start', { selector: 'web-01', command: 'sleep 30' });
    await waitFor(() => sessionsOn('web-01').some((s) => s.command === 'sleep 30' && s.status === 'live'), 10_000);
    c.close();
    await gw.close();
    gw = await startGateway({ dataDir, logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 } });
    const again = await api('alice');
    const detail = await again.call<Detail>('batch.get', { job: job.id });
    expect(detail.job.state).toBe('interrupted');
    expect(statusOf(detail)).toEqual({ 'web-01': 'interrupted' });
    again.close();
  });
});

describe('a host the gateway refuses at run time', () => {
  it('is refused by a command rule (not unreachable), counts as failed even with unreachable ignored, and the threshold pauses', async () => {
    const rule = withCommandRules((rules) => rules.add({ hosts: 'web-02', pattern: 'date', action: 'reject' }));
    try {
      const { c, job } = await startAndWatch('alice', { selector: 'web-01,web-02,web-03', command: 'date', parallel: 1, maxFail: '0', unreachable: 'ignore' });
      await c.event(jobIs(job.id, 'paused'));
      const detail = await c.call<Detail>('batch.get', { job: job.id });
      expect(detail.job).toMatchObject({ pausedReason: 'threshold', counts: { ok: 1, refused: 1, unreachable: 0, pending: 1 } });
      expect(statusOf(detail)).toEqual({ 'web-01': 'ok', 'web-02': 'refused', 'web-03': 'pending' });
      expect(detail.hosts[1]).toMatchObject({ reason: 'command_rule', sessionId: null, firstError: expect.stringMatching(/rejected by a command rule; nothing was run/) });
      expect(sessionsOn('web-02').filter((s) => s.command === 'date')).toEqual([]);
      await c.call('batch.control', { job: job.id, action: 'cancel' });
      c.close();

      const r = await ssh(['batch', '--hosts', 'web-02', '--unreachable', 'ignore', '--', 'date']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^--- batch \S+: 1 host: 1 refused$/m);
      expect(r.stdout).toContain('refused (a command rule): web-02: portcullis: ');
    } finally {
      withCommandRules((rules) => rules.remove(rule.id));
    }
  });

  it('is not permitted when its grant is revoked while the job runs, and that counts as failed', async () => {
    const grant = withAdmin(dataDir, (admin) => admin.addGrant({ user: 'alice', hosts: 'secret-01', login: lab.hosts[0]!.login }));
    const { c, job } = await startAndWatch('alice', { selector: 'web-01,secret-01', command: 'sleep 1; echo done', serial: '1', maxFail: '0' });
    expect(job.counts).toMatchObject({ not_permitted: 0 }); // both were permitted at the start
    await waitFor(() => sessionsOn('web-01').some((s) => s.command === 'sleep 1; echo done' && s.status === 'live'), 10_000);
    withAdmin(dataDir, (admin) => admin.revokeGrant(grant.id));
    await c.event(jobIs(job.id, 'paused'));
    const detail = await c.call<Detail>('batch.get', { job: job.id });
    expect(detail.job.pausedReason).toBe('threshold');
    expect(statusOf(detail)).toEqual({ 'web-01': 'ok', 'secret-01': 'not_permitted' });
    expect(detail.hosts[1]).toMatchObject({ reason: 'no_grant', wave: 1, sessionId: null });
    expect(sessionsOn('secret-01')).toEqual([]);
    await c.call('batch.control', { job: job.id, action: 'cancel' });
    c.close();
  });
});

describe('control by hand and the per-host timeout', () => {
  const ranOn = (host: string, command: string) => sessionsOn(host).filter((s) => s.command === command);

  it('pause stops dispatch (runs under way finish), resume goes on', async () => {
    const command = 'sleep 1; echo paused-by-hand';
    const { c, job } = await startAndWatch('alice', { selector: WEB.join(','), command, parallel: 1 });
    await waitFor(() => ranOn('web-01', command).some((s) => s.status === 'live'), 10_000);
    expect(await c.call('batch.control', { job: job.id, action: 'pause' })).toMatchObject({ state: 'paused', pausedReason: 'user' });
    await c.event(jobIs(job.id, 'paused'));
    expect(statusOf(await c.call<Detail>('batch.get', { job: job.id }))).toEqual({ 'web-01': 'ok', 'web-02': 'pending', 'web-03': 'pending', 'web-04': 'pending' });
    await new Promise((r) => setTimeout(r, 1500));
    for (const host of ['web-02', 'web-03', 'web-04']) expect(ranOn(host, command)).toEqual([]);

    await c.call('batch.control', { job: job.id, action: 'resume' });
    await c.event((d) => jobIs(job.id, 'done')(d) && d.change !== 'host' && d.change !== 'output', 30_000);
    const detail = await c.call<Detail>('batch.get', { job: job.id });
    expect(detail.job.counts).toMatchObject({ ok: 4 });
    expect(detail.actions.map((a) => a.action)).toEqual(['start', 'pause', 'resume']);
    for (const host of WEB) expect(ranOn(host, command)).toHaveLength(1);
    c.close();
  });

  it('skip-failed after a failing wave goes on without the failed hosts, and never runs them again', async () => {
    const command = onHost('web-01', 'echo no >&2; exit 5', 'echo skip-failed');
    const { c, job } = await startAndWatch('alice', { selector: WEB.join(','), command, serial: '2', waveMaxFail: '0' });
    await c.event(jobIs(job.id, 'paused'));
    let detail = await c.call<Detail>('batch.get', { job: job.id });
    expect(detail.job.pausedReason).toMatch(/^(wave_threshold|canary_failed)$/);
    expect(statusOf(detail)).toMatchObject({ 'web-01': 'failed', 'web-03': 'pending', 'web-04': 'pending' });

    await c.call('batch.control', { job: job.id, action: 'skip-failed' });
    await c.event((d) => jobIs(job.id, 'done')(d) && d.change !== 'host' && d.change !== 'output', 30_000);
    detail = await c.call<Detail>('batch.get', { job: job.id });
    expect(statusOf(detail)).toEqual({ 'web-01': 'skipped', 'web-02': 'ok', 'web-03': 'ok', 'web-04': 'ok' });
    expect(ranOn('web-01', command)).toHaveLength(1);
    c.close();
  });

  it('--timeout 1 ends a `sleep 5` as timed out within about a second: its session is closed and recorded as terminated', async () => {
    const started = Date.now();
    const r = await ssh(['batch', '--hosts', 'web-01', '--timeout', '1', '--', 'sleep 5']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('timeout: web-01: timed out after 1 s');
    const c = await api('alice');
    const [host] = (await c.call<Detail>('batch.get', { job: /^--- batch (\S+):/m.exec(r.stdout)![1]! })).hosts;
    c.close();
    expect(host).toMatchObject({ status: 'timeout', firstError: 'timed out after 1 s' });
    expect(host!.durationMs!).toBeLessThan(3000);
    expect(Date.now() - started).toBeLessThan(4500);
    // OpenSSH's sshd neither ends a command without a terminal when its channel closes nor honours
    // signal requests, so what the gateway can do is close it and say why (docs/GATEWAY.md).
    expect(auditEntries(dataDir, 'session.end').find((e) => e.data.session === host!.sessionId)?.data).toMatchObject({ endedBy: 'terminated', reason: expect.stringContaining('per-host timeout (1 s)') });
  });
});

describe('batch.progress by role', () => {
  it("a reviewer (security) may watch another user's job; another operator is refused, and that is audited", async () => {
    const c = await api('alice');
    const job = await c.call<BatchJob>('batch.start', { selector: 'web-01', command: 'echo watched' });
    const sam = await api('sam');
    await sam.call('events.subscribe', { topic: 'batch.progress', params: { job: job.id } });
    expect(await sam.event((d) => d.change === 'snapshot')).toMatchObject({ job: { id: job.id, submitter: 'alice' } });
    await sam.event(jobIs(job.id, 'done'));
    const bob = await api('bob');
    await expect(bob.call('events.subscribe', { topic: 'batch.progress', params: { job: job.id } })).rejects.toMatchObject({ code: 'denied' });
    expect(await waitFor(() => auditEntries(dataDir, 'api.denied').some((e) => e.actor === 'bob' && e.data.topic === 'batch.progress'), 5_000)).toBe(true);
    for (const client of [c, sam, bob]) client.close();
  });
});
