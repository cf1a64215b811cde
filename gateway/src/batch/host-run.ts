// One host's run of a batch job: an exec session through the session core (the same access
// decision, upstream, recording, command log and audit as any exec), with the core's ClientSide
// over plain streams. It keeps what the job needs: exit, duration, the first stderr line, the
// output's size, hash and tail, and hands out whole output lines as they come.
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { BATCH_LIMITS, type BatchHostReason } from '../../../shared/contract/gateway-api/batch';
import type { ClientSide, SessionCore, SessionHandle, SessionRefusal, SessionResult } from '../sessions/core';
import type { ExitInfo } from '../sessions/outcome';
import { createLineSplitter } from './lines';

export interface HostRunRequest {
  user: string;
  host: string;
  login: string;
  /** The exec's command line (`sh -s` for a script). */
  command: string;
  /** Sent on stdin, then EOF (a script); none: EOF at once. */
  stdin?: string;
  timeoutMs: number;
  /** Whole lines of output as they come (bounded by BATCH_LIMITS.streamedBytesPerHost). */
  onLines?(stream: 'stdout' | 'stderr', lines: string[]): void;
  /** The command runs on the target (its connection is up, the exec opened); not called if it never does. */
  onStarted?(): void;
}

export interface HostRunResult {
  status: 'ok' | 'failed' | 'timeout' | 'unreachable' | 'refused' | 'not_permitted' | 'cancelled';
  /** Why it is refused or not_permitted; null otherwise. */
  reason: BatchHostReason | null;
  exitCode: number | null;
  exitSignal: string | null;
  durationMs: number;
  firstError: string | null;
  outputBytes: number;
  outputTail: string;
  outputHash: string;
  /** The recorded session's id; null when nothing ran on the target. */
  sessionId: string | null;
}

export interface HostRun {
  /** Ends the run now (a cancelled job). */
  cancel(by: string): void;
  readonly done: Promise<HostRunResult>;
}

/** The command a script runs as: the shell reads the script from stdin, nothing is typed into a terminal. */
export const SCRIPT_COMMAND = 'sh -s';

/**
 * A refusal as the job reports it: only a target that could not be reached or logged in to is
 * unreachable (which `unreachable: ignore` may leave out of the thresholds); the gateway's own
 * refusals are not_permitted (the grant went since the start) or refused, both failures.
 */
const REFUSED_AS: Record<SessionRefusal, Pick<HostRunResult, 'status' | 'reason'>> = {
  target_failed: { status: 'unreachable', reason: null },
  no_grant: { status: 'not_permitted', reason: 'no_grant' },
  command_rule: { status: 'refused', reason: 'command_rule' },
  no_credential: { status: 'refused', reason: 'no_credential' },
  recording_failed: { status: 'refused', reason: 'recording_failed' },
  bad_target: { status: 'refused', reason: null },
};

/** What the run's end means for the host: the job's own ending first, then the session's. */
function outcomeOf(result: SessionResult, ending: 'timeout' | 'cancelled' | undefined, code: number | null): Pick<HostRunResult, 'status' | 'reason'> {
  if (ending) return { status: ending, reason: null };
  if (result.status === 'refused') return REFUSED_AS[result.why];
  if (result.status === 'failed') return { status: 'unreachable', reason: null };
  return { status: code === 0 ? 'ok' : 'failed', reason: null };
}

export function runOnHost(core: SessionCore, request: HostRunRequest): HostRun {
  let started = Date.now();
  const hash = createHash('sha256');
  let tail = Buffer.alloc(0);
  let bytes = 0;
  let streamed = 0;
  let firstError: string | null = null;
  let exit: ExitInfo | undefined;
  let ending: 'timeout' | 'cancelled' | undefined;
  let closed = false;
  let settleClosed!: () => void;
  const sideClosed = new Promise<void>((resolve) => (settleClosed = resolve));

  const sink = (stream: 'stdout' | 'stderr') => {
    const lines = createLineSplitter(BATCH_LIMITS.lineChars);
    const hand = (out: string[]) => {
      if (stream === 'stderr' && firstError === null) firstError = out.find((l) => l.trim() !== '')?.trim().slice(0, 500) ?? null;
      if (out.length === 0 || streamed >= BATCH_LIMITS.streamedBytesPerHost) return;
      streamed += out.reduce((n, l) => n + l.length + 1, 0);
      request.onLines?.(stream, out);
    };
    return new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        hash.update(chunk);
        tail = Buffer.concat([tail, chunk]);
        if (tail.length > BATCH_LIMITS.outputTailBytes) tail = tail.subarray(tail.length - BATCH_LIMITS.outputTailBytes);
        hand(lines.push(chunk));
        done();
      },
      final(done) {
        hand(lines.flush());
        done();
      },
    });
  };
  const output = sink('stdout');
  const stderr = sink('stderr');
  const finish = () => {
    if (closed) return;
    closed = true;
    output.end();
    stderr.end();
    settleClosed();
  };
  const input = Readable.from(request.stdin === undefined ? [] : [Buffer.from(request.stdin)], { objectMode: false }).pause();
  // The core keeps the user's input paused until the session runs on the target, then resumes it.
  if (request.onStarted) input.once('resume', request.onStarted);
  const side: ClientSide = {
    output,
    stderr,
    input,
    get writable() {
      return !closed;
    },
    exit: (info) => (exit = info),
    end: finish,
    close: finish,
  };

  // The per-host timeout (and the duration) count from the handshake's start: a wait for a
  // handshake slot is the gateway pacing itself, not the host being slow.
  let timer: NodeJS.Timeout | undefined;
  const startTimer = () => {
    started = Date.now();
    timer = setTimeout(() => {
      ending = 'timeout';
      handle.end({ endedBy: 'terminated', reason: `the batch job's per-host timeout (${Math.round(request.timeoutMs / 1000)} s) passed`, by: request.user });
    }, request.timeoutMs);
    timer.unref();
  };
  const handle: SessionHandle = core.open(
    { user: request.user, target: `${request.login}@${request.host}`, kind: 'exec', command: request.command, script: request.stdin, background: true, onHandshake: startTimer },
    side,
  );

  const done = (async (): Promise<HostRunResult> => {
    const result = await handle.done;
    clearTimeout(timer);
    finish();
    await sideClosed;
    const ran = result.status === 'ended';
    const code = exit && 'code' in exit ? exit.code : null;
    return {
      ...outcomeOf(result, ending, code),
      exitCode: code,
      exitSignal: exit && 'signal' in exit ? exit.signal : null,
      durationMs: Date.now() - started,
      firstError: ending === 'timeout' ? `timed out after ${Math.round(request.timeoutMs / 1000)} s` : firstError,
      outputBytes: bytes,
      outputTail: tail.toString('utf8'),
      outputHash: hash.digest('hex'),
      sessionId: ran ? handle.id : null,
    };
  })();
  return {
    cancel(by) {
      ending ??= 'cancelled';
      handle.end({ endedBy: 'terminated', reason: 'the batch job was cancelled', by });
    },
    done,
  };
}
