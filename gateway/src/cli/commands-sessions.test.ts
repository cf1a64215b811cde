// `sessions list`, `recording export`, `commands search` over a data dir filled through the repos.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRepo } from '../commands/repo';
import { recordingPath } from '../recording';
import { createSessionRepo } from '../sessions/repo';
import { openStore } from '../store';
import { runCliCaptured } from '../testing';

let dir: string;
let data: string;
const CAST = '{"version": 2, "width": 80, "height": 24}\n[0.5, "o", "hi\\r\\n"]\n';

const cli = (...args: string[]) => runCliCaptured(args, { env: { PORTCULLIS_DATA: data } });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-cli-sessions-'));
  data = join(dir, 'data');
  const store = openStore(data);
  const sessions = createSessionRepo(store.db);
  const commands = createCommandRepo(store.db);
  const t = Date.UTC(2026, 0, 2, 3, 4, 5);
  const rec = recordingPath('sess-ended', t);
  mkdirSync(dirname(join(data, rec)), { recursive: true });
  writeFileSync(join(data, rec), CAST + '[0.9, "o", "tor'); // torn last line: export leaves it out
  sessions.create({ id: 'sess-ended', user: 'alice', host: 'web-01', login: 'root', kind: 'shell', command: null, startedAt: t, status: 'live', recording: rec });
  sessions.finish('sess-ended', { status: 'ended', endedAt: t + 60_000, exitCode: 0, bytes: 123, endedBy: 'expiry', endReason: 'grant expired' });
  sessions.create({ id: 'sess-live', user: 'bob', host: 'db-01', login: 'deploy', kind: 'exec', command: 'uptime', startedAt: t + 1000, status: 'live', recording: null });
  commands.add({ at: t + 2000, user: 'alice', host: 'web-01', login: 'root', sessionId: 'sess-ended', offset: 42, command: 'systemctl restart nginx' });
  commands.add({ at: t + 3000, user: 'bob', host: 'db-01', login: 'deploy', sessionId: 'sess-live', offset: 0, command: 'uptime' });
  // Port forwards, as the gateway audits them (ssh/local-forward.ts): one ended, one open, one a kill left.
  const fwd = (id: string, to: string) => ({ id, host: 'web-01', login: 'root', to });
  store.audit.record({ type: 'forwarding.open', actor: 'alice', data: { ...fwd('fw-ended', '127.0.0.1:5432'), from: '127.0.0.1:50000' } });
  store.audit.record({ type: 'forwarding.close', actor: 'alice', data: { ...fwd('fw-ended', '127.0.0.1:5432'), bytesSent: 10, bytesReceived: 20, endedBy: 'client', ms: 5 } });
  store.audit.record({ type: 'forwarding.open', actor: 'bob', data: { ...fwd('fw-killed', '127.0.0.1:6379'), from: '127.0.0.1:50001' } });
  store.audit.record({ type: 'forwarding.close', actor: 'bob', data: { ...fwd('fw-killed', '127.0.0.1:6379'), endedBy: 'interrupted', reason: 'killed' } });
  store.audit.record({ type: 'forwarding.open', actor: 'alice', data: { ...fwd('fw-live', '127.0.0.1:8080'), from: '127.0.0.1:50002' } });
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sessions list', () => {
  it('prints a table, newest first, and filters', async () => {
    const all = await cli('sessions', 'list');
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STARTED\s+ENDED\s+USER\s+TARGET\s+KIND\s+STATUS\s+ENDED BY\s+EXIT\s+BYTES\s+COMMAND$/);
    expect(lines[1]).toMatch(/^sess-live\s+2026-01-02T03:04:06Z\s+-\s+bob\s+deploy@db-01\s+exec\s+live\s+-\s+-\s+0\s+uptime$/);
    expect(lines[2]).toMatch(/^sess-ended\s+2026-01-02T03:04:05Z\s+2026-01-02T03:05:05Z\s+alice\s+root@web-01\s+shell\s+ended\s+expiry: grant expired\s+0\s+123/);
    const live = (await cli('sessions', 'list', '--live')).stdout;
    expect(live).not.toContain('sess-ended');
    // The port forward open now is listed beside the live sessions; ended and killed ones are not.
    expect(live).toMatch(/\nfw-live\s+\S+\s+-\s+alice\s+root@web-01\s+forward\s+live\s+-\s+-\s+-\s+to 127\.0\.0\.1:8080\n/);
    expect(live).not.toMatch(/fw-ended|fw-killed/);
    expect((await cli('sessions', 'list', '--live', '--host', 'db-01')).stdout).not.toContain('fw-live');
    expect(JSON.parse((await cli('sessions', 'list', '--live', '--json', '--user', 'alice')).stdout)).toEqual([
      expect.objectContaining({ id: 'fw-live', kind: 'forward', user: 'alice', host: 'web-01', login: 'root', to: '127.0.0.1:8080', from: '127.0.0.1:50002', status: 'live' }),
    ]);
    expect((await cli('sessions', 'list')).stdout).not.toContain('fw-live'); // without --live: recorded sessions only
    expect((await cli('sessions', 'list', '--user', 'alice')).stdout).not.toContain('sess-live');
    expect((await cli('sessions', 'list', '--user', 'nobody')).stdout.trim()).toBe('no sessions');
  });

  it('prints JSON with --json', async () => {
    const r = await cli('sessions', 'list', '--json', '--user', 'alice');
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ id: 'sess-ended', status: 'ended', exitCode: 0, bytes: 123, endedBy: 'expiry', endReason: 'grant expired' })]);
  });

  it('rejects a bad --limit', async () => {
    const r = await cli('sessions', 'list', '--limit', 'lots');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid --limit "lots"');
  });
});

