// Reports the public keys migration 6 took from users who shared them with an earlier owner: one
// audit row each (`user.changed`, change `key removed`), once, the first time a store opens after
// the migration. The start goes on; the admin reads who lost which key in the audit log.
import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit';

export const MIGRATION_ACTOR = 'gateway:migration';

export function reportDroppedKeys(db: Database.Database, audit: AuditLog): number {
  const rows = db
    .prepare<[], { id: number; user: string; kept_by: string; fingerprint: string }>(
      `SELECT d.id, lost.name AS user, kept.name AS kept_by, d.fingerprint FROM user_keys_dropped d
       JOIN users lost ON lost.id = d.user_id JOIN users kept ON kept.id = d.kept_by WHERE d.reported = 0 ORDER BY d.id`,
    )
    .all();
  const done = db.prepare('UPDATE user_keys_dropped SET reported = 1 WHERE id = ?');
  db.transaction(() => {
    for (const row of rows) {
      audit.record({ type: 'user.changed', actor: MIGRATION_ACTOR, data: { user: row.user, change: 'key removed', key: row.fingerprint, reason: `the key also belonged to ${row.kept_by}, its first owner, who keeps it` } });
      done.run(row.id);
    }
  })();
  return rows.length;
}
