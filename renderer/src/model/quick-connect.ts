// Quick connect: the hosts the palette offers for a query. The query is the host tree's filter
// (./filter-query, matched by the tree's own ./host-search), and favourites, then recent hosts,
// come first; then the other matches in the tree's list order.
import type { HostPlaces } from '../../../shared/contract/host-places';
import type { Host } from '../../../shared/contract/inventory';
import { parseFilter } from './filter-query';
import type { HostSearch } from './host-search';

export interface QuickHost {
  host: Host;
  /** The login it opens as: the one it was opened as last, if still granted, else its first. */
  login: string;
  place: 'favourite' | 'recent' | 'match';
}

/**
 * The hosts for `query` (blank: only favourites and recents), at most `limit`. `search` indexes
 * `hosts` (the same list, in the same order). Hosts without a granted login are left out.
 */
export function quickConnectHosts(hosts: readonly Host[], search: HostSearch, places: HostPlaces, query: string, limit = 50): QuickHost[] {
  const parsed = parseFilter(query);
  const bits = parsed.terms.length ? search.match(parsed).bits : null;
  const ids = new Map(hosts.map((h, id) => [h.name, id]));
  const recentLogin = new Map(places.recents.map((r) => [r.host, r.login]));
  const out: QuickHost[] = [];
  const taken = new Set<number>();
  const add = (id: number | undefined, place: QuickHost['place']) => {
    if (id === undefined || taken.has(id) || out.length >= limit || (bits && bits[id] !== 1)) return;
    const host = hosts[id]!;
    const last = recentLogin.get(host.name);
    const login = last && host.logins.includes(last) ? last : host.logins[0];
    if (!login) return;
    taken.add(id);
    out.push({ host, login, place });
  };
  for (const name of places.favourites) add(ids.get(name), 'favourite');
  for (const recent of places.recents) add(ids.get(recent.host), 'recent');
  if (bits) for (let id = 0; id < hosts.length && out.length < limit; id++) add(id, 'match');
  return out;
}
