// The batch tables (migration 9): jobs, their hosts' state and results, and who controlled them.
// Written by the runner as things happen, so a job's history outlives the gateway process.
import type Database from 'better-sqlite3';
import type { BatchHost, BatchHostReason, BatchHostStatus, BatchJobState, BatchSettings } from '../../../shared/contract/gateway-api/batch';
import type { PauseReason } from './plan';

export type NotPermittedReason = Extract<BatchHostReason, 'no_grant' | 'login_not_granted' | 'several_logins'>;
export type BatchAction = 'start' | 'pause' | 'resume' | 'skip-failed' | 'retry-failed' | 'cancel';

export interface JobRow {
  id: string;
  submitter: string;
  settings: BatchSettings;
  state: BatchJobState;
  pausedReason: PauseReason | null;
  wave: number;
  waves: number;
  createdAt: number;
  endedAt: number | null;
}

/** A host's row: what the API shows, plus what grouping needs. */
export interface HostRow extends BatchHost {
  idx: number;
  outputTail: string;
  outputHash: string | null;
}

type RawJob = { id: string; submitter: string; settings: string; state: BatchJobState; paused_reason: PauseReason | null; wave: number; waves: number; created_at: number; ended_at: number | null };
type RawHost = {
  idx: number; host: string; login: string | null; status: BatchHostStatus; reason: BatchHostReason | null; wave: number | null; exit_code: number | null;
  exit_signal: string | null; duration_ms: number | null; first_error: string | null; output_bytes: number; output_tail: string; output_hash: string | null; session_id: string | null;
}; // prettier-ignore

const jobOf = (r: RawJob): JobRow => ({
  ...{ id: r.id, submitter: r.submitter, settings: JSON.parse(r.settings) as BatchSettings, state: r.state, pausedReason: r.paused_reason },
  ...{ wave: r.wave, waves: r.waves, createdAt: r.created_at, endedAt: r.ended_at },
});
const hostOf = (r: RawHost): HostRow => ({
  ...{ idx: r.idx, host: r.host, login: r.login, status: r.status, reason: r.reason, wave: r.wave, exitCode: r.exit_code, exitSignal: r.exit_signal },
  ...{ durationMs: r.duration_ms, firstError: r.first_error, outputBytes: r.output_bytes, outputTail: r.output_tail, outputHash: r.output_hash, sessionId: r.session_id },
});

export interface NewHost {
  host: string;
  login: string | null;
  status: 'pending' | 'not_permitted';
  reason: NotPermittedReason | null;
  wave: number | null;
}

export function createBatchRepo(db: Database.Database) {
  const insertJob = db.prepare('INSERT INTO batch_jobs (id, submitter, settings, state, wave, waves, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)');
  const insertHost = db.prepare('INSERT INTO batch_hosts (job_id, idx, host, login, status, reason, wave) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertAction = db.prepare('INSERT INTO batch_actions (job_id, at, actor, action) VALUES (?, ?, ?, ?)');
  const updateJob = db.prepare('UPDATE batch_jobs SET state = ?, paused_reason = ?, wave = ?, ended_at = ? WHERE id = ?');
  const updateHost = db.prepare(
    `UPDATE batch_hosts SET status = ?, reason = ?, exit_code = ?, exit_signal = ?, duration_ms = ?, first_error = ?, output_bytes = ?,
       output_tail = ?, output_hash = ?, session_id = ? WHERE job_id = ? AND idx = ?`,
  );
  const getJob = db.prepare<[string], RawJob>('SELECT * FROM batch_jobs WHERE id = ?');
  const hostsOf = db.prepare<[string], RawHost>('SELECT * FROM batch_hosts WHERE job_id = ? ORDER BY idx');
  const actionsOf = db.prepare<[string], { at: number; actor: string; action: BatchAction }>('SELECT at, actor, action FROM batch_actions WHERE job_id = ? ORDER BY rowid');

  return {
    create(job: Omit<JobRow, 'state' | 'pausedReason' | 'wave' | 'endedAt'>, hosts: readonly NewHost[]): void {
      db.transaction(() => {
        insertJob.run(job.id, job.submitter, JSON.stringify(job.settings), 'running', job.waves, job.createdAt);
        hosts.forEach((h, idx) => insertHost.run(job.id, idx, h.host, h.login, h.status, h.reason, h.wave));
        insertAction.run(job.id, job.createdAt, job.submitter, 'start');
      })();
    },
    saveJob(job: Pick<JobRow, 'id' | 'state' | 'pausedReason' | 'wave' | 'endedAt'>): void {
      updateJob.run(job.state, job.pausedReason, job.wave, job.endedAt, job.id);
    },
    saveHost(jobId: string, h: HostRow): void {
      updateHost.run(h.status, h.reason, h.exitCode, h.exitSignal, h.durationMs, h.firstError, h.outputBytes, h.outputTail, h.outputHash, h.sessionId, jobId, h.idx);
    },
    action(jobId: string, actor: string, action: BatchAction, at = Date.now()): void {
      insertAction.run(jobId, at, actor, action);
    },
    job: (id: string): JobRow | undefined => {
      const row = getJob.get(id);
      return row && jobOf(row);
    },
    hosts: (id: string): HostRow[] => hostsOf.all(id).map(hostOf),
    actions: (id: string) => actionsOf.all(id),
    list(filter: { submitter?: string; before?: number; limit: number }): JobRow[] {
      const where: string[] = [];
      const params: Array<string | number> = [];
      if (filter.submitter !== undefined) {
        where.push('submitter = ?');
        params.push(filter.submitter);
      }
      if (filter.before !== undefined) {
        where.push('created_at < ?');
        params.push(filter.before);
      }
      const sql = `SELECT * FROM batch_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
      return db
        .prepare<Array<string | number>, RawJob>(sql)
        .all(...params, filter.limit)
        .map(jobOf);
    },
    /**
     * At start: jobs a previous run left running or paused are `interrupted` (never resumed on
     * their own), their running hosts too. Returns how many jobs.
     */
    interruptLeftovers(now = Date.now()): number {
      return db.transaction(() => {
        db.prepare(`UPDATE batch_hosts SET status = 'interrupted' WHERE status = 'running' AND job_id IN (SELECT id FROM batch_jobs WHERE state IN ('running', 'paused'))`).run();
        return db.prepare(`UPDATE batch_jobs SET state = 'interrupted', ended_at = ? WHERE state IN ('running', 'paused')`).run(now).changes;
      })();
    },
  };
}

export type BatchRepo = ReturnType<typeof createBatchRepo>;
