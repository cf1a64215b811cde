// The audit log's append-only triggers. Someone with write access to the database can drop them;
// `audit verify` reports a missing one and the gateway puts it back at start (audited), so an
// edit made while they were gone has a window on record instead of going unnoticed.
import type Database from 'better-sqlite3';

export const AUDIT_TRIGGERS: Record<string, string> = {
  audit_log_no_update: `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
  audit_log_no_delete: `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
};

/** Names of the append-only triggers that are not in the database. */
export function missingAuditTriggers(db: Database.Database): string[] {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").pluck().all() as string[]);
  return Object.keys(AUDIT_TRIGGERS).filter((name) => !present.has(name));
}

/** Creates the missing triggers; returns their names. */
export function restoreAuditTriggers(db: Database.Database): string[] {
  const missing = missingAuditTriggers(db);
  db.transaction(() => missing.forEach((name) => db.exec(AUDIT_TRIGGERS[name]!)))();
  return missing;
}
