// Versioned SQLite schema migrations, shared by the gateway's store and the client's store. Each
// step runs once, in order, inside a transaction, and is recorded in schema_migrations. Never
// edit a step that has shipped: append a new one.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import DatabaseConstructor from 'better-sqlite3';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rebuilds a table other tables reference (SQLite's documented way to change a CHECK): runs with
   * foreign keys off, then checks them all before it commits.
   */
  rebuildsReferencedTable?: boolean;
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
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
  const current = Math.max(0, ...done);
  const known = Math.max(0, ...sorted.map((s) => s.version));
  if (current > known) {
    throw new Error(`the database is at schema version ${current}, newer than this ${program} knows (${known}): upgrade the ${program}`);
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const step of sorted) {
    // Every step not yet recorded runs, even below the highest applied one: steps written on
    // parallel branches may land out of order.
    if (done.has(step.version)) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
    // Only outside a transaction does this pragma take effect.
    if (step.rebuildsReferencedTable && foreignKeys) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(step.sql);
        if (step.rebuildsReferencedTable && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error(`migration ${step.version} broke a foreign key`);
        record.run(step.version, step.name, Date.now());
      })();
    } finally {
      if (step.rebuildsReferencedTable && foreignKeys) db.pragma('foreign_keys = ON');
    }
    applied.push(step.version);
  }
  return applied;
}

/**
 * Opens (creating it 0600 and its 0700 directory if needed) the SQLite file `fileName` in `dataDir`:
 * WAL (readers never block the writer), foreign keys on, a busy timeout, schema migrated.
 */
export function openMigratedDatabase(dataDir: string, fileName: string, steps: readonly Migration[], program: string): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, fileName);
  // Created 0600 before SQLite sees it: SQLite would use 0644, and gives its -wal/-shm files the
  // database file's mode.
  closeSync(openSync(file, 'a', 0o600));
  const db = new DatabaseConstructor(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    runMigrations(db, steps, program);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
