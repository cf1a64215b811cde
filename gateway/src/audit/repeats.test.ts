// The repeat counter against a real audit log (SQLite in a temp dir).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { createAuditRepeats } from './repeats';

let dir: string;
let store: Store;
let clock: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-repeats-'));
  store = openStore(dir, { env: {} });
  clock = Date.parse('2026-01-01T00:00:00Z');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = () => store.audit.list({ type: 'login.failure' }).map((e): Record<string, unknown> => ({ actor: e.actor, ...e.data }));
const failure = (actor: string, source = '10.0.0.1') => ({ type: 'login.failure' as const, actor, data: { source, reason: 'unknown user' } });

describe('audit repeats', () => {
  it('writes the first of a kind at once and the count of its repeats when the window ends', async () => {
    const repeats = createAuditRepeats(store.audit, { windowMs: 50, now: () => clock });
    for (let i = 0; i < 1000; i++) {
      clock += 1;
      repeats.record(failure('mallory'), { source: '10.0.0.1' });
    }
    expect(rows()).toEqual([{ actor: 'mallory', source: '10.0.0.1', reason: 'unknown user', count: 1 }]);
    await expect.poll(() => rows().length).toBe(2);
    expect(rows()[1]).toEqual({ actor: 'mallory', source: '10.0.0.1', reason: 'unknown user', count: 999, from: new Date(clock - 998).toISOString(), until: new Date(clock).toISOString() });
    repeats.record(failure('mallory'), { source: '10.0.0.1' }); // a new window
    expect(rows()).toHaveLength(3);
    expect(store.audit.verify()).toMatchObject({ ok: true });
  });

  it('folds kinds past the limit per scope into one row with samples; other scopes keep their own', () => {
    const repeats = createAuditRepeats(store.audit, { maxKinds: 3 });
    for (let i = 0; i < 100; i++) repeats.record(failure(`user${i}`), { source: '10.0.0.1' });
    repeats.record(failure('mallory', '10.0.0.2'), { source: '10.0.0.2' });
    repeats.flush();
    const all = rows();
    expect(all.map((r) => r.actor)).toEqual(['user0', 'user1', 'user2', 'mallory', '(various)']);
    expect(all.at(-1)).toMatchObject({ source: '10.0.0.1', count: 97, kinds: 97, samples: [expect.objectContaining({ actor: 'user3' }), expect.anything(), expect.anything(), expect.anything(), expect.anything()] });
    expect(all.reduce((n, r) => n + (r.count as number), 0)).toBe(101);
  });

  it('a window with no repeats writes nothing more', () => {
    const repeats = createAuditRepeats(store.audit);
    repeats.record(failure('mallory'), { source: '10.0.0.1' });
    repeats.flush();
    expect(rows()).toHaveLength(1);
  });
});
