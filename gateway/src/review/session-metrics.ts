// `review.session.metrics`: the host's metrics over a session's time range, for the strip under
// the player. Whoever may review the session (security and admin: any; others: their own) sees
// the metrics of its host over that range; an operator only while they may still reach the host,
// as `metrics.range` decides, since the host's figures are not their own data. Security and admin
// need no grant to the host: reviewing what a session did includes what its host was doing.
import { why } from '../../../shared/contract/error-reasons';
import type { SessionMetrics } from '../../../shared/contract/gateway-api/review';
import { RpcError } from '../../../shared/rpc/protocol';
import type { ApiAreaDeps, ApiContext } from '../api-area';
import { metricsOf, notPermitted } from '../metrics/api';
import type { SessionRecord } from '../sessions/repo';

export async function sessionMetrics(deps: Pick<ApiAreaDeps, 'metrics'>, session: SessionRecord, ctx: ApiContext, seesEveryone: boolean): Promise<SessionMetrics> {
  const metrics = metricsOf(deps);
  if (!metrics.keepsHistory) throw new RpcError('unavailable', 'this gateway keeps no metrics history', why('api.unserved', { feature: 'metrics_history' }));
  const target = seesEveryone ? metrics.targetOf(session.host) : metrics.permitted(ctx.user.name, session.host);
  if (!target && !seesEveryone) throw new RpcError('denied', notPermitted(session.host), why('metrics.host_denied', { host: session.host }));
  const to = session.endedAt ?? Date.now();
  const about = { sessionId: session.id, host: session.host, startedAt: session.startedAt, endedAt: session.endedAt };
  // A host since removed from the inventory has no target any more: nothing to read.
  if (!target) return { ...about, state: 'no_data', start: session.startedAt, end: to, stepMs: 1000, series: [] };
  return { ...about, ...(await metrics.range(target.instance, { from: session.startedAt, to })) };
}
