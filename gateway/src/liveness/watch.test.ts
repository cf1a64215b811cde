import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWatcher, dbChanges, endedText, warningText, type Verdict } from './watch';

function session() {
  const log: string[] = [];
  return { log, notify: (t: string) => log.push(`notify ${t}`), end: (t: string) => log.push(`end ${t}`) };
}

afterEach(() => vi.useRealTimers());

describe('liveness watcher', () => {
  it('warns once before a known end, then ends at the moment with the reason', () => {
    vi.useFakeTimers({ now: 0 });
    let verdict: Verdict = { ok: true, until: 90_000 };
    const w = createWatcher({ now: () => Date.now() });
    const s = session();
    w.watch(s, () => verdict, { what: 'root@web-01' });
    vi.advanceTimersByTime(29_000);
    expect(s.log).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(s.log).toEqual([`notify ${warningText('root@web-01', 60_000)}`]);
    expect(s.log[0]).toContain('[portcullis] your access to root@web-01 ends in 60 s');
    vi.advanceTimersByTime(59_000);
    expect(s.log).toHaveLength(1);
    verdict = { ok: false, reason: 'grant expired' };
    vi.advanceTimersByTime(1000);
    expect(s.log[1]).toBe(`end ${endedText('root@web-01', 'grant expired')}`);
    expect(w.size()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(s.log).toHaveLength(2);
    w.stop();
  });

  it('re-checks on a change signal only (plus a periodic safety net), and ends a revoked session', () => {
    vi.useFakeTimers({ now: 0 });
    let changed = false;
    const check = vi.fn<() => Verdict>(() => ({ ok: true, until: null }));
    const w = createWatcher({ now: () => Date.now(), changed: () => changed, fullCheckMs: 10_000 });
    const s = session();
    w.watch(s, check, { what: 'x' });
    expect(check).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(check).toHaveBeenCalledTimes(1);
    check.mockReturnValue({ ok: false, reason: 'grant revoked' });
    changed = true;
    vi.advanceTimersByTime(1000);
    expect(s.log).toEqual([`end ${endedText('x', 'grant revoked')}`]);
    w.stop();
  });

  it('a new end after an extension earns a new warning; no end means no warning; a session out of time ends at once', () => {
    vi.useFakeTimers({ now: 0 });
    let until: number | null = 30_000;
    const w = createWatcher({ now: () => Date.now(), changed: () => true, warnBeforeMs: 60_000 });
    const s = session();
    w.watch(s, () => ({ ok: true, until }), { what: 'x' });
    expect(s.log).toHaveLength(1); // already within the warning window
    until = 200_000;
    vi.advanceTimersByTime(1000);
    expect(s.log).toHaveLength(1);
    vi.advanceTimersByTime(139_000);
    expect(s.log).toHaveLength(2);
    expect(s.log[1]).toContain('ends in 60 s');
    until = null;
    vi.advanceTimersByTime(100_000);
    expect(s.log).toHaveLength(2);

    const late = session();
    w.watch(late, () => ({ ok: false, reason: 'account disabled' }), { what: 'y' });
    expect(late.log).toEqual([`end ${endedText('y', 'account disabled')}`]);
    w.stop();
  });

  it('a throwing check is retried, not fatal', () => {
    vi.useFakeTimers({ now: 0 });
    const errors: unknown[] = [];
    let calls = 0;
    const w = createWatcher({ now: () => Date.now(), onError: (e) => errors.push(e) });
    const s = session();
    w.watch(
      s,
      () => {
        if (++calls === 1) throw new Error('SQLITE_BUSY');
        return { ok: false, reason: 'grant revoked' };
      },
      { what: 'x' },
    );
    vi.advanceTimersByTime(1000);
    expect(errors).toHaveLength(1);
    expect(s.log).toHaveLength(1);
    w.stop();
  });

  it('a connection and its sessions in one loop: an end can unwatch others in the same pass, which are then not checked', () => {
    let enabled = true;
    const ended: string[] = [];
    const w = createWatcher({ changed: () => true });
    let unwatchSession = () => {};
    w.watch(
      {
        end: (_text, reason) => {
          ended.push(reason);
          unwatchSession(); // the connection ends its sessions
        },
      },
      () => (enabled ? { ok: true } : { ok: false, reason: 'your account was disabled by an administrator' }),
      { what: 'the gateway', warnBeforeMs: 0 },
    );
    const grant = vi.fn<() => Verdict>(() => ({ ok: true, until: null }));
    unwatchSession = w.watch(session(), grant, { what: 'x' });
    w.checkNow();
    expect(grant).toHaveBeenCalledTimes(2);
    enabled = false;
    w.checkNow();
    expect(ended).toEqual(['your account was disabled by an administrator']);
    expect(grant).toHaveBeenCalledTimes(2);
    expect(w.size()).toBe(0);
    w.stop();
  });

  it('dbChanges sees commits by another connection and writes by its own', () => {
    const a = new Database(':memory:');
    a.exec('CREATE TABLE t (x)');
    const changed = dbChanges(a);
    expect(changed()).toBe(false);
    a.exec('INSERT INTO t VALUES (1)');
    expect(changed()).toBe(true);
    expect(changed()).toBe(false);
    a.close();
  });
});
