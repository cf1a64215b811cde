// How many SSH handshakes to targets (TCP connect → ready: key exchange, signatures, auth) the
// gateway has in progress at once. Each costs real CPU here and at the target; started by the
// hundred on a small machine, none finishes within the upstream's ready timeout and healthy hosts
// are reported unreachable. Background handshakes (batch host runs, of every job) wait for a slot,
// in the order they asked; interactive ones (a user at a terminal) never wait, but take a slot
// while they run, so a batch yields to them. The limit is on handshakes only: a run that got its
// connection lets go of its slot, however long its command runs.
import { availableParallelism } from 'node:os';

export type HandshakeKind = 'interactive' | 'background';

/** Lets go of a slot; calling it again does nothing. */
export type ReleaseSlot = () => void;

export interface HandshakeSlots {
  /**
   * A slot for one handshake: at once for `interactive`; for `background` once fewer than `limit`
   * are in progress and every background handshake that asked earlier has its slot. Rejects with
   * the signal's reason if it aborts while waiting (a cancelled run never connects).
   */
  acquire(kind: HandshakeKind, signal?: AbortSignal): Promise<ReleaseSlot>;
  readonly limit: number;
  /** Handshakes holding a slot now (interactive ones included: they may take it past `limit`). */
  readonly inProgress: number;
  /** Background handshakes waiting for a slot. */
  readonly waiting: number;
}

/** Slots per CPU by default: enough to keep the CPUs busy while handshakes wait on the network, few enough that each finishes quickly. */
export const HANDSHAKE_SLOTS_PER_CPU = 4;

/** The default limit for a machine with `cpus` CPUs. */
export function defaultHandshakeSlots(cpus: number = availableParallelism()): number {
  return Math.max(1, Math.floor(cpus)) * HANDSHAKE_SLOTS_PER_CPU;
}

interface Waiter {
  grant(release: ReleaseSlot): void;
}

export function createHandshakeSlots(limit: number): HandshakeSlots {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`handshake slots: expected a whole number ≥ 1, got ${limit}`);
  let inProgress = 0;
  // A Set keeps insertion order (first asked, first served) and lets an aborted waiter leave in O(1).
  const queue = new Set<Waiter>();

  const take = (): ReleaseSlot => {
    inProgress++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inProgress--;
      wake();
    };
  };

  const wake = () => {
    for (const waiter of queue) {
      if (inProgress >= limit) return;
      queue.delete(waiter);
      waiter.grant(take());
    }
  };

  return {
    limit,
    get inProgress() {
      return inProgress;
    },
    get waiting() {
      return queue.size;
    },
    acquire(kind, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      if (kind === 'interactive' || (inProgress < limit && queue.size === 0)) return Promise.resolve(take());
      return new Promise<ReleaseSlot>((resolve, reject) => {
        const onAbort = () => {
          queue.delete(waiter);
          reject(signal!.reason as Error);
        };
        const waiter: Waiter = {
          grant(release) {
            signal?.removeEventListener('abort', onAbort);
            resolve(release);
          },
        };
        queue.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
