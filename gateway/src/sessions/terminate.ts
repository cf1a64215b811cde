// Ends a live session on purpose, with a reason: for the API (`sessions.terminate`) and the CLI
// (through the control socket, ../control/). The user reads who ended it and why in their
// terminal before the cut; the row and `session.end` say `terminated` with the actor and reason,
// and `session.terminated` records the request itself.
// The id may also be an open port forward's (./forward-registry.ts): only that forward's channels
// close (there is no terminal to write in); `forwarding.terminated` records the request and its
// `forwarding.close` says `terminated` with the actor and reason.
import { why as because, ReasonedError, type Why } from '../../../shared/contract/error-reasons';
import type { Logger } from '../logger';
import type { Store } from '../store';
import type { SessionRegistry } from './core/registry';
import type { ForwardRegistry } from './forward-registry';
import { createSessionRepo } from './repo';

export class TerminateError extends ReasonedError {
  constructor(
    readonly code: 'not_found',
    message: string,
    reason: Why,
  ) {
    super(message, reason);
  }
}

export interface TerminateRequest {
  sessionId: string;
  reason: string;
  /** Who ends it: a gateway user, or `admin:cli:<OS user>`. */
  by: string;
}

export interface Terminator {
  /** Resolves once the session or forward has ended (its row or close written); TerminateError when it is not live here. */
  terminate(request: TerminateRequest): Promise<{ sessionId: string; endedAt: number; kind: 'session' | 'forward' }>;
}

/** The reason goes into someone's terminal: no control characters (no escape sequences), one line. */
export const printableReason = (reason: string) => reason.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();

export function createTerminator(deps: { registry: Pick<SessionRegistry, 'get'>; forwards?: Pick<ForwardRegistry, 'get'>; store: Store; logger: Logger }): Terminator {
  const sessions = createSessionRepo(deps.store.db);
  return {
    async terminate({ sessionId, reason, by }) {
      const entry = deps.registry.get(sessionId);
      const why = printableReason(reason);
      if (!entry) {
        const forward = deps.forwards?.get(sessionId);
        if (!forward) throw new TerminateError('not_found', `there is no live session or port forward ${sessionId}`, because('live.not_found', { id: sessionId }));
        const { user, host, login, to } = forward;
        deps.store.audit.record({ type: 'forwarding.terminated', actor: by, data: { forward: sessionId, user, host, login, to, reason: why } });
        deps.logger.info({ forward: sessionId, user, by, reason: why }, 'terminating a port forward');
        return { sessionId, endedAt: await forward.cut(by, why), kind: 'forward' };
      }
      deps.store.audit.record({ type: 'session.terminated', actor: by, data: { session: sessionId, user: entry.user, host: entry.host, login: entry.login, reason: why } });
      deps.logger.info({ session: sessionId, user: entry.user, by, reason: why }, 'terminating a session');
      entry.handle.end({ endedBy: 'terminated', by, reason: why }, `session terminated by ${by}: ${why}`, { inTerminal: true });
      await entry.handle.done;
      return { sessionId, endedAt: sessions.get(sessionId)?.endedAt ?? Date.now(), kind: 'session' };
    },
  };
}
