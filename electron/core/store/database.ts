// Opens the client's SQLite database in its data dir (Electron: userData; browser shell and lab:
// --client-data DIR). WAL, foreign keys on, schema migrated.
import type Database from 'better-sqlite3';
import { openMigratedDatabase } from '../../../shared/node/migrate';
import { clientMigrations } from './migrations';

export const CLIENT_DATABASE_FILE = 'portcullis-client.db';

export function openClientDatabase(dataDir: string): Database.Database {
  return openMigratedDatabase(dataDir, CLIENT_DATABASE_FILE, clientMigrations, 'client');
}
