// API handlers of the "live" area: `sessions.terminate` of a session or a port forward (security
// and admin, checked before this runs). Watching is the `sessions.output` topic (sessions/watch-topic.ts).
import { why } from '../../../shared/contract/error-reasons';
import type { liveMethods } from '../../../shared/contract/gateway-api/live';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { RpcError } from '../../../shared/rpc/protocol';
import type { ApiAreaDeps, ApiContext } from '../api-area';
import { TerminateError } from '../sessions/terminate';

export function liveApi({ terminator }: ApiAreaDeps): Handlers<typeof liveMethods, ApiContext> {
  return {
    async 'sessions.terminate'(p, ctx) {
      if (!terminator) throw new RpcError('unavailable', 'this gateway cannot terminate sessions', why('api.unserved', { feature: 'terminate' }));
      try {
        const { sessionId, endedAt } = await terminator.terminate({ sessionId: p.sessionId, reason: p.reason, by: ctx.user.name });
        return { sessionId, endedAt };
      } catch (error) {
        if (error instanceof TerminateError) throw new RpcError(error.code, error.message, error.why);
        throw error;
      }
    },
  };
}
