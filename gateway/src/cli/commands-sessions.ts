// CLI: `sessions list`, `forwards list`, `recording export`, `commands search` — read-only views
// of the sessions table, the audit log's port forwards, the recordings and the command log, safe
// while the gateway serves (SQLite WAL).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command, type Option } from 'commander';
import { createCommandRepo } from '../commands/repo';
import { createSessionRepo, type SessionRecord } from '../sessions/repo';
import { forwardHistory, type ForwardRecord } from '../audit';
import type { Store } from '../store';
import { openCliStore } from './open-store';
import type { CliIo } from './cli-io';
import { escapeJsonText, jsonText, tableLines } from './terminal-text';

export interface CliContext {
  dataOption(): Option;
  dataDir(opts: { data?: string }): string;
}

function withStore<T>(dir: string, env: Record<string, string | undefined>, fn: (store: Store) => T): T {
  const store = openCliStore(dir, env);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z'));
/** Who ended it and why: "expiry: grant expired", "terminated by sam: …"; "-" while live or unknown. */
const endText = (s: SessionRecord) => (s.endedBy === null ? '-' : `${s.endedBy}${s.endActor ? ` by ${s.endActor}` : ''}${s.endReason ? `: ${s.endReason}` : ''}`);
const exitText = (s: SessionRecord) => (s.exitCode !== null ? String(s.exitCode) : (s.exitSignal ?? '-'));

/** Open port forwards as `sessions list --live` shows them beside the sessions (kind `forward`). */
function liveForwards(store: Store, opts: { user?: string; host?: string }) {
  const open = (f: ForwardRecord) => f.status === 'live' && (!opts.user || f.user === opts.user) && (!opts.host || f.host === opts.host);
  return forwardHistory(store.audit)
    .filter(open)
    .map((f) => ({ id: f.id, kind: 'forward' as const, user: f.user, host: f.host, login: f.login, to: f.to, from: f.from, startedAt: f.openedAt, status: 'live' as const }));
}

function positiveInteger(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`invalid --limit "${v}": expected a positive integer`);
  return n;
}