describe('forwards list', () => {
  it('pairs each forwarding.open with its close: newest first, live ones, filters, JSON', async () => {
    const all = await cli('forwards', 'list');
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+OPENED\s+CLOSED\s+USER\s+TARGET\s+TO\s+STATUS\s+SENT\s+RECEIVED\s+ENDED BY$/);
    expect(lines[1]).toMatch(/^fw-live\s+\S+Z\s+-\s+alice\s+root@web-01\s+127\.0\.0\.1:8080\s+live\s+-\s+-\s+-$/);
    expect(lines[2]).toMatch(/^fw-killed\s+.*\sbob\s+.*\sinterrupted\s+-\s+-\s+interrupted$/);
    expect(lines[3]).toMatch(/^fw-ended\s+.*\salice\s+.*127\.0\.0\.1:5432\s+ended\s+10\s+20\s+client$/);
    expect((await cli('forwards', 'list', '--live')).stdout.trim().split('\n').slice(1).map((l) => l.split(' ')[0])).toEqual(['fw-live']);
    expect((await cli('forwards', 'list', '--user', 'bob')).stdout).not.toContain('alice');
    expect((await cli('forwards', 'list', '--user', 'nobody')).stdout.trim()).toBe('no port forwards');
    const json = JSON.parse((await cli('forwards', 'list', '--json', '--limit', '1')).stdout);
    expect(json).toEqual([expect.objectContaining({ id: 'fw-live', user: 'alice', status: 'live', from: '127.0.0.1:50002', closedAt: null, bytesSent: null })]);
  });
});

describe('recording export', () => {
  it('writes the complete lines to stdout or to --out (0600)', async () => {
    const r = await cli('recording', 'export', 'sess-ended');
    expect(r).toMatchObject({ code: 0, stdout: CAST });
    const out = join(dir, 'out.cast');
    expect((await cli('recording', 'export', 'sess-ended', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(CAST);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('says why when there is nothing to export', async () => {
    expect(await cli('recording', 'export', 'nope')).toMatchObject({ code: 1, stderr: 'error: no session nope\n' });
    expect(await cli('recording', 'export', 'sess-live')).toMatchObject({ code: 1, stderr: 'error: session sess-live has no recording (live)\n' });
  });
});

describe('commands search', () => {
  it('finds by prefix words, filters by user and host, prints JSON', async () => {
    const r = await cli('commands', 'search', 'systemctl ngin');
    expect(r.stdout).toMatch(/alice\s+root@web-01\s+sess-ended\s+42\s+systemctl restart nginx/);
    expect(r.stdout).not.toContain('uptime');
    expect((await cli('commands', 'search', '', '--user', 'bob')).stdout).toContain('uptime');
    expect((await cli('commands', 'search', 'uptime', '--host', 'web-01')).stdout.trim()).toBe('no commands found');
    expect(JSON.parse((await cli('commands', 'search', 'uptime', '--json')).stdout)).toEqual([expect.objectContaining({ command: 'uptime', sessionId: 'sess-live' })]);
  });
});
