// The runner's work per host must not grow with the job's size: with every host recounted after
// each host (as it once was), a 2,000-host job kept the gateway's event loop busy counting instead
// of relaying (bench/batch-hosts.ts showed it). Counted here as reads of host rows, not as time.
// And its slow start: one host first, one more as each reaches its host (ramp.ts).
// The session core is a stand-in whose every exec ends at once with exit 0 (what a host run does
// through the real core is covered by batch.test.ts); the store and batch tables are real.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchSettingsSchema } from '../../../shared/contract/gateway-api/batch';
import { silentLogger } from '../logger';
import type { ClientSide, SessionCore, SessionHandle } from '../sessions/core';
import { openStore, type Store } from '../store';
import { createBatchRepo, type HostRow } from './repo';
import { JobRunner } from './runner';

/** Every exec ends at once, exit 0, no output. */
const instantCore = {
  open(_request: unknown, side: ClientSide): SessionHandle {
    side.exit({ code: 0 });
    side.end();
    return { id: 'session', done: Promise.resolve({ status: 'ended', exit: { code: 0 }, cause: { endedBy: 'target' } }), end() {} } as unknown as SessionHandle;
  },
} as unknown as SessionCore;

/** Sessions that reach their host (the core resumes the user's input) and end (with `code`) when the test says. */
function heldCore() {
  const sides: ClientSide[] = [];
  const ends: Array<(code: number) => void> = [];
  const core = {
    open(_request: unknown, side: ClientSide): SessionHandle {
      sides.push(side);
      const done = new Promise((resolve) => ends.push((code) => (side.exit({ code }), side.end(), resolve({ status: 'ended', exit: { code }, cause: { endedBy: 'target' } }))));
      return { id: `session-${sides.length}`, done, end() {} } as unknown as SessionHandle;
    },
  } as unknown as SessionCore;
  return { core, sides, end: (i: number, code = 0) => ends[i]!(code) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** `hosts` behind a proxy that counts reads of its rows (by index, as loops and filters do). */
function counted(hosts: HostRow[]): { hosts: HostRow[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(hosts, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { hosts: proxy, reads: () => reads };
}

let dir: string | undefined;
let store: Store | undefined;
afterEach(() => {
  vi.useRealTimers();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A job of `count` pending hosts in one wave, in a fresh store. */
function newJob(count: number, parallel: number) {
  dir = mkdtempSync(join(tmpdir(), 'gw-batch-runner-'));
  store = openStore(dir);
  const repo = createBatchRepo(store.db);
  const settings = BatchSettingsSchema.parse({ selector: 'node:fleet', command: 'uptime', parallel });
  const id = `job-${count}`;
  repo.create(
    { id, submitter: 'alice', settings, waves: 1, createdAt: Date.now() },
    Array.from({ length: count }, (_, i) => ({ host: `h-${i}`, login: 'root', status: 'pending' as const, reason: null, wave: 0 })),
  );
  return { store, repo, id };
}

async function runJob(count: number): Promise<{ readsPerHost: number; statuses: Set<string> }> {
  const { store, repo, id } = newJob(count, 20);
  const rows = counted(repo.hosts(id));
  // A watcher that reads the job's view and whether it settled on every change, as `ssh … batch` does.
  const watch = { runner: undefined as JobRunner | undefined };
  const onProgress = () => void (watch.runner && (watch.runner.view(), watch.runner.settled));
  const runner = (watch.runner = new JobRunner({ store, access: { loginsFor: () => ['root'] }, repo, core: instantCore, logger: silentLogger, onProgress }, repo.job(id)!, rows.hosts));
  runner.start();
  await runner.ended;
  return { readsPerHost: rows.reads() / count, statuses: new Set(repo.hosts(id).map((h) => h.status)) };
}

describe('JobRunner work per host', () => {
  it('reads each host row a bounded number of times however many hosts the job has', async () => {
    const small = await runJob(100);
    store?.close();
    store = undefined;
    rmSync(dir!, { recursive: true, force: true });
    const large = await runJob(1000);
    expect(small.statuses).toEqual(new Set(['ok']));
    expect(large.statuses).toEqual(new Set(['ok']));
    // Linear work: the reads per host stay the same size; a recount per host makes them grow with the job.
    expect(large.readsPerHost).toBeLessThan(10);
    expect(large.readsPerHost).toBeLessThan(small.readsPerHost * 1.5);
  });
});

describe('JobRunner slow start', () => {
  it('starts one host, one more as each reaches its host, and finishes them all', async () => {
    const { core, sides, end } = heldCore();
    vi.useFakeTimers({ toFake: ['Date'] }); // the clock stands still: the ramp widens only as hosts are reached
    const { store, repo, id } = newJob(8, 8);
    const runner = new JobRunner({ store, access: { loginsFor: () => ['root'] }, repo, core, logger: silentLogger, onProgress: () => {} }, repo.job(id)!, repo.hosts(id));
    runner.start();
    expect(sides).toHaveLength(1);
    sides[0]!.input.resume(); // the first reaches its host: room for one more
    await settle();
    expect(sides).toHaveLength(2);
    sides[1]!.input.resume();
    await settle();
    expect(sides).toHaveLength(3);
    end(0); // one ends: its place is taken, the width stays 3
    await settle();
    expect(sides).toHaveLength(4);
    for (let i = 2; i < 8; i++) {
      await settle();
      sides[i]?.input.resume();
    }
    await settle();
    expect(sides).toHaveLength(8);
    for (let i = 1; i < 8; i++) end(i);
    await runner.ended;
    expect(new Set(repo.hosts(id).map((h) => h.status))).toEqual(new Set(['ok']));
  });
});

describe('JobRunner ETA', () => {
  const T0 = new Date('2025-01-01T00:00:00Z').getTime();
  const at = (ms: number) => vi.setSystemTime(T0 + ms);
  /** A job of `count` hosts one at a time, on a clock that moves only when the test says. */
  function heldJob(count: number) {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(0);
    const held = heldCore();
    const { store, repo, id } = newJob(count, 1);
    const runnerOf = () => new JobRunner({ store, access: { loginsFor: () => ['root'] }, repo, core: held.core, logger: silentLogger, onProgress: () => {} }, repo.job(id)!, repo.hosts(id));
    return { ...held, repo, id, runnerOf };
  }

  it('is the hosts left times the time per finished host, unknown until one finishes', async () => {
    const { end, runnerOf } = heldJob(4);
    const runner = runnerOf();
    runner.start();
    at(5_000);
    expect(runner.view().etaMs).toBeNull();
    at(10_000);
    end(0);
    await settle();
    expect(runner.view().counts).toMatchObject({ ok: 1, running: 1, pending: 2 });
    expect(runner.view().etaMs).toBe(30_000); // 10 s per host, 3 left
    at(14_000);
    end(1);
    await settle();
    expect(runner.view().etaMs).toBe(14_000); // 7 s per host, 2 left
    for (const i of [2, 3]) {
      end(i);
      await settle();
    }
    await runner.ended;
    expect(runner.view().etaMs).toBeNull();
  });

  it('leaves out the time the job was paused', async () => {
    const { end, runnerOf } = heldJob(4);
    const runner = runnerOf();
    runner.start();
    at(10_000);
    end(0);
    await settle();
    runner.control('pause', 'alice');
    expect(runner.view().etaMs).toBeNull();
    at(3_600_000); // an hour paused; the host under way ends meanwhile
    end(1);
    await settle();
    runner.control('resume', 'alice');
    at(3_610_000);
    // 20 s running for 2 hosts, 2 left: 20 s (counting the hour, it said an hour).
    expect(runner.view().etaMs).toBe(20_000);
    for (const i of [2, 3]) {
      end(i);
      await settle();
    }
    await runner.ended;
  });

  it('is unknown when Retry failed revives a finished job, until a retried host finishes', async () => {
    const { end, sides, repo, id, runnerOf } = heldJob(4);
    const first = runnerOf();
    first.start();
    for (const [i, code] of [0, 0, 0, 7].entries()) {
      at((i + 1) * 10_000);
      end(i, code);
      await settle();
    }
    await first.ended;
    expect(repo.job(id)!.state).toBe('done');
    // As the service does for a finished job: a new runner on the stored rows.
    const revived = runnerOf();
    at(50_000);
    revived.control('retry-failed', 'alice');
    expect(sides).toHaveLength(5);
    at(52_000);
    // Three hosts finished before, none since: no pace to tell from (it said 4 s: 12 s over those 3).
    expect(revived.view().etaMs).toBeNull();
    end(4);
    await revived.ended;
    expect(repo.hosts(id).map((h) => h.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });
});
