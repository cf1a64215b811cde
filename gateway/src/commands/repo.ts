// The command log: every command line entered in a recorded session, with a full-text index
// (SQLite FTS5) over the command text.
import type Database from 'better-sqlite3';
import { whereBuilder } from '../store/where';

export interface CommandRecord {
  id: number;
  at: number;
  user: string;
  host: string;
  login: string;
  sessionId: string;
  /** Byte offset into the session's .cast file where the command was entered. */
  offset: number;
  command: string;
}

export interface CommandSearch {
  query: string;
  user?: string;
  host?: string;
  limit?: number;
}

/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error: every word must
 * occur, each as a quoted prefix ("rm" matches rm and rmdir). Empty when there are no words.
 * NUL separates words too: FTS5 reads a query as a C string, so a NUL inside a quoted word ends
 * it ("unterminated string"), and the tokenizer splits indexed text there anyway.
 */
export function toFtsQuery(text: string): string {
  return text
    .split(/[\s\0]+/)
    .filter((w) => w !== '')
    .map((w) => `"${w.replace(/"/g, '""')}"*`)
    .join(' ');
}

interface Row {
  id: number;
  at: number;
  user: string;
  host: string;
  login: string;
  session_id: string;
  offset: number;
  command: string;
}

export function createCommandRepo(db: Database.Database) {
  const insert = db.prepare('INSERT INTO commands (at, user, host, login, session_id, offset, command) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const ofSession = db.prepare<[string], Row>('SELECT * FROM commands WHERE session_id = ? ORDER BY id');
  const toRecord = (r: Row): CommandRecord => ({ id: r.id, at: r.at, user: r.user, host: r.host, login: r.login, sessionId: r.session_id, offset: r.offset, command: r.command });

  return {
    add(c: Omit<CommandRecord, 'id'>): number {
      return Number(insert.run(c.at, c.user, c.host, c.login, c.sessionId, c.offset, c.command).lastInsertRowid);
    },
    ofSession(sessionId: string): CommandRecord[] {
      return ofSession.all(sessionId).map(toRecord);
    },
    /** Newest first. An empty query lists the newest commands (still filtered by user/host). */
    search(s: CommandSearch): CommandRecord[] {
      const fts = toFtsQuery(s.query);
      const w = whereBuilder({ limit: s.limit ?? 100 });
      w.add('c.id IN (SELECT rowid FROM commands_fts WHERE commands_fts MATCH @fts)', 'fts', fts || undefined);
      w.add('c.user = @user', 'user', s.user);
      w.add('c.host = @host', 'host', s.host);
      const sql = `SELECT c.* FROM commands c ${w.sql()} ORDER BY c.at DESC, c.id DESC LIMIT @limit`;
      return (db.prepare(sql).all(w.args) as Row[]).map(toRecord);
    },
  };
}

export type CommandRepo = ReturnType<typeof createCommandRepo>;
