// Opens the client's SQLite database in its data dir (Electron: userData; browser shell and lab:
// --client-data DIR). WAL, foreign keys on, schema migrated.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runMigrations } from '../../../shared/node/migrate';
import { clientMigrations } from './migrations';

export const CLIENT_DATABASE_FILE = 'portcullis-client.db';

export function openClientDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, CLIENT_DATABASE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    runMigrations(db, clientMigrations, 'client');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
