// `review.commands.search`: full-text search over the command log, newest first, in keyset pages,
// each command with its time into the session's recording (where the player opens).
import type Database from 'better-sqlite3';
import { toFtsQuery, type CommandRecord } from '../commands/repo';
import { whereBuilder } from '../store/where';
import { decodeCursor, pageOf } from './cursor';

export interface CommandSearch {
  query: string;
  user?: string;
  host?: string;
  sessionId?: string;
  limit?: number;
  cursor?: string;
}

/** A command as the reviewer sees it: where the player opens instead of a byte offset. */
export type CommandHit = Omit<CommandRecord, 'offset'> & {
  /** Seconds into the recording. */
  t: number;
};

/**
 * Newest first in the order commands were logged (ids; `at` follows it to within the moment a
 * command is stored). A word search walks the full-text index backwards from the newest match and
 * stops once the page is full, so a common word over millions of commands costs no more than a
 * rare one; within one session, that session's commands are walked instead (fewer).
 */
export function searchCommands(db: Database.Database, s: CommandSearch): { commands: CommandHit[]; next: string | null } {
  const { sql, args, limit } = commandSearchQuery(s);
  const page = pageOf(db.prepare(sql).all(args) as CommandHit[], limit, (c) => [c.id]);
  return { commands: page.rows, next: page.next };
}

/** The SQL of a search and its arguments (one row more than a page: whether there is a next). */
export function commandSearchQuery(s: CommandSearch): { sql: string; args: Record<string, unknown>; limit: number } {
  const limit = s.limit ?? 100;
  const fts = toFtsQuery(s.query) || undefined;
  const walkIndex = fts !== undefined && s.sessionId === undefined;
  const id = walkIndex ? 'commands_fts.rowid' : 'c.id';
  const w = whereBuilder({ limit: limit + 1 });
  w.add('commands_fts MATCH @fts', 'fts', fts);
  w.add('c.user = @user', 'user', s.user);
  w.add('c.host = @host', 'host', s.host);
  w.add('c.session_id = @sessionId', 'sessionId', s.sessionId);
  if (s.cursor !== undefined) w.add(`${id} < @cursorId`, 'cursorId', decodeCursor(s.cursor, ['number'])[0]);
  // CROSS JOIN fixes which is the outer loop: the index (SQLite would otherwise sort every match),
  // or the session's commands, each looked up in the index.
  const from = walkIndex
    ? 'commands_fts CROSS JOIN commands c ON c.id = commands_fts.rowid'
    : fts !== undefined
      ? 'commands c CROSS JOIN commands_fts ON commands_fts.rowid = c.id'
      : 'commands c';
  const sql = `SELECT c.id, c.at, c.user, c.host, c.login, c.session_id AS sessionId, MAX(0, c.at - s.started_at) / 1000.0 AS t, c.command
    FROM ${from} JOIN sessions s ON s.id = c.session_id ${w.sql()} ORDER BY ${id} DESC LIMIT @limit`;
  return { sql, args: w.args, limit };
}
