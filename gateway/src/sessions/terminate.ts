// Ends a live session on purpose, with a reason: for the API (`sessions.terminate`) and the CLI
// (through the control socket, ../control/). The user reads who ended it and why in their
// terminal before the cut; the row and `session.end` say `terminated` with the actor and reason,
// and `session.terminated` records the request itself.
import type { Logger } from '../logger';
import type { Store } from '../store';
import type { SessionRegistry } from './core/registry';
import { createSessionRepo } from './repo';

export class TerminateError extends Error {
  constructor(
    readonly code: 'not_found',
    message: string,
  ) {
    super(message);
  }
}

export interface TerminateRequest {
  sessionId: string;
  reason: string;
  /** Who ends it: a gateway user, or `admin:cli:<OS user>`. */
  by: string;
}

export interface Terminator {
  /** Resolves once the session has ended (its row written); TerminateError when it is not live here. */
  terminate(request: TerminateRequest): Promise<{ sessionId: string; endedAt: number }>;
}

/** The reason goes into someone's terminal: no control characters (no escape sequences), one line. */
export const printableReason = (reason: string) => reason.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();

export function createTerminator(deps: { registry: Pick<SessionRegistry, 'get'>; store: Store; logger: Logger }): Terminator {
  const sessions = createSessionRepo(deps.store.db);
  return {
    async terminate({ sessionId, reason, by }) {
      const entry = deps.registry.get(sessionId);
      if (!entry) throw new TerminateError('not_found', `there is no live session ${sessionId}`);
      const why = printableReason(reason);
      deps.store.audit.record({ type: 'session.terminated', actor: by, data: { session: sessionId, user: entry.user, host: entry.host, login: entry.login, reason: why } });
      deps.logger.info({ session: sessionId, user: entry.user, by, reason: why }, 'terminating a session');
      entry.handle.end({ endedBy: 'terminated', by, reason: why }, `session terminated by ${by}: ${why}`, { inTerminal: true });
      await entry.handle.done;
      return { sessionId, endedAt: sessions.get(sessionId)?.endedAt ?? Date.now() };
    },
  };
}
