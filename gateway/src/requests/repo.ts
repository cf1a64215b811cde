// The access_requests table (migration 12): stores and fetches requests; deciding what may change
// is the service's job (./service.ts). Every write takes the next `revision`, so a reader tells
// what changed since it last looked, whichever process wrote it.
import type Database from 'better-sqlite3';
import type { AccessRequest, AccessRequestState } from '../../../shared/contract/gateway-api/access';

interface Row {
  id: number;
  requester: string;
  hosts: string;
  login: string;
  duration_ms: number;
  reason: string;
  created_at: number;
  expires_at: number;
  state: AccessRequestState;
  decided_by: string | null;
  decided_at: number | null;
  decision_reason: string | null;
  grant_id: number | null;
  grant_hosts: string | null;
  grant_until: number | null;
  revision: number;
}

const toRequest = (r: Row): AccessRequest & { revision: number } => ({
  id: r.id,
  requester: r.requester,
  hosts: r.hosts,
  login: r.login,
  durationMs: r.duration_ms,
  reason: r.reason,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  state: r.state,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionReason: r.decision_reason,
  grant: r.grant_id === null ? null : { id: r.grant_id, hosts: r.grant_hosts!, from: r.decided_at!, until: r.grant_until! },
  revision: r.revision,
});

export type StoredRequest = ReturnType<typeof toRequest>;

export interface NewRequest {
  userId: number;
  hosts: string;
  login: string;
  durationMs: number;
  reason: string;
  createdAt: number;
  expiresAt: number;
}

export interface Decision {
  state: Exclude<AccessRequestState, 'pending'>;
  by: string;
  at: number;
  reason?: string | null;
  grant?: { id: number; hosts: string; until: number };
}

export interface RequestFilter {
  requester?: string;
  state?: AccessRequestState;
  before?: number;
  limit: number;
}

const SELECT = `SELECT r.*, u.name AS requester FROM access_requests r JOIN users u ON u.id = r.user_id`;
const NEXT_REVISION = `(SELECT coalesce(max(revision), 0) + 1 FROM access_requests)`;

export function createRequestRepo(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO access_requests (user_id, hosts, login, duration_ms, reason, created_at, expires_at, state, revision)
     VALUES (@userId, @hosts, @login, @durationMs, @reason, @createdAt, @expiresAt, 'pending', ${NEXT_REVISION})`,
  );
  const byId = db.prepare<[number], Row>(`${SELECT} WHERE r.id = ?`);
  // Only a pending request is decided: a decision racing another (or the expiry) changes nothing.
  const decide = db.prepare(
    `UPDATE access_requests SET state = @state, decided_by = @by, decided_at = @at, decision_reason = @reason,
       grant_id = @grantId, grant_hosts = @grantHosts, grant_until = @grantUntil, revision = ${NEXT_REVISION}
     WHERE id = @id AND state = 'pending'`,
  );
  const due = db.prepare<[number], Row>(`${SELECT} WHERE r.state = 'pending' AND r.expires_at <= ? ORDER BY r.id`);
  const nextExpiry = db.prepare<[], number | null>(`SELECT min(expires_at) FROM access_requests WHERE state = 'pending'`).pluck();
  const since = db.prepare<[number], Row>(`${SELECT} WHERE r.revision > ? ORDER BY r.revision`);
  const lastRevision = db.prepare<[], number>(`SELECT coalesce(max(revision), 0) FROM access_requests`).pluck();
  const pendingOf = db.prepare<[number], number>(`SELECT count(*) FROM access_requests WHERE state = 'pending' AND user_id = ?`).pluck();
  const pendingAll = db.prepare<[], number>(`SELECT count(*) FROM access_requests WHERE state = 'pending'`).pluck();

  return {
    create(request: NewRequest): StoredRequest {
      const id = Number(insert.run(request).lastInsertRowid);
      return toRequest(byId.get(id)!);
    },
    find(id: number): StoredRequest | undefined {
      const row = byId.get(id);
      return row && toRequest(row);
    },
    /** Records the decision if the request is still pending; false when it was not. */
    decide(id: number, d: Decision): boolean {
      const g = d.grant;
      return decide.run({ id, state: d.state, by: d.by, at: d.at, reason: d.reason ?? null, grantId: g?.id ?? null, grantHosts: g?.hosts ?? null, grantUntil: g?.until ?? null }).changes > 0;
    },
    /** Pending requests whose expiry has come. */
    due(now: number): StoredRequest[] {
      return due.all(now).map(toRequest);
    },
    nextExpiry(): number | null {
      return nextExpiry.get() ?? null;
    },
    /** Requests written after `revision`, oldest write first. */
    changedSince(revision: number): StoredRequest[] {
      return since.all(revision).map(toRequest);
    },
    lastRevision: (): number => lastRevision.get()!,
    /** Pending requests of one user (by id), or of everyone. */
    pendingCount: (userId?: number): number => (userId === undefined ? pendingAll.get()! : pendingOf.get(userId)!),
    /** Newest first. */
    list(filter: RequestFilter): StoredRequest[] {
      const conditions = { requester: 'u.name = @requester', state: 'r.state = @state', before: 'r.id < @before' } as const;
      const params: Record<string, string | number> = { limit: filter.limit };
      const where: string[] = [];
      for (const key of Object.keys(conditions) as Array<keyof typeof conditions>) {
        const value = filter[key];
        if (value === undefined) continue;
        where.push(conditions[key]);
        params[key] = value;
      }
      const sql = `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id DESC LIMIT @limit`;
      return db.prepare<Record<string, string | number>, Row>(sql).all(params).map(toRequest);
    },
  };
}
export type RequestRepo = ReturnType<typeof createRequestRepo>;
