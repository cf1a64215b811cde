// Access decisions: deny by default. A user reaches a host with a login only through a grant in
// force now whose selector covers the host. Disabled and unknown users reach nothing.
import type { GrantRecord, HostRecord, Store } from '../store';
import { parseSelector, selectorMatches, type HostSelector } from './selector';

export interface ReachableHost {
  host: HostRecord;
  /** Sorted, unique. */
  logins: string[];
  /** When the last of the grants covering this host ends (ms since epoch); null if one never ends. */
  accessUntil: number | null;
}

export interface Access {
  /** Logins `user` may use on `host` at `now`; empty when none (or the user/host is unknown). */
  loginsFor(user: string, host: string, now?: number): string[];
  reachableHosts(user: string, now?: number): ReachableHost[];
}

export function createAccess(store: Pick<Store, 'users' | 'hosts' | 'grants'>, onBadGrant: (grant: GrantRecord, error: unknown) => void = () => {}): Access {
  function grantsOf(user: string, now: number): Array<{ grant: GrantRecord; selector: HostSelector }> {
    const record = store.users.find(user);
    if (!record || record.disabled) return [];
    const out: Array<{ grant: GrantRecord; selector: HostSelector }> = [];
    for (const grant of store.grants.active(record.id, now)) {
      try {
        out.push({ grant, selector: parseSelector(grant.hosts) });
      } catch (error) {
        onBadGrant(grant, error); // a selector we cannot read grants nothing
      }
    }
    return out;
  }

  function covering(host: HostRecord, grants: Array<{ grant: GrantRecord; selector: HostSelector }>): GrantRecord[] {
    return grants.filter(({ selector }) => selectorMatches(selector, host)).map(({ grant }) => grant);
  }
  const loginsOf = (grants: GrantRecord[]) => [...new Set(grants.map((g) => g.login))].sort();

  return {
    loginsFor(user, hostName, now = Date.now()) {
      const grants = grantsOf(user, now);
      if (grants.length === 0) return [];
      const host = store.hosts.find(hostName);
      return host ? loginsOf(covering(host, grants)) : [];
    },
    reachableHosts(user, now = Date.now()) {
      const grants = grantsOf(user, now);
      if (grants.length === 0) return [];
      const out: ReachableHost[] = [];
      for (const host of store.hosts.list()) {
        const cover = covering(host, grants);
        if (cover.length === 0) continue;
        const accessUntil = cover.some((g) => g.notAfter === null) ? null : Math.max(...cover.map((g) => g.notAfter!));
        out.push({ host, logins: loginsOf(cover), accessUntil });
      }
      return out;
    },
  };
}

export { parseSelector, formatSelector, selectorMatches, SelectorError, type HostSelector } from './selector';
