// The gateway's side of tamper evidence: at start it puts back missing append-only triggers
// (audited), then signs a checkpoint of the chain's head at start, every interval, and at stop.
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
}

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
      writeCheckpoint(deps.store.audit, deps.privateKey, files);
    } catch (error) {
      deps.logger.error({ err: (error as Error).message }, 'cannot write an audit checkpoint');
    }
  };
  const timer = setInterval(checkpoint, deps.options?.intervalMs ?? DEFAULT_CHECKPOINT_MS);
  timer.unref();
  return { checkpoint, stop: () => clearInterval(timer) };
}
