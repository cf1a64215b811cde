// Access decisions: deny by default. A user reaches a host with a login only through a grant in
// force now (their own or one of their groups') whose selector covers the host. Disabled and
// unknown users reach nothing.
import type Database from 'better-sqlite3';
import type { MyGrant } from '../../../shared/contract/grants';
import type { EndedBy } from '../sessions/end-cause';
import type { GrantRecord, HostRecord, Store } from '../store';
import { parseSelector, selectorMatches, type HostSelector } from './selector';
import { selectorQuery } from './selector-sql';

export interface ReachableHost {
  host: HostRecord;
  /** Sorted, unique. */
  logins: string[];
  /** When access to this host ends (ms since epoch; grants that meet or overlap count as one); null = no end. */
  accessUntil: number | null;
}

/** What a live session asks every second: may it go on, and until when (see gateway/src/liveness). */
export type AccessVerdict = { ok: true; until: number | null } | { ok: false; reason: string; endedBy: EndedBy };

export interface Access {
  /** Logins `user` may use on `host` at `now`; empty when none (or the user/host is unknown). */
  loginsFor(user: string, host: string, now?: number): string[];
  reachableHosts(user: string, now?: number): ReachableHost[];
  /**
   * A check for one live session of `user` on `login@host`: ok with the moment access ends (grants
   * that follow each other without a gap count as one), or why it ended. Remembers the last end
   * it reported, to tell "expired" from "revoked".
   */
  sessionCheck(user: string, target: { login: string; host: string }): (now?: number) => AccessVerdict;
  /** A check for one live connection of `user`: ok while the account exists and is enabled. */
  accountCheck(user: string): () => AccessVerdict;
  /** The user's grants that have not ended (in force or to come), own and through groups. */
  myGrants(user: string, now?: number): MyGrant[];
  /** The ids of the hosts a selector covers now (one indexed query). */
  hostIdsOf(selector: HostSelector): number[];
}

type ParsedGrant = { grant: GrantRecord; selector: HostSelector };

export function createAccess(
  store: Pick<Store, 'db' | 'users' | 'hosts' | 'grants'>,
  onBadGrant: (grant: GrantRecord, error: unknown) => void = () => {},
): Access {
  const statements = new Map<string, Database.Statement<unknown[], number>>();
  const hostIdsOf = (selector: HostSelector): number[] => {
    const q = selectorQuery(selector);
    let stmt = statements.get(q.sql);
    if (!stmt) {
      stmt = store.db.prepare<unknown[], number>(q.sql).pluck();
      if (statements.size < 256) statements.set(q.sql, stmt); // tag expressions vary; keep the cache bounded
    }
    return stmt.all(...q.params);
  };

  function parsed(grants: GrantRecord[]): ParsedGrant[] {
    const out: ParsedGrant[] = [];
    for (const grant of grants) {
      try {
        out.push({ grant, selector: parseSelector(grant.hosts) });
      } catch (error) {
        onBadGrant(grant, error); // a selector we cannot read grants nothing
      }
    }
    return out;
  }
  const enabledUser = (name: string) => {
    const record = store.users.find(name);
    return record && !record.disabled ? record : undefined;
  };
  const grantsNow = (user: string, now: number): ParsedGrant[] => {
    const record = enabledUser(user);
    return record ? parsed(store.grants.active(record.id, now)) : [];
  };
  const loginsOf = (grants: GrantRecord[]) => [...new Set(grants.map((g) => g.login))].sort();

  return {
    hostIdsOf,

    loginsFor(user, hostName, now = Date.now()) {
      const grants = grantsNow(user, now);
      if (grants.length === 0) return [];
      const host = store.hosts.find(hostName);
      return host ? loginsOf(grants.filter(({ selector }) => selectorMatches(selector, host)).map((g) => g.grant)) : [];
    },

    reachableHosts(user, now = Date.now()) {
      const record = enabledUser(user);
      if (!record) return [];
      // Grants still to come count for when access ends (one that starts as another ends extends it).
      const byHost = new Map<number, GrantRecord[]>();
      for (const { grant, selector } of parsed(store.grants.notEnded(record.id, now))) {
        for (const id of hostIdsOf(selector)) {
          const list = byHost.get(id);
          if (list) list.push(grant);
          else byHost.set(id, [grant]);
        }
      }
      const reachable = [...byHost].filter(([, grants]) => grants.some((g) => inForce(g, now))).map(([id]) => id);
      return store.hosts.loadMany(reachable).map((host) => {
        const grants = byHost.get(host.id)!;
        return { host, logins: loginsOf(grants.filter((g) => inForce(g, now))), accessUntil: endOfAccess(grants, now) ?? null };
      });
    },

    sessionCheck(user, target) {
      let lastUntil: number | null = null;
      return (now = Date.now()) => {
        const record = store.users.find(user);
        if (!record) return { ok: false, reason: 'account removed', endedBy: 'user-disabled' };
        // A disabled account is not this check's business: accountCheck, watched per connection,
        // ends all of that user's connections, API channels included.
        const host = store.hosts.find(target.host);
        const covering = host
          ? parsed(store.grants.notEnded(record.id, now))
              .filter(({ grant, selector }) => grant.login === target.login && selectorMatches(selector, host))
              .map((g) => g.grant)
          : [];
        const until = endOfAccess(covering, now);
        if (until === undefined) {
          const expired = lastUntil !== null && now >= lastUntil;
          return expired ? { ok: false, reason: 'grant expired', endedBy: 'expiry' } : { ok: false, reason: 'grant revoked', endedBy: 'revocation' };
        }
        lastUntil = until;
        return { ok: true, until };
      };
    },

    accountCheck(user) {
      return () => {
        const record = store.users.find(user);
        if (!record || record.removed) return { ok: false, reason: 'your account was removed', endedBy: 'user-disabled' };
        if (record.disabled) return { ok: false, reason: 'your account was disabled by an administrator', endedBy: 'user-disabled' };
        return { ok: true, until: null };
      };
    },

    myGrants(user, now = Date.now()) {
      const record = enabledUser(user);
      if (!record) return [];
      return store.grants.notEnded(record.id, now).map((g) => {
        let hostCount = 0;
        try {
          hostCount = hostIdsOf(parseSelector(g.hosts)).length;
        } catch (error) {
          onBadGrant(g, error);
        }
        return { id: g.id, subject: g.subject, hosts: g.hosts, login: g.login, from: g.notBefore, until: g.notAfter, hostCount };
      });
    },
  };
}

/**
 * When access through these grants ends if it is in force at `now`: null = never, undefined = not
 * in force now. A grant starting before (or when) the current one ends extends it.
 */
const inForce = (g: GrantRecord, t: number) => (g.notBefore === null || g.notBefore <= t) && (g.notAfter === null || g.notAfter > t);

export function endOfAccess(grants: readonly GrantRecord[], now: number): number | null | undefined {
  if (!grants.some((g) => inForce(g, now))) return undefined;
  let end = now;
  for (;;) {
    const covering = grants.filter((g) => inForce(g, end));
    if (covering.length === 0) return end;
    if (covering.some((g) => g.notAfter === null)) return null;
    end = Math.max(...covering.map((g) => g.notAfter!));
  }
}

export { parseSelector, formatSelector, selectorMatches, SelectorError, type HostSelector } from './selector';
