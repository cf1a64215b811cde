// Session search on 100,000 sessions: every filter's query stays on an index that also gives the
// order (EXPLAIN QUERY PLAN, not a timing), and keyset pages walk all matches once, in order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { createCommandRepo } from '../commands/repo';
import { searchSessions, sessionSearchQuery, type SessionSearch } from './session-search';

const N = 100_000;
const T0 = Date.UTC(2026, 0, 1);
let dir: string;
let store: Store;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-review-search-'));
  store = openStore(dir);
  const insert = store.db.prepare(
    `INSERT INTO sessions (id, user, host, login, kind, command, started_at, ended_at, status, recording, bytes, source, ended_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, '127.0.0.1:40000', ?)`,
  );
  store.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const status = i % 97 === 0 ? 'live' : i % 13 === 0 ? 'interrupted' : 'ended';
      // Every 1000th pair of sessions starts at the same ms: the id breaks the tie.
      const at = T0 + Math.floor(i / 2) * 1000;
      insert.run(`s${String(i).padStart(6, '0')}`, `user${i % 50}`, `host${i % 200}`, i % 3 ? 'root' : 'deploy', i % 4 ? 'shell' : 'exec', null, at, status === 'live' ? null : at + 5000, status, status === 'live' ? null : 'client');
    }
  })();
  // A batch job ran on two hosts: its runs are exec sessions s000004 and s000008.
  store.db.prepare(`INSERT INTO batch_jobs (id, submitter, settings, state, waves, created_at) VALUES ('job-1', 'user4', '{}', 'done', 1, ?)`).run(T0);
  for (const [i, id] of ['s000004', 's000008'].entries()) store.db.prepare(`INSERT INTO batch_hosts (job_id, idx, host, status, session_id) VALUES ('job-1', ?, ?, 'ok', ?)`).run(i, `host${i}`, id);
  const commands = createCommandRepo(store.db);
  commands.add({ at: T0 + 10, user: 'user7', host: 'host7', login: 'root', sessionId: 's000007', offset: 0, command: 'systemctl restart nginx' });
  commands.add({ at: T0 + 20, user: 'user9', host: 'host9', login: 'root', sessionId: 's000009', offset: 0, command: 'rm -rf /tmp/cache' });
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const plan = (s: SessionSearch) => {
  const { sql, args } = sessionSearchQuery(s);
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
};

describe('review.sessions.search on 100,000 sessions', () => {
  it.each([
    ['no filter', {}, 'sessions_by_start_id'],
    ['a user', { user: 'user7' }, 'sessions_by_user_start_id'],
    ['a host', { host: 'host9' }, 'sessions_by_host_start_id'],
    ['a login', { login: 'deploy' }, 'sessions_by_login_start_id'],
    ['a status', { status: 'interrupted' }, 'sessions_by_status_start_id'],
    ['a time range', { from: T0 + 1000, to: T0 + 50_000_000 }, 'sessions_by_start_id'],
    ['oldest first', { sort: 'oldest' }, 'sessions_by_start_id'],
  ] as Array<[string, SessionSearch, string]>)('%s: on its index, no sort step', (_name, filter, index) => {
    const detail = plan(filter);
    expect(detail).toContain(index);
    expect(detail).not.toContain('TEMP B-TREE');
    const page = searchSessions(store.db, { ...filter, limit: 20 });
    expect(page.next).not.toBeNull();
    // The next page starts from the cursor on the same index.
    const nextPlan = plan({ ...filter, cursor: page.next! });
    expect(nextPlan).toContain(index);
    expect(nextPlan).not.toContain('TEMP B-TREE');
  });

  it('pages walk every match once, in order (ties on the start time broken by id)', () => {
    const seen: string[] = [];
    let next: string | null | undefined;
    do {
      const page = searchSessions(store.db, { host: 'host10', limit: 37, cursor: next ?? undefined });
      seen.push(...page.sessions.map((s) => s.id));
      next = page.next;
    } while (next);
    const all = store.db.prepare("SELECT id FROM sessions WHERE host = 'host10' ORDER BY started_at DESC, id DESC").pluck().all();
    expect(seen).toEqual(all);
    expect(seen).toHaveLength(N / 200);
  });

  it('rows carry who, where from, when, how long and how it ended', () => {
    const [row] = searchSessions(store.db, { user: 'user13', status: 'interrupted', limit: 1 }).sessions;
    expect(row).toMatchObject({ user: 'user13', source: '127.0.0.1:40000', status: 'interrupted', durationMs: 5000, endedBy: 'client', recorded: false });
  });

  it('by command text: the sessions having a matching command (FTS, prefix words)', () => {
    expect(searchSessions(store.db, { command: 'systemctl nginx' }).sessions.map((s) => s.id)).toEqual(['s000007']);
    expect(searchSessions(store.db, { command: 'rm', user: 'user9' }).sessions.map((s) => s.id)).toEqual(['s000009']);
    expect(searchSessions(store.db, { command: 'nothing-like-it' }).sessions).toEqual([]);
  });

  it('kind batch: the host runs of batch jobs, with their job; exec: the other exec sessions', () => {
    const batch = searchSessions(store.db, { kind: 'batch' }).sessions;
    expect(batch.map((s) => [s.id, s.kind, s.batchJob])).toEqual([
      ['s000008', 'batch', 'job-1'],
      ['s000004', 'batch', 'job-1'],
    ]);
    const exec = searchSessions(store.db, { kind: 'exec', limit: 5 }).sessions;
    expect(exec.map((s) => s.id)).toEqual(['s099996', 's099992', 's099988', 's099984', 's099980']);
    expect(searchSessions(store.db, { kind: 'exec', to: T0 + 5000 }).sessions.map((s) => s.id)).toEqual(['s000000']); // s000004, s000008 are batch runs
    expect(searchSessions(store.db, { user: 'user8', kind: 'batch' }).sessions.map((s) => s.batchJob)).toEqual(['job-1']);
  });

  it('a cursor the gateway did not make is a bad request', () => {
    expect(() => searchSessions(store.db, { cursor: 'bm9wZQ' })).toThrow(/invalid cursor/);
    expect(() => searchSessions(store.db, { cursor: Buffer.from('[1,2]').toString('base64url') })).toThrow(/invalid cursor/);
  });
});
