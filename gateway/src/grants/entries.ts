// Grants as an admin sees them over the API (`access.grants.*`): each with its state and how many
// hosts it covers, filtered by user, host and how soon it ends; and a selector's hosts before saving.
import { why } from '../../../shared/contract/error-reasons';
import { ACCESS_LIMITS, type GrantEntry } from '../../../shared/contract/gateway-api/access';
import { formatSelector, parseSelector, selectorMatches, SelectorError, type Access } from '../access';
import type { AccessAdmin } from '../admin-access';
import type { GrantView, Store } from '../store';
import { RequestError } from '../requests/errors';

export interface GrantFilter {
  user?: string;
  host?: string;
  expiringWithinHours?: number;
  includeEnded?: boolean;
}

export function grantEntry(g: GrantView, access: Pick<Access, 'hostIdsOf'>, now: number): GrantEntry {
  let hostCount = 0;
  try {
    hostCount = access.hostIdsOf(parseSelector(g.hosts)).length;
  } catch {
    // an unreadable selector covers nothing (the access checks ignore it too)
  }
  const state = g.notAfter !== null && g.notAfter <= now ? 'ended' : g.notBefore !== null && g.notBefore > now ? 'future' : 'active';
  return { id: g.id, subject: g.subject, hosts: g.hosts, login: g.login, from: g.notBefore, until: g.notAfter, createdAt: g.createdAt, state, hostCount };
}

export function listGrantEntries(deps: { store: Store; access: Pick<Access, 'hostIdsOf'>; admin: AccessAdmin }, filter: GrantFilter, now = Date.now()): GrantEntry[] {
  let grants = deps.admin.listGrants({ user: filter.user });
  if (!filter.includeEnded) grants = grants.filter((g) => g.notAfter === null || g.notAfter > now);
  if (filter.expiringWithinHours !== undefined) {
    const by = now + filter.expiringWithinHours * 3_600_000;
    grants = grants.filter((g) => g.notAfter !== null && g.notAfter > now && g.notAfter <= by);
  }
  if (filter.host !== undefined) {
    const host = deps.store.hosts.find(filter.host);
    if (!host) throw new RequestError('not_found', `no host named "${filter.host}"`, why('host.not_found', { name: filter.host }));
    grants = grants.filter((g) => {
      try {
        return selectorMatches(parseSelector(g.hosts), host);
      } catch {
        return false;
      }
    });
  }
  return grants.map((g) => grantEntry(g, deps.access, now));
}

/** Which hosts `text` covers now (names that no host has are listed apart); a bad selector is refused. */
export function previewSelector(deps: { store: Store; access: Pick<Access, 'hostIdsOf'> }, text: string) {
  let selector;
  try {
    selector = parseSelector(text);
  } catch (error) {
    if (error instanceof SelectorError) throw new RequestError('bad_request', error.message, error.why);
    throw error;
  }
  const ids = deps.access.hostIdsOf(selector);
  const names = deps.store.hosts
    .loadMany(ids)
    .map((h) => h.name)
    .sort();
  const unknown = selector.kind === 'hosts' ? selector.names.filter((n) => !names.includes(n)) : [];
  return { selector: formatSelector(selector), count: names.length, hosts: names.slice(0, ACCESS_LIMITS.previewHosts), unknown };
}
