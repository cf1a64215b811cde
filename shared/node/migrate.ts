// Versioned SQLite schema migrations, shared by the gateway's store and the client's store. Each
// step runs once, in order, inside a transaction, and is recorded in schema_migrations. Never
// edit a step that has shipped: append a new one.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Applies the pending steps in order; returns the versions it applied. `program` names who must be upgraded. */
export function runMigrations(db: Database.Database, steps: readonly Migration[], program: string): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const sorted = [...steps].sort((a, b) => a.version - b.version);
  sorted.forEach((step, i) => {
    if (i > 0 && step.version === sorted[i - 1]!.version) throw new Error(`duplicate migration version ${step.version}`);
  });
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const known = Math.max(0, ...sorted.map((s) => s.version));
  if (current > known) {
    throw new Error(`the database is at schema version ${current}, newer than this ${program} knows (${known}): upgrade the ${program}`);
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const step of sorted) {
    if (step.version <= current) continue;
    db.transaction(() => {
      db.exec(step.sql);
      record.run(step.version, step.name, Date.now());
    })();
    applied.push(step.version);
  }
  return applied;
}
