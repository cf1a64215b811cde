// Which hosts a batch selector names for a user, and with which login, decided like an
// interactive open (deny by default). Names the user listed are answered one by one (an unknown
// host and one without a grant get the same answer: no probing); a node or tag selector is matched
// against the hosts the user can see (hosts.list), so it names no host the user may not know of.
import type { Access } from '../access';
import { parseSelector, selectorMatches } from '../access';
import type { NotPermittedReason } from './repo';

export interface ResolvedHosts {
  hosts: Array<{ host: string; login: string }>;
  notPermitted: Array<{ host: string; reason: NotPermittedReason }>;
}

/** Throws SelectorError on a bad selector. */
export function resolveBatchHosts(access: Pick<Access, 'reachableHosts'>, user: string, selector: string, login: string | undefined): ResolvedHosts {
  const parsed = parseSelector(selector);
  const reachable = access.reachableHosts(user);
  const byName = new Map(reachable.map((r) => [r.host.name, r]));
  const named = parsed.kind === 'hosts' ? [...new Set(parsed.names)] : reachable.filter((r) => selectorMatches(parsed, r.host)).map((r) => r.host.name);
  const out: ResolvedHosts = { hosts: [], notPermitted: [] };
  for (const name of named) {
    const logins = byName.get(name)?.logins ?? [];
    if (logins.length === 0) out.notPermitted.push({ host: name, reason: 'no_grant' });
    else if (login !== undefined && !logins.includes(login)) out.notPermitted.push({ host: name, reason: 'login_not_granted' });
    else if (login === undefined && logins.length > 1) out.notPermitted.push({ host: name, reason: 'several_logins' });
    else out.hosts.push({ host: name, login: login ?? logins[0]! });
  }
  return out;
}
