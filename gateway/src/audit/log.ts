// The append-only audit log in the gateway's SQLite. Rows are only ever inserted (triggers refuse
// UPDATE and DELETE); `verify` walks the chain and names the first row whose content or order was
// altered by someone who went around the triggers.
import type Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { chainHash, GENESIS_HASH, type AuditEntryContent } from './chain';

export interface AuditEvent {
  type: AuditEventType;
  actor: string;
  data?: Record<string, unknown>;
}

/** Every kind of security event the gateway records; one list so reviewers know what to search. */
export type AuditEventType =
  | 'login.success'
  | 'login.failure'
  | 'login.locked'
  | 'login.refused'
  | 'connection.refused'
  | 'session.start'
  | 'session.end'
  | 'session.interrupted'
  | 'session.refused'
  | 'session.terminated'
  | 'session.watch.start'
  | 'session.watch.stop'
  | 'session.failed'
  | 'forwarding.refused'
  | 'forwarding.open'
  | 'forwarding.close'
  | 'forwarding.terminated'
  | 'transfer.refused'
  | 'transfer.file'
  | 'batch.start'
  | 'batch.control'
  | 'batch.end'
  | 'api.denied'
  | 'hostkey.pinned'
  | 'hostkey.mismatch'
  | 'target.no-credential'
  | 'target.bad-address'
  | 'target.auth-refused'
  | 'target.unreachable'
  | 'recording.failed'
  | 'user.added'
  | 'user.changed'
  | 'host.added'
  | 'host.changed'
  | 'host.removed'
  | 'inventory.imported'
  | 'credential.set'
  | 'credential.removed'
  | 'grant.added'
  | 'grant.removed'
  | 'grant.changed'
  | 'request.created'
  | 'request.approved'
  | 'request.denied'
  | 'request.cancelled'
  | 'request.expired'
  | 'command_rule.added'
  | 'command_rule.removed'
  | 'command.rejected'
  | 'command.confirmed'
  | 'command.refused'
  | 'command.refused_timeout'
  | 'group.added'
  | 'group.changed'
  | 'rule.login.added'
  | 'rule.login.removed'
  | 'audit.triggers-restored'
  | 'gateway.start'
  | 'gateway.stop'
  | 'gateway.error';

export interface AuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export type VerifyResult =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; seq: number; problem: string };

export interface AuditLog {
  record(event: AuditEvent): AuditEntry;
  list(options?: { afterSeq?: number; limit?: number; type?: string }): AuditEntry[];
  /** The newest entry (the chain's head); undefined when the log is empty. */
  head(): AuditEntry | undefined;
  verify(): VerifyResult;
}

/** An audit_log row as SQLite returns it. */
export interface AuditRow {
  seq: number;
  at: number;
  type: string;
  actor: string;
  data: string;
  prev_hash: string;
  hash: string;
}

export const toEntry = (row: AuditRow): AuditEntry => ({
  seq: row.seq,
  at: row.at,
  type: row.type,
  actor: row.actor,
  data: JSON.parse(row.data) as Record<string, unknown>,
  prevHash: row.prev_hash,
  hash: row.hash,
});

export function createAuditLog(db: Database.Database, now: () => number = Date.now): AuditLog {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO audit_log (seq, at, type, actor, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // Read the head and append in one write transaction, so two processes (the gateway and the
  // CLI) sharing the database cannot fork the chain.
  const append = db.transaction((event: AuditEvent): AuditEntry => {
    const head = last.get() as { seq: number; hash: string } | undefined;
    const content: AuditEntryContent = {
      seq: (head?.seq ?? 0) + 1,
      at: now(),
      type: event.type,
      actor: event.actor,
      data: JSON.parse(canonicalize(event.data ?? {}) ?? '{}') as Record<string, unknown>,
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, content);
    insert.run(content.seq, content.at, content.type, content.actor, canonicalize(content.data), prevHash, hash);
    return { ...content, prevHash, hash };
  });

  return {
    record: (event) => append.immediate(event),
    list({ afterSeq = 0, limit = 1000, type } = {}) {
      const rows = type
        ? db.prepare('SELECT * FROM audit_log WHERE seq > ? AND type = ? ORDER BY seq LIMIT ?').all(afterSeq, type, limit)
        : db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit);
      return (rows as AuditRow[]).map(toEntry);
    },
    head() {
      const row = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditRow | undefined;
      return row && toEntry(row);
    },
    verify() {
      let prevHash = GENESIS_HASH;
      let expectedSeq = 1;
      let entries = 0;
      for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
        entries++;
        if (row.seq !== expectedSeq) return { ok: false, entries, seq: row.seq, problem: `expected row ${expectedSeq} here: a row was removed or renumbered` };
        if (row.prev_hash !== prevHash) return { ok: false, entries, seq: row.seq, problem: 'its link to the previous row is broken: rows were removed, reordered or edited' };
        let data: Record<string, unknown>;
        try {
          data = JSON.parse(row.data) as Record<string, unknown>;
        } catch {
          return { ok: false, entries, seq: row.seq, problem: 'its content is not valid JSON: it was edited' };
        }
        const hash = chainHash(prevHash, { seq: row.seq, at: row.at, type: row.type, actor: row.actor, data });
        if (hash !== row.hash) return { ok: false, entries, seq: row.seq, problem: 'its content does not match its hash: it was edited' };
        prevHash = row.hash;
        expectedSeq++;
      }
      return { ok: true, entries, head: prevHash };
    },
  };
}
