// Opens the gateway's SQLite database in the data dir: WAL (readers never block the writer, so the
// CLI can change grants while the gateway serves), foreign keys on, schema migrated.
import type Database from 'better-sqlite3';
import { openMigratedDatabase } from '../../../shared/node/migrate';
import { migrations } from './migrations';

export const DATABASE_FILE = 'gateway.db';

export function openDatabase(dataDir: string): Database.Database {
  return openMigratedDatabase(dataDir, DATABASE_FILE, migrations, 'gateway');
}
