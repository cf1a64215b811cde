// `review.sessions.search`: sessions by user, host, login, time, status, kind and the text of
// their commands (FTS), newest or oldest first, in keyset pages. Every filter has an index
// (store migration 9) that also gives the order, so a page reads only its own rows.
import type Database from 'better-sqlite3';
import { toFtsQuery } from '../commands/repo';
import { whereBuilder } from '../store/where';
import type { EndedBy } from '../sessions/end-cause';
import type { ReviewKind } from '../../../shared/contract/gateway-api/review';
import type { SessionStatus } from '../sessions/repo';
import { decodeCursor, pageOf } from './cursor';

export interface SessionSearch {
  user?: string;
  host?: string;
  login?: string;
  from?: number;
  to?: number;
  status?: SessionStatus;
  kind?: ReviewKind;
  command?: string;
  sort?: 'newest' | 'oldest';
  limit?: number;
  cursor?: string;
}

export interface SessionSearchRow {
  id: string;
  user: string;
  host: string;
  login: string;
  source: string | null;
  kind: ReviewKind;
  batchJob: string | null;
  command: string | null;
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  status: SessionStatus;
  endedBy: EndedBy | null;
  endReason: string | null;
  endActor: string | null;
  exitCode: number | null;
  exitSignal: string | null;
  recorded: boolean;
  bytes: number;
}

const COLUMNS = `id, user, host, login, source, kind, command, started_at AS startedAt, ended_at AS endedAt,
  ended_at - started_at AS durationMs, status, ended_by AS endedBy, end_reason AS endReason, end_actor AS endActor,
  exit_code AS exitCode, exit_signal AS exitSignal, recording IS NOT NULL AS recorded, bytes,
  (SELECT job_id FROM batch_hosts WHERE session_id = sessions.id) AS batchJob`;
// A batch job's host runs are exec sessions that batch_hosts names (its index: migration 13).
const IN_BATCH = 'id IN (SELECT session_id FROM batch_hosts WHERE session_id IS NOT NULL)';

/** The SQL and its arguments (exported so a test can EXPLAIN QUERY PLAN it). */
export function sessionSearchQuery(s: SessionSearch): { sql: string; args: Record<string, unknown> } {
  const limit = s.limit ?? 100;
  const w = whereBuilder({ limit: limit + 1 });
  w.add('user = @user', 'user', s.user);
  w.add('host = @host', 'host', s.host);
  w.add('login = @login', 'login', s.login);
  w.add('status = @status', 'status', s.status);
  if (s.kind === 'batch') w.add(`kind = @kind AND ${IN_BATCH}`, 'kind', 'exec');
  else w.add(`kind = @kind${s.kind === 'exec' ? ` AND NOT ${IN_BATCH}` : ''}`, 'kind', s.kind);
  w.add('started_at >= @from', 'from', s.from);
  w.add('started_at < @to', 'to', s.to);
  const fts = s.command === undefined ? undefined : toFtsQuery(s.command);
  w.add('id IN (SELECT session_id FROM commands WHERE id IN (SELECT rowid FROM commands_fts WHERE commands_fts MATCH @fts))', 'fts', fts || undefined);
  const oldest = s.sort === 'oldest';
  if (s.cursor !== undefined) {
    const [at, id] = decodeCursor(s.cursor, ['number', 'string']);
    w.add(`(started_at, id) ${oldest ? '>' : '<'} (@cursorAt, @cursorId)`, 'cursorAt', at);
    w.args.cursorId = id;
  }
  const order = oldest ? 'started_at, id' : 'started_at DESC, id DESC';
  return { sql: `SELECT ${COLUMNS} FROM sessions ${w.sql()} ORDER BY ${order} LIMIT @limit`, args: w.args };
}

export function searchSessions(db: Database.Database, s: SessionSearch): { sessions: SessionSearchRow[]; next: string | null } {
  const { sql, args } = sessionSearchQuery(s);
  const rows = (db.prepare(sql).all(args) as Array<Omit<SessionSearchRow, 'recorded'> & { recorded: number }>).map((r) => ({
    ...r,
    kind: r.batchJob === null ? r.kind : 'batch',
    recorded: r.recorded === 1,
  }));
  const page = pageOf(rows, s.limit ?? 100, (r) => [r.startedAt, r.id]);
  return { sessions: page.rows, next: page.next };
}
