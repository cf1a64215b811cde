// "Re-check live sessions every second": one timer that runs registered checks, each of which
// looks at the database (shared with the CLI, which runs in another process) and ends whatever is
// no longer allowed. Used for disabled users; grant expiry can register its check here too.
import type { Logger } from '../logger';

export type LivenessCheck = () => void;

export interface Liveness {
  /** Adds a check; returns a function that removes it. */
  register(name: string, check: LivenessCheck): () => void;
  /** Runs every check now (tests, or after a local change). */
  runNow(): void;
  stop(): void;
}

export function createLiveness(logger: Logger, intervalMs = 1000): Liveness {
  const checks = new Map<string, LivenessCheck>();
  const runNow = () => {
    for (const [name, check] of checks) {
      try {
        check();
      } catch (error) {
        // A failing check must not stop the others (e.g. SQLITE_BUSY for a moment).
        logger.warn({ check: name, err: (error as Error).message }, 'liveness check failed');
      }
    }
  };
  const timer = setInterval(runNow, intervalMs);
  timer.unref();
  return {
    register(name, check) {
      checks.set(name, check);
      return () => checks.delete(name);
    },
    runNow,
    stop: () => clearInterval(timer),
  };
}
