// `review.audit.list`: the audit log filtered by type, actor, user, host, session and time, oldest
// first in keyset pages (by seq), each row with its hash-chain links.
import type Database from 'better-sqlite3';
import { toEntry, type AuditEntry, type AuditRow } from '../audit/log';
import { whereBuilder } from '../store/where';
import { decodeCursor, pageOf } from './cursor';

export interface AuditFilter {
  type?: string;
  actor?: string;
  /** By this user, or naming them in its data. */
  user?: string;
  host?: string;
  session?: string;
  from?: number;
  to?: number;
  limit?: number;
  cursor?: string;
}

export function listAudit(db: Database.Database, f: AuditFilter): { rows: AuditEntry[]; next: string | null } {
  const limit = f.limit ?? 100;
  const w = whereBuilder({ limit: limit + 1 });
  w.add('type = @type', 'type', f.type);
  w.add('actor = @actor', 'actor', f.actor);
  w.add("(actor = @user OR json_extract(data, '$.user') = @user)", 'user', f.user);
  w.add("json_extract(data, '$.host') = @host", 'host', f.host);
  w.add("json_extract(data, '$.session') = @session", 'session', f.session);
  w.add('at >= @from', 'from', f.from);
  w.add('at < @to', 'to', f.to);
  if (f.cursor !== undefined) w.add('seq > @after', 'after', decodeCursor(f.cursor, ['number'])[0]);
  const rows = (db.prepare(`SELECT * FROM audit_log ${w.sql()} ORDER BY seq LIMIT @limit`).all(w.args) as AuditRow[]).map(toEntry);
  return pageOf(rows, limit, (r) => [r.seq]);
}
