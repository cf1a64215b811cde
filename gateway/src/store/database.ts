// Opens the gateway's SQLite database in the data dir: WAL (readers never block the writer, so the
// CLI can change grants while the gateway serves), foreign keys on, schema migrated.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openMigratedDatabase } from '../../../shared/node/migrate';
import { migrations } from './migrations';

export const DATABASE_FILE = 'gateway.db';

/** Thrown when the database cannot be opened or is not one this gateway can use; names the file. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

export function openDatabase(dataDir: string): Database.Database {
  try {
    return openMigratedDatabase(dataDir, DATABASE_FILE, migrations, 'gateway');
  } catch (error) {
    throw new DatabaseOpenError(`cannot open the database ${join(dataDir, DATABASE_FILE)}: ${(error as Error).message}`);
  }
}
