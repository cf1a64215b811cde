// The session lifecycle hook handed to the SSH layer (ssh/session.ts): for every target shell or
// exec it writes the sessions row and the audit events, records the session (recording/), follows
// shells' screens for keyframes and the command log (commands/), and applies the strict setting.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { CommandExtractor } from '../commands/extractor';
import { sealCommands } from '../tamper/evidence';
import { createCommandRepo } from '../commands/repo';
import type { Logger } from '../logger';
import { CastWriter, indexPathOf, lastEventSeconds, recordingPath, recordStream, ScreenFollower, type RecordedStream } from '../recording';
import { liveSessionOf, type LiveFeed } from './live-feed';
import type { LiveWatch } from './live-watch';
import type { ExitInfo, RelayResult } from './outcome';
import type { Store } from '../store';
import { FileSummary, type TransferredFile } from '../transfer';
import { createSessionRepo, newSessionId, type SessionKind } from './repo';

export interface RecordingOptions {
  /** Refuse a session whose recording cannot be opened, end one whose recording fails. Default false. */
  strict?: boolean;
  /** Write large batches with O_DIRECT where the filesystem allows it (default true). */
  directIo?: boolean;
  /** Recording bytes waiting for the disk at most (default 32 MiB); half of it holds the session back. */
  maxBuffered?: number;
  /** Output per second the screen follower parses at most (flood protection). */
  screenBudgetBytesPerSec?: number;
}

export interface SessionInfo {
  /** The session core's id for it; a new one when absent. */
  id?: string;
  user: string;
  host: string;
  login: string;
  kind: SessionKind;
  command?: string;
  pty?: { cols: number; rows: number; term: string };
  /** The client's address (host:port), kept in the row for reviewers. */
  source?: string;
}

/** A started session, as the SSH layer drives it. */
export interface SessionTap {
  id: string;
  /** Starts following the user's input and the target's channel; call right after the relay is set up. */
  attach(input: Readable, upstream: ClientChannel): void;
  resize(cols: number, rows: number): void;
  /** An sftp session moved a file: audited (`transfer.file`) and shown in the session's row. */
  file(file: TransferredFile): void;
  /** The relay finished: close the recording, end the row. */
  end(result: RelayResult): Promise<void>;
}

export interface SessionLifecycle {
  /**
   * A session is about to start. `endSession(message)` ends it with that message (strict mode,
   * failed recording). Returns a refusal message when the session must not start.
   */
  begin(info: SessionInfo, endSession: (message: string) => void): SessionTap | { refused: string };
  /** At start: sessions still live from before a crash become interrupted. Returns how many. */
  recoverInterrupted(): number;
  /** Waits until every session's recording is closed and its row ended. */
  drain(): Promise<void>;
}

export const refusalMessage = (reason: string) => `portcullis: the session cannot be recorded (${reason}) and recording is mandatory here; it was refused.`;
export const endedMessage = (reason: string) => `\r\nportcullis: this session's recording failed (${reason}); recording is mandatory here, so the session ends.\r\n`;

const errorText = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

function exitFields(exit: ExitInfo | undefined) {
  if (!exit) return { exitCode: null, exitSignal: null };
  return 'code' in exit ? { exitCode: exit.code, exitSignal: null } : { exitCode: null, exitSignal: exit.signal };
}

/** How often a live session's row learns its recording's size (`sessions list` shows it). */
export const PROGRESS_MS = 1000;

/** Writes the size so far into the row every PROGRESS_MS while it grows. */
function reportProgress(size: () => number, write: (bytes: number) => void): NodeJS.Timeout {
  let reported = -1;
  const timer = setInterval(() => {
    const bytes = size();
    if (bytes !== reported) write((reported = bytes));
  }, PROGRESS_MS);
  timer.unref();
  return timer;
}

/** Who ended it and why, as the `session.end` event carries it (reason and actor only when known). */
const causeFields = (result: RelayResult) => ({ endedBy: result.endedBy, ...(result.reason && { reason: result.reason }), ...(result.by && { by: result.by }) });

const CRASH_REASON = 'the gateway stopped while the session ran';

