// A batch job's results as the table shows them and as they are exported: each host's outcome,
// identical outputs folded (as `clush -b`: "47 hosts: same output"), a filter by outcome, and the
// CSV and JSON downloads.
import type { BatchGroup, BatchHost, BatchHostStatus, BatchJob } from '../../../shared/contract/gateway-api/batch';

export type Outcome = 'ok' | 'failed' | 'unreachable' | 'not_permitted' | 'waiting' | 'stopped';
export const OUTCOMES: readonly Outcome[] = ['ok', 'failed', 'unreachable', 'not_permitted', 'waiting', 'stopped'];

const OUTCOME_OF: Record<BatchHostStatus, Outcome> = {
  ok: 'ok',
  failed: 'failed',
  timeout: 'failed',
  unreachable: 'unreachable',
  refused: 'failed',
  not_permitted: 'not_permitted',
  pending: 'waiting',
  running: 'waiting',
  skipped: 'stopped',
  cancelled: 'stopped',
  interrupted: 'stopped',
};
export const outcomeOf = (status: BatchHostStatus): Outcome => OUTCOME_OF[status];

/** Hosts `retry-failed` would run again. */
export const isRetryable = (status: BatchHostStatus) => status === 'failed' || status === 'timeout' || status === 'unreachable' || status === 'refused';

/** Hosts that ran and failed, timed out, or that the gateway refused to run (the thresholds count them all). */
export const failedCount = (counts: BatchJob['counts']) => (counts.failed ?? 0) + (counts.timeout ?? 0) + (counts.refused ?? 0);

export type ResultRow = { kind: 'fold'; exitCode: number | null; hosts: string[]; outputTail: string } | { kind: 'host'; host: BatchHost };

/**
 * The table's rows: with `fold`, each group of two or more hosts with the same exit code and output
 * becomes one row (biggest first) and its hosts are not listed one by one; the other hosts follow
 * in the job's order. `only` keeps the hosts of one outcome (a fold is kept when its hosts are).
 */
export function resultRows(hosts: readonly BatchHost[], groups: readonly BatchGroup[], options: { fold: boolean; only: Outcome | null }): ResultRow[] {
  const keep = (h: BatchHost) => options.only === null || outcomeOf(h.status) === options.only;
  const rows: ResultRow[] = [];
  const folded = new Set<string>();
  if (options.fold) {
    const byName = new Map(hosts.map((h) => [h.host, h]));
    for (const g of [...groups].sort((a, b) => b.hosts.length - a.hosts.length)) {
      if (g.hosts.length < 2) continue;
      const members = g.hosts.filter((name) => {
        const h = byName.get(name);
        return h !== undefined && keep(h);
      });
      if (members.length < 2) continue;
      for (const name of members) folded.add(name);
      rows.push({ kind: 'fold', exitCode: g.exitCode, hosts: members, outputTail: g.outputTail });
    }
  }
  for (const h of hosts) if (keep(h) && !folded.has(h.host)) rows.push({ kind: 'host', host: h });
  return rows;
}

/** How many hosts have each outcome. */
export function outcomeCounts(hosts: readonly BatchHost[]): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const h of hosts) counts[outcomeOf(h.status)]++;
  return counts;
}

const CSV_COLUMNS = ['host', 'login', 'status', 'reason', 'exit_code', 'signal', 'duration_ms', 'wave', 'first_error', 'output_bytes', 'session_id'] as const;

/**
 * One CSV cell (RFC 4180 quoting). A cell a spreadsheet would run as a formula (=, +, -, @, tab,
 * CR) gets a leading apostrophe: host output is not trusted.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function resultsCsv(hosts: readonly BatchHost[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const h of hosts) {
    lines.push([h.host, h.login, h.status, h.reason ?? null, h.exitCode, h.exitSignal, h.durationMs, h.wave, h.firstError, h.outputBytes, h.sessionId].map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function resultsJson(detail: { job: BatchJob; hosts: readonly BatchHost[]; groups: readonly BatchGroup[] }): string {
  return JSON.stringify({ job: detail.job, hosts: detail.hosts, groups: detail.groups }, null, 2) + '\n';
}

/** The download's file name: the job and its start time, safe on every file system. */
export function exportFileName(job: Pick<BatchJob, 'id' | 'createdAt'>, ext: 'csv' | 'json'): string {
  const at = new Date(job.createdAt).toISOString().slice(0, 19).replaceAll(':', '-');
  return `batch-${job.id.replaceAll(/[^A-Za-z0-9_-]/g, '_')}-${at}.${ext}`;
}
