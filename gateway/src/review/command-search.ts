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

export function searchCommands(db: Database.Database, s: CommandSearch): { commands: CommandHit[]; next: string | null } {
  const limit = s.limit ?? 100;
  const w = whereBuilder({ limit: limit + 1 });
  w.add('c.id IN (SELECT rowid FROM commands_fts WHERE commands_fts MATCH @fts)', 'fts', toFtsQuery(s.query) || undefined);
  w.add('c.user = @user', 'user', s.user);
  w.add('c.host = @host', 'host', s.host);
  w.add('c.session_id = @sessionId', 'sessionId', s.sessionId);
  if (s.cursor !== undefined) {
    const [at, id] = decodeCursor(s.cursor, ['number', 'number']);
    w.add('(c.at, c.id) < (@cursorAt, @cursorId)', 'cursorAt', at);
    w.args.cursorId = id;
  }
  const sql = `SELECT c.id, c.at, c.user, c.host, c.login, c.session_id AS sessionId, MAX(0, c.at - s.started_at) / 1000.0 AS t, c.command
    FROM commands c JOIN sessions s ON s.id = c.session_id ${w.sql()} ORDER BY c.at DESC, c.id DESC LIMIT @limit`;
  const page = pageOf(db.prepare(sql).all(w.args) as CommandHit[], limit, (c) => [c.at, c.id]);
  return { commands: page.rows, next: page.next };
}