export function createSessionLifecycle(deps: { store: Store; dataDir: string; logger: Logger; options?: RecordingOptions; feed?: LiveFeed; watch?: LiveWatch }): SessionLifecycle {
  const sessions = createSessionRepo(deps.store.db);
  const commands = createCommandRepo(deps.store.db);
  const strict = deps.options?.strict ?? false;
  const ending = new Set<Promise<void>>();

  return {
    begin(info, endSession) {
      const id = info.id ?? newSessionId();
      const startedAt = Date.now();
      const relPath = recordingPath(id, startedAt);
      const castPath = join(deps.dataDir, relPath);
      const log = deps.logger.child({ session: id });
      const row = { id, user: info.user, host: info.host, login: info.login, kind: info.kind, command: info.command ?? null, startedAt, source: info.source ?? null };
      const failedReasons = new Set<string>();
      let ended = false;

      const onFailure = (reason: string, fatal: boolean) => {
        const kind = fatal ? 'write' : 'overflow';
        if (!failedReasons.has(kind)) {
          failedReasons.add(kind);
          deps.store.audit.record({ type: 'recording.failed', actor: info.user, data: { session: id, reason, strict } });
          log.error({ reason, strict }, 'recording failed');
        }
        if (strict && !ended) endSession(endedMessage(reason));
      };

      let writer: CastWriter | undefined;
      // File transfers are not recorded: their files are audited one by one instead (tap.file).
      const files = info.kind === 'sftp' ? new FileSummary() : undefined;
      if (!files) {
        try {
          const title = info.kind === 'exec' ? `${info.login}@${info.host}: ${info.command}` : `${info.login}@${info.host}`;
          writer = CastWriter.open({
            castPath,
            idxPath: indexPathOf(castPath),
            header: { width: info.pty?.cols ?? 80, height: info.pty?.rows ?? 24, timestamp: Math.floor(startedAt / 1000), term: info.pty?.term, title },
            maxBuffered: deps.options?.maxBuffered,
            directIo: deps.options?.directIo,
            onFailure,
          });
        } catch (error) {
          const reason = `cannot open ${relPath}: ${errorText(error)}`;
          deps.store.audit.record({ type: 'recording.failed', actor: info.user, data: { session: id, reason, strict } });
          log.error({ reason, strict }, 'recording failed');
          if (strict) {
            sessions.create({ ...row, status: 'refused', recording: null });
            deps.store.audit.record({ type: 'session.refused', actor: info.user, data: { session: id, host: info.host, login: info.login, reason: 'recording' } });
            return { refused: refusalMessage(errorText(error)) };
          }
        }
      }

      sessions.create({ ...row, status: 'live', recording: writer ? relPath : null });
      const progress = writer ? reportProgress(() => writer.offset, (bytes) => sessions.progress(id, bytes)) : undefined;
      deps.feed?.publish({ change: 'started', session: liveSessionOf(row) });
      deps.store.audit.record({ type: 'session.start', actor: info.user, data: { session: id, host: info.host, login: info.login, kind: info.kind, ...(info.command !== undefined && { command: info.command }) } });
      const base = { user: info.user, host: info.host, login: info.login, sessionId: id };
      if (info.kind === 'exec' && info.command !== undefined) commands.add({ ...base, at: startedAt, offset: writer?.offset ?? 0, command: info.command });

      const extractor =
        info.kind === 'shell' && info.pty
          ? new CommandExtractor((c) => {
              try {
                commands.add({ ...base, at: c.at, offset: c.offset, command: c.command });
              } catch (error) {
                log.error({ err: errorText(error) }, 'cannot store a command');
              }
            })
          : undefined;
      const screen = writer
        ? new ScreenFollower({
            cols: info.pty?.cols ?? 80,
            rows: info.pty?.rows ?? 24,
            convertEol: !info.pty,
            budgetBytesPerSec: deps.options?.screenBudgetBytesPerSec,
            observer: extractor,
            onKeyframe: (k) => writer.keyframe(k),
          })
        : undefined;
      // Watchable while it runs: the follower's screen is what a watcher starts from.
      const watchers = screen && deps.watch?.open(id, { user: info.user, host: info.host, login: info.login, pty: !!info.pty, screen: () => screen.snapshot() });

      // Recording sinks for the target's output: each records a stream's chunks and holds that
      // stream back while the writer is behind the disk (recording/sink.ts).
      const recorded: RecordedStream[] = [];
      const tap: SessionTap = {
        id,
        attach(input, upstream) {
          if (!writer) return;
          const w = writer;
          const out = (stream: 'o' | 'e') => (d: Buffer) => {
            w.output(d, stream);
            screen?.output(d, w.offset, w.lastT);
            watchers?.output(d);
          };
          const keys = new StringDecoder('utf8');
          const onInput = (d: Buffer) => {
            const offset = w.offset;
            w.input(d);
            const text = keys.write(d);
            if (text) screen?.input(text, Date.now(), offset);
          };
          // Input is recorded as it arrives, never held: it is paced by a person, and keystrokes
          // keep their place and time among the output events (a held output sink waits).
          input.on('data', onInput);
          recorded.push(recordStream(upstream, out('o'), w), recordStream(upstream.stderr, out('e'), w));
        },
        resize(cols, rows) {
          writer?.resize(cols, rows);
          screen?.resize(cols, rows);
          watchers?.resize(cols, rows);
        },
        file(file) {
          if (!files || ended) return;
          const summary = files.add(file);
          deps.store.audit.record({ type: 'transfer.file', actor: info.user, data: { session: id, host: info.host, login: info.login, ...file } });
          sessions.moved(id, summary, files.bytes);
        },
        end(result) {
          if (ended) return Promise.resolve();
          ended = true;
          if (progress) clearInterval(progress);
          const done = (async () => {
            let bytes = 0;
            try {
              // What a held sink still buffers is recorded before the file is closed.
              await Promise.all(recorded.map((r) => r.finish()));
              await screen?.settled(); // its last keyframes go into the index
              bytes = writer ? await writer.close() : (files?.bytes ?? 0);
            } catch (error) {
              log.error({ err: errorText(error) }, 'closing the recording failed');
            }
            screen?.dispose();
            const cause = { endedBy: result.endedBy, endReason: result.reason ?? null, endActor: result.by ?? null };
            sessions.finish(id, { status: 'ended', endedAt: Date.now(), ...exitFields(result.exit), bytes, ...cause });
            deps.feed?.publish({ change: 'ended', id, user: info.user, endedAt: Date.now() });
            watchers?.end(result);
            deps.store.audit.record({
              type: 'session.end',
              actor: info.user,
              data: {
                session: id,
                ...causeFields(result),
                bytes,
                ...exitFields(result.exit),
                ...(writer && writer.dropped > 0 && { droppedBytes: writer.dropped }),
                // Sealed into the chain: `audit verify` notices an edited .cast or command row.
                ...(writer?.seal && { recording: writer.seal }),
                commands: sealCommands(commands.ofSession(id)),
                ...(files && { files: files.files }),
              },
            });
          })();
          ending.add(done);
          void done.finally(() => ending.delete(done));
          return done;
        },
      };
      return tap;
    },

    recoverInterrupted() {
      const live = sessions.live();
      for (const s of live) {
        let bytes = s.bytes;
        // It ended, as far as anyone can tell, at its last recorded event (not now, at the restart).
        let endedAt = s.startedAt;
        if (s.recording) {
          const file = join(deps.dataDir, s.recording);
          try {
            bytes = statSync(file).size;
            endedAt = s.startedAt + Math.round((lastEventSeconds(file) ?? 0) * 1000);
          } catch {
            // the file is gone: keep what the row knew
          }
        }
        if (sessions.finish(s.id, { status: 'interrupted', endedAt, bytes, endedBy: 'crash', endReason: CRASH_REASON })) {
          deps.store.audit.record({ type: 'session.interrupted', actor: s.user, data: { session: s.id, host: s.host, login: s.login, bytes, endedBy: 'crash' } });
        }
      }
      return live.length;
    },

    async drain() {
      while (ending.size > 0) await Promise.all([...ending]);
    },
  };
}
