import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BATCH_HOST_STATUSES, type BatchHost, type BatchHostStatus } from '../../../shared/contract/gateway-api/batch';
import { csvCell, exportFileName, outcomeCounts, resultRows, resultsCsv, resultsJson } from './batch-results';

const host = (name: string, status: BatchHostStatus = 'ok', over: Partial<BatchHost> = {}): BatchHost => ({
  host: name, login: 'deploy', status, reason: null, wave: 0, exitCode: status === 'ok' ? 0 : 1, exitSignal: null, durationMs: 120, firstError: null, outputBytes: 3, sessionId: `s-${name}`, ...over,
});

describe('batch results', () => {
  const hosts = [host('web-01'), host('web-02'), host('web-03', 'failed'), host('web-04'), host('db-01', 'not_permitted', { exitCode: null })];
  const groups = [
    { exitCode: 0, hosts: ['web-01', 'web-02', 'web-04'], outputTail: 'ok\n' },
    { exitCode: 1, hosts: ['web-03'], outputTail: 'boom\n' },
  ];

  it('folds hosts with the same output into one row, biggest first, then lists the rest in order', () => {
    expect(resultRows(hosts, groups, { fold: true, only: null })).toEqual([
      { kind: 'fold', exitCode: 0, hosts: ['web-01', 'web-02', 'web-04'], outputTail: 'ok\n' },
      { kind: 'host', host: hosts[2] },
      { kind: 'host', host: hosts[4] },
    ]);
    expect(resultRows(hosts, groups, { fold: false, only: null }).map((r) => r.kind === 'host' && r.host.host)).toEqual(['web-01', 'web-02', 'web-03', 'web-04', 'db-01']);
  });

  it('filters by outcome, and a fold left with one host is that host', () => {
    expect(resultRows(hosts, groups, { fold: true, only: 'failed' })).toEqual([{ kind: 'host', host: hosts[2] }]);
    const mixed = [host('a'), host('b', 'skipped', { exitCode: 0 })];
    expect(resultRows(mixed, [{ exitCode: 0, hosts: ['a', 'b'], outputTail: '' }], { fold: true, only: 'ok' })).toEqual([{ kind: 'host', host: mixed[0] }]);
    expect(outcomeCounts(hosts)).toEqual({ ok: 3, failed: 1, unreachable: 0, not_permitted: 1, waiting: 0, stopped: 0 });
  });

  it('shows every host exactly once, folded or not, whatever the groups say', () => {
    const status = fc.constantFrom(...BATCH_HOST_STATUSES);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,3}$/), status, fc.integer({ min: 0, max: 2 })), { selector: (x) => x[0], maxLength: 30 }), fc.boolean(), (specs, fold) => {
        const hs = specs.map(([n, s]) => host(n, s));
        const byGroup = new Map<number, string[]>();
        for (const [n, , g] of specs) byGroup.set(g, [...(byGroup.get(g) ?? []), n]);
        const gs = [...byGroup].map(([g, names]) => ({ exitCode: g, hosts: names, outputTail: '' }));
        const shown = resultRows(hs, gs, { fold, only: null }).flatMap((r) => (r.kind === 'fold' ? r.hosts : [r.host.host]));
        expect([...shown].sort()).toEqual(hs.map((h) => h.host).sort());
      }),
    );
  });

  it('exports CSV that a spreadsheet reads as data, never as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-rf')).toBe("'-rf");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
    const csv = resultsCsv([host('web-03', 'failed', { firstError: 'cp: "x", no such file' })]);
    expect(csv).toBe('host,login,status,reason,exit_code,signal,duration_ms,wave,first_error,output_bytes,session_id\r\nweb-03,deploy,failed,,1,,120,0,"cp: ""x"", no such file",3,s-web-03\r\n');
  });

  it('a host a command rule refused is a failure, with its reason in the CSV', () => {
    const refused = host('web-05', 'refused', { exitCode: null, reason: 'command_rule', sessionId: null });
    expect(outcomeCounts([refused])).toMatchObject({ failed: 1, unreachable: 0 });
    expect(resultRows([refused], [], { fold: true, only: 'failed' })).toEqual([{ kind: 'host', host: refused }]);
    expect(resultsCsv([refused]).split('\r\n')[1]).toBe('web-05,deploy,refused,command_rule,,,120,0,,3,');
  });

  it('exports JSON with the job, hosts and groups, under a safe file name', () => {
    const job = { id: 'b/7', createdAt: Date.UTC(2026, 11, 6, 3, 4, 5) };
    expect(JSON.parse(resultsJson({ job: job as never, hosts, groups }))).toEqual({ job, hosts, groups });
    expect(exportFileName(job, 'csv')).toBe('batch-b_7-2026-12-06T03-04-05.csv');
  });
});
