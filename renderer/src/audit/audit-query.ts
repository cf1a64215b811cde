// The audit view's filter form as the gateway's `review.audit.list` params: blank fields are no
// filter, times are the browser's local date-times. Pure, so what is sent is unit-tested; a bad
// field is named (its catalog key) and nothing is sent.
export interface AuditFilterForm {
  type: string;
  actor: string;
  user: string;
  host: string;
  /** `<input type="datetime-local">` values ('' for none). */
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = { type: '', actor: '', user: '', host: '', from: '', to: '' };

export interface AuditQuery {
  type?: string;
  actor?: string;
  user?: string;
  host?: string;
  from?: number;
  to?: number;
}

const NAME_MAX = 200;

export function auditQueryOf(form: AuditFilterForm): { query: AuditQuery } | { error: string } {
  const query: AuditQuery = {};
  for (const field of ['type', 'actor', 'user', 'host'] as const) {
    const value = form[field].trim();
    if (value.length > (field === 'type' ? 100 : NAME_MAX)) return { error: `audit:filter.tooLong.${field}` };
    if (value) query[field] = value;
  }
  for (const field of ['from', 'to'] as const) {
    if (!form[field]) continue;
    const at = new Date(form[field]).getTime();
    if (!Number.isFinite(at)) return { error: `audit:filter.badTime.${field}` };
    query[field] = at;
  }
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) return { error: 'audit:filter.fromAfterTo' };
  return { query };
}
