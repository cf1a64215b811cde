// The gateway's side of tamper evidence: at start it puts back missing append-only triggers
// (audited), then signs a checkpoint of the chain's head at start, every interval, and at stop.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Logger } from '../logger';
import type { Store } from '../store';
import { CHECKPOINT_FILE, writeCheckpoint } from '../audit/checkpoints';
import { restoreAuditTriggers } from '../audit/triggers';

export interface CheckpointOptions {
  /** How often a checkpoint is signed while serving, ms (default 5 minutes). */
  intervalMs?: number;
  /** More files each checkpoint is appended to: where an attacker of this host cannot reach (a mount of another host). */
  copies?: string[];
  /**
   * A program given each checkpoint as one JSON line on stdin (argv, no shell), e.g.
   * ['logger', '-t', 'portcullis-audit'] for syslog or a shipper to another host.
   */
  command?: string[];
}

/** A checkpoint command that has not finished by then is killed (and the failure logged). */
const COMMAND_TIMEOUT_MS = 10_000;

export const DEFAULT_CHECKPOINT_MS = 5 * 60_000;

export function startCheckpointing(deps: { store: Store; dataDir: string; privateKey: string; logger: Logger; options?: CheckpointOptions }): { checkpoint(): void; stop(): void } {
  const restored = restoreAuditTriggers(deps.store.db);
  if (restored.length > 0) {
    deps.store.audit.record({ type: 'audit.triggers-restored', actor: 'gateway', data: { triggers: restored } });
    deps.logger.warn({ triggers: restored }, 'the audit log had lost append-only triggers (dropped by hand?); restored');
  }
  const files = [join(deps.dataDir, CHECKPOINT_FILE), ...(deps.options?.copies ?? [])];
  const checkpoint = () => {
    try {
      const written = writeCheckpoint(deps.store.audit, deps.privateKey, files);
      const command = deps.options?.command;
      if (written && command && command.length > 0) sendToCommand(command, JSON.stringify(written) + '\n', deps.logger);
    } catch (error) {
      deps.logger.error({ err: (error as Error).message }, 'cannot write an audit checkpoint');
    }
  };
  const timer = setInterval(checkpoint, deps.options?.intervalMs ?? DEFAULT_CHECKPOINT_MS);
  timer.unref();
  return { checkpoint, stop: () => clearInterval(timer) };
}

/** Gives the checkpoint line to the configured program; a failure is logged, never thrown. */
function sendToCommand(argv: string[], line: string, logger: Logger): void {
  const [program, ...args] = argv as [string, ...string[]];
  const fail = (why: string) => logger.error({ command: program, err: why }, 'the audit checkpoint command failed; the checkpoint is still in the data directory');
  const child = spawn(program, args, { stdio: ['pipe', 'ignore', 'pipe'], timeout: COMMAND_TIMEOUT_MS });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-500)));
  child.on('error', (error) => fail(error.message));
  child.on('close', (code, signal) => {
    if (code !== 0) fail(signal ? `killed by ${signal}` : `exit ${code}${stderr ? `: ${stderr.trim()}` : ''}`);
  });
  child.stdin.on('error', () => {}); // a program that exits without reading: reported by 'close'
  child.stdin.end(line);
}
