// Allowed port forwards as the audit log tells them: each `forwarding.open` (ssh/local-forward.ts)
// and its `forwarding.close`. Read by `forwards list`, and at start to close, in the log, the
// forwards a killed run left open. Only the audit log: no SSH here.
import type { AuditEntry, AuditLog } from './log';

/** Every audit entry of `type` after row `afterSeq`, page by page. */
function entriesOf(audit: AuditLog, type: string, afterSeq: number): AuditEntry[] {
  const all: AuditEntry[] = [];
  for (let page = audit.list({ type, afterSeq }); page.length > 0; page = audit.list({ type, afterSeq: page.at(-1)!.seq })) all.push(...page);
  return all;
}

export const INTERRUPTED_FORWARD_REASON = 'the gateway stopped without closing it (killed or crashed); bytes unknown';

/**
 * At start: forwards the previous run opened and never closed (it was killed) get their
 * `forwarding.close`, with `endedBy: interrupted`, so every open in the audit log has an end, as
 * sessions left live are marked interrupted. Only the previous run can have left any: a run that
 * stopped cleanly closed its forwards, and a killed one is recovered by the next start.
 */
export function recoverInterruptedForwards(audit: AuditLog): number {
  const lastStart = entriesOf(audit, 'gateway.start', 0).at(-1)?.seq ?? 0;
  const closed = new Set(entriesOf(audit, 'forwarding.close', lastStart).map((e) => e.data.id));
  let recovered = 0;
  for (const open of entriesOf(audit, 'forwarding.open', lastStart)) {
    if (closed.has(open.data.id)) continue;
    const { id, host, login, to } = open.data;
    audit.record({ type: 'forwarding.close', actor: open.actor, data: { id, host, login, to, endedBy: 'interrupted', reason: INTERRUPTED_FORWARD_REASON } });
    recovered++;
  }
  return recovered;
}

/** One allowed port forward as the audit log tells it (`forwards list`). */
export interface ForwardRecord {
  id: string;
  user: string;
  host: string;
  login: string;
  /** The destination, host:port, as seen from the target. */
  to: string;
  from: string | null;
  openedAt: number;
  closedAt: number | null;
  /** live: no close yet (or the gateway was killed and has not started since). */
  status: 'live' | 'ended' | 'interrupted';
  bytesSent: number | null;
  bytesReceived: number | null;
  endedBy: string | null;
  reason: string | null;
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);
const count = (v: unknown) => (typeof v === 'number' ? v : null);

/** Every forward in the audit log, newest first: each `forwarding.open` with its `forwarding.close`. */
export function forwardHistory(audit: AuditLog): ForwardRecord[] {
  const closes = new Map(entriesOf(audit, 'forwarding.close', 0).map((e) => [e.data.id, e]));
  return entriesOf(audit, 'forwarding.open', 0)
    .reverse()
    .map((open) => {
      const close = closes.get(open.data.id);
      const endedBy = text(close?.data.endedBy);
      return {
        id: String(open.data.id),
        user: open.actor,
        host: String(open.data.host),
        login: String(open.data.login),
        to: String(open.data.to),
        from: text(open.data.from),
        openedAt: open.at,
        closedAt: close?.at ?? null,
        status: !close ? 'live' : endedBy === 'interrupted' ? 'interrupted' : 'ended',
        bytesSent: count(close?.data.bytesSent),
        bytesReceived: count(close?.data.bytesReceived),
        endedBy,
        reason: text(close?.data.reason),
      };
    });
}
