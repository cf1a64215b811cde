// The sessions table: one row per target shell/exec, written by the session lifecycle
// (./lifecycle.ts) and read by the CLI and the API.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { EndedBy } from './end-cause';
import { whereBuilder } from '../store/where';

export type SessionKind = 'shell' | 'exec' | 'sftp';
export type SessionStatus = 'live' | 'ended' | 'interrupted' | 'refused';

export interface SessionRecord {
  id: string;
  user: string;
  host: string;
  login: string;
  kind: SessionKind;
  command: string | null;
  startedAt: number;
  endedAt: number | null;
  status: SessionStatus;
  exitCode: number | null;
  exitSignal: string | null;
  /** Path of the .cast file relative to the data dir; null when nothing was recorded. */
  recording: string | null;
  /** Bytes of the .cast file so far (updated every second while live, and at the end). */
  bytes: number;
  /** Why it ended (./end-cause.ts); null while live and on rows from before this was kept. */
  endedBy: EndedBy | null;
  endReason: string | null;
  /** For `terminated`: who ended it. */
  endActor: string | null;
  /** The client's address (host:port); null when unknown (rows from before it was kept). */
  source: string | null;
}

/** How a session ended, as its row keeps it. */
export interface SessionEnd {
  status: 'ended' | 'interrupted';
  endedAt: number;
  exitCode?: number | null;
  exitSignal?: string | null;
  bytes: number;
  endedBy: EndedBy;
  endReason?: string | null;
  endActor?: string | null;
}

export interface SessionFilter {
  user?: string;
  host?: string;
  status?: SessionStatus;
  /** Rows started before this (ms), for paging backwards in time. */
  before?: number;
  limit?: number;
  offset?: number;
}

// Columns as SessionRecord fields: rows come out of SQLite in the shape callers use.
const COLUMNS = `id, user, host, login, kind, command, started_at AS startedAt, ended_at AS endedAt, status,
  exit_code AS exitCode, exit_signal AS exitSignal, recording, bytes, ended_by AS endedBy, end_reason AS endReason, end_actor AS endActor, source`;

/** 16 random bytes, base64url: unguessable and safe in paths and URLs. */
/**
 * Random and URL-safe (22 characters), never starting with `-` or `_`: ids are typed on command
 * lines (`recording export ID`), where a leading dash reads as an option.
 */
export function newSessionId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

export function createSessionRepo(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO sessions (id, user, host, login, kind, command, started_at, status, recording, source)
     VALUES (@id, @user, @host, @login, @kind, @command, @startedAt, @status, @recording, @source)`,
  );
  const finish = db.prepare(
    `UPDATE sessions SET status = @status, ended_at = @endedAt, exit_code = @exitCode, exit_signal = @exitSignal, bytes = @bytes,
       ended_by = @endedBy, end_reason = @endReason, end_actor = @endActor
     WHERE id = @id AND status = 'live'`,
  );
  const progress = db.prepare("UPDATE sessions SET bytes = ? WHERE id = ? AND status = 'live'");
  const moved = db.prepare("UPDATE sessions SET command = ?, bytes = ? WHERE id = ? AND status = 'live'");
  const byId = db.prepare<[string], SessionRecord>(`SELECT ${COLUMNS} FROM sessions WHERE id = ?`);
  const live = db.prepare<[], SessionRecord>(`SELECT ${COLUMNS} FROM sessions WHERE status = 'live'`);

  return {
    create(s: Pick<SessionRecord, 'id' | 'user' | 'host' | 'login' | 'kind' | 'command' | 'startedAt' | 'status' | 'recording'> & { source?: string | null }): void {
      insert.run({ ...s, source: s.source ?? null });
    },
    /** Ends a live session; false when it was not live (already ended or marked interrupted). */
    finish(id: string, f: SessionEnd): boolean {
      const row = { id, ...f, exitCode: f.exitCode ?? null, exitSignal: f.exitSignal ?? null, endReason: f.endReason ?? null, endActor: f.endActor ?? null };
      return finish.run(row).changes > 0;
    },
    /** A live session's recording size so far. */
    progress(id: string, bytes: number): void {
      progress.run(bytes, id);
    },
    /** A live sftp session's files so far (in words, in `command`) and their bytes. */
    moved(id: string, files: string, bytes: number): void {
      moved.run(files, bytes, id);
    },
    get(id: string): SessionRecord | undefined {
      return byId.get(id);
    },
    live(): SessionRecord[] {
      return live.all();
    },
    list(filter: SessionFilter = {}): SessionRecord[] {
      const w = whereBuilder({ limit: filter.limit ?? 100, offset: filter.offset ?? 0 });
      w.add('user = @user', 'user', filter.user);
      w.add('host = @host', 'host', filter.host);
      w.add('status = @status', 'status', filter.status);
      w.add('started_at < @before', 'before', filter.before);
      const sql = `SELECT ${COLUMNS} FROM sessions ${w.sql()} ORDER BY started_at DESC, id LIMIT @limit OFFSET @offset`;
      return db.prepare(sql).all(w.args) as SessionRecord[];
    },
  };
}

export type SessionRepo = ReturnType<typeof createSessionRepo>;
