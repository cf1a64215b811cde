import { describe, expect, it } from 'vitest';
import type { BatchHost, BatchHostStatus, BatchJob } from '../../../shared/contract/gateway-api/batch';
import { BatchWatch, MAX_LINES_PER_HOST, progressOf, watchLayout } from './batch-watch';

const host = (name: string, status: BatchHostStatus): BatchHost => ({ host: name, login: 'x', status, reason: null, wave: 0, exitCode: null, exitSignal: null, durationMs: null, firstError: null, outputBytes: 0, sessionId: null });
const counts = (c: Partial<Record<BatchHostStatus, number>>) =>
  ({ pending: 0, running: 0, ok: 0, failed: 0, timeout: 0, unreachable: 0, not_permitted: 0, skipped: 0, cancelled: 0, interrupted: 0, ...c }) as BatchJob['counts'];
const job = (c: Partial<Record<BatchHostStatus, number>>): BatchJob => ({
  id: 'j1', submitter: 'alice', createdAt: 0, endedAt: null, state: 'running', pausedReason: null, settings: { selector: 'x', command: 'true', parallel: 10, unreachable: 'failure', timeoutSec: 300, canaryDiff: true }, counts: counts(c), wave: 0, waves: 1, etaMs: null,
});

describe('watching a batch job', () => {
  it('keeps the job, its hosts in order and each host’s output, and tells listeners about new lines', () => {
    const w = new BatchWatch();
    const heard: string[] = [];
    w.onOutput((h, lines) => heard.push(`${h}:${lines.map((l) => l.text).join('|')}`));
    w.apply({ change: 'snapshot', job: job({ pending: 2 }), hosts: [host('a', 'pending'), host('b', 'pending')], more: false });
    w.apply({ change: 'host', host: host('b', 'running') });
    w.apply({ change: 'output', host: 'b', stream: 'stdout', lines: ['one', 'two'] });
    w.apply({ change: 'output', host: 'b', stream: 'stderr', lines: ['oops'] });
    expect(w.hosts().map((h) => [h.host, h.status])).toEqual([['a', 'pending'], ['b', 'running']]);
    expect(w.output('b')).toEqual([{ stream: 'stdout', text: 'one' }, { stream: 'stdout', text: 'two' }, { stream: 'stderr', text: 'oops' }]);
    expect(heard).toEqual(['b:one|two', 'b:oops']);
    expect(w.version).toBe(4);
  });

  it('starts a retried host’s output afresh and keeps a bounded tail', () => {
    const w = new BatchWatch();
    w.apply({ change: 'host', host: host('a', 'running') });
    w.apply({ change: 'output', host: 'a', stream: 'stdout', lines: Array.from({ length: MAX_LINES_PER_HOST + 10 }, (_, i) => String(i)) });
    expect(w.output('a')).toHaveLength(MAX_LINES_PER_HOST);
    expect(w.output('a')[0]!.text).toBe('10');
    w.apply({ change: 'host', host: host('a', 'failed') });
    w.apply({ change: 'host', host: host('a', 'running') });
    expect(w.output('a')).toEqual([]);
  });

  it('gives each started host a pane up to 16 runnable hosts, then tiles', () => {
    const few = [host('a', 'running'), host('b', 'pending'), host('c', 'ok'), host('d', 'not_permitted')];
    expect(watchLayout(few)).toEqual({ mode: 'panes', hosts: [few[0], few[2]] });
    const many = Array.from({ length: 17 }, (_, i) => host(`h${i}`, 'pending'));
    expect(watchLayout(many)).toEqual({ mode: 'tiles' });
    expect(watchLayout([...many.slice(0, 16), host('x', 'not_permitted')]).mode).toBe('panes');
    // Tiles when chosen, whatever the count.
    expect(watchLayout(few, true)).toEqual({ mode: 'tiles' });
    expect(watchLayout(many, false)).toEqual({ mode: 'tiles' });
  });

  it('counts progress over the hosts that run', () => {
    expect(progressOf(job({ ok: 3, failed: 1, running: 2, pending: 4, not_permitted: 5 }))).toEqual({ done: 4, total: 10, percent: 40 });
    expect(progressOf(job({ not_permitted: 2 }))).toEqual({ done: 0, total: 0, percent: 100 });
  });
});