export function registerSessionCommands(program: Command, io: CliIo, ctx: CliContext): void {
  const sessions = program.command('sessions').description('recorded sessions');
  sessions
    .command('list')
    .description('list sessions, newest first')
    .addOption(ctx.dataOption())
    .option('--json', 'one JSON array (machine readable)')
    .option('--live', 'only sessions still running, and the port forwards open now (kind forward)')
    .option('--user <name>', "only this user's sessions")
    .option('--host <name>', 'only sessions on this host')
    .option('--limit <n>', 'at most this many (default 100)', positiveInteger)
    .action((opts: { data?: string; json?: boolean; live?: boolean; user?: string; host?: string; limit?: number }) =>
      withStore(ctx.dataDir(opts), io.env, (store) => {
        const limit = opts.limit ?? 100;
        const sessionRows = createSessionRepo(store.db).list({ user: opts.user, host: opts.host, status: opts.live ? 'live' : undefined, limit });
        const forwards = opts.live ? liveForwards(store, opts) : [];
        const list = [...sessionRows, ...forwards].sort((a, b) => b.startedAt - a.startedAt).slice(0, limit);
        if (opts.json) return io.out(jsonText(list, 2));
        if (list.length === 0) return io.out('no sessions');
        const rows: unknown[][] = [['ID', 'STARTED', 'ENDED', 'USER', 'TARGET', 'KIND', 'STATUS', 'ENDED BY', 'EXIT', 'BYTES', 'COMMAND']];
        for (const s of list) {
          // A forward's bytes are known at its close (`forwards list`); the app shows them live.
          if (s.kind === 'forward') rows.push([s.id, iso(s.startedAt), '-', s.user, `${s.login}@${s.host}`, s.kind, s.status, '-', '-', '-', `to ${s.to}`]);
          else rows.push([s.id, iso(s.startedAt), iso(s.endedAt), s.user, `${s.login}@${s.host}`, s.kind, s.status, endText(s), exitText(s), String(s.bytes), s.command ?? '']);
        }
        for (const line of tableLines(rows)) io.out(line);
      }),
    );

  program
    .command('forwards')
    .description('allowed port forwards (forwarding.policy: allow), from the audit log')
    .command('list')
    .description('list port forwards, newest first')
    .addOption(ctx.dataOption())
    .option('--json', 'one JSON array (machine readable)')
    .option('--live', 'only forwards still open')
    .option('--user <name>', "only this user's forwards")
    .option('--limit <n>', 'at most this many (default 100)', positiveInteger)
    .action((opts: { data?: string; json?: boolean; live?: boolean; user?: string; limit?: number }) =>
      withStore(ctx.dataDir(opts), io.env, (store) => {
        const list = forwardHistory(store.audit)
          .filter((f) => (!opts.live || f.status === 'live') && (!opts.user || f.user === opts.user))
          .slice(0, opts.limit ?? 100);
        if (opts.json) return io.out(jsonText(list, 2));
        if (list.length === 0) return io.out('no port forwards');
        const bytes = (n: number | null) => (n === null ? '-' : String(n));
        const rows: unknown[][] = [['ID', 'OPENED', 'CLOSED', 'USER', 'TARGET', 'TO', 'STATUS', 'SENT', 'RECEIVED', 'ENDED BY']];
        for (const f of list) {
          rows.push([f.id, iso(f.openedAt), iso(f.closedAt), f.user, `${f.login}@${f.host}`, f.to, f.status, bytes(f.bytesSent), bytes(f.bytesReceived), f.endedBy ?? '-']);
        }
        for (const line of tableLines(rows)) io.out(line);
      }),
    );

  program
    .command('recording')
    .description('recordings of sessions (asciicast v2)')
    .command('export <session-id>')
    .description('write the recording of a session (asciicast v2, plays with `asciinema play`)')
    .addOption(ctx.dataOption())
    .option('--out <file>', 'write to this file (default: standard output)')
    .action((id: string, opts: { data?: string; out?: string }) => {
      const dir = ctx.dataDir(opts);
      const session = withStore(dir, io.env, (store) => createSessionRepo(store.db).get(id));
      if (!session) throw new Error(`no session ${id}`);
      if (!session.recording) throw new Error(`session ${id} has no recording (${session.status})`);
      const file = join(dir, session.recording);
      try {
        const bytes = readFileSync(file);
        // A crash can leave a torn last line: export what is complete.
        const complete = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
        if (opts.out) {
          // 0600: a recording is as secret as what was typed in it.
          writeFileSync(opts.out, complete, { mode: 0o600 });
          io.err(`wrote ${opts.out}`);
        } else io.out(escapeJsonText(complete.subarray(0, -1).toString('utf8'))); // asciicast: one JSON text per line
      } catch (error) {
        throw new Error(`cannot export the recording of ${id}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    });

  program
    .command('commands')
    .description('the command log')
    .command('search <query>')
    .description('find commands entered in sessions ("" lists the newest); every word must occur, as a prefix')
    .addOption(ctx.dataOption())
    .option('--user <name>', "only this user's commands")
    .option('--host <name>', 'only commands on this host')
    .option('--json', 'one JSON array (machine readable)')
    .action((query: string, opts: { data?: string; user?: string; host?: string; json?: boolean }) =>
      withStore(ctx.dataDir(opts), io.env, (store) => {
        const found = createCommandRepo(store.db).search({ query, user: opts.user, host: opts.host, limit: 1000 });
        if (opts.json) return io.out(jsonText(found, 2));
        if (found.length === 0) return io.out('no commands found');
        const rows: unknown[][] = [['TIME', 'USER', 'TARGET', 'SESSION', 'OFFSET', 'COMMAND']];
        for (const c of found) rows.push([iso(c.at), c.user, `${c.login}@${c.host}`, c.sessionId, String(c.offset), c.command]);
        for (const line of tableLines(rows)) io.out(line);
      }),
    );
}
