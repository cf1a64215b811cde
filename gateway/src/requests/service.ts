// Access requests: an operator asks for hosts × login × duration with a reason; an admin (not the
// requester) approves (the grant is made by the same code as `grant add`, so the requester can
// connect at once) or denies with a reason; the requester may cancel; nobody deciding before the
// request's own expiry makes it `expired`. Every step is audited; rows stay as history. Used by the
// API, `ssh … request` and the CLI (in another process: the gateway notices through ./feed.ts).
import { why } from '../../../shared/contract/error-reasons';
import { ACCESS_LIMITS, accessMethods, type AccessRequest } from '../../../shared/contract/gateway-api/access';
import { describeZodError } from '../../../shared/rpc/protocol';
import { parseSelector, SelectorError, formatSelector, type Access, type HostSelector } from '../access';
import { AdminError, createAccessAdmin } from '../admin-access';
import type { Store } from '../store';
import { RequestError } from './errors';
import { createRequestRepo, type StoredRequest } from './repo';

export interface RequestSettings {
  /** How long a request waits for a decision, ms (config `requests.expiryHours`). */
  expiryMs: number;
  /** Longest window a request may ask for, ms (config `requests.maxHours`). */
  maxDurationMs: number;
  /** Longest grant (config `grants.maxDays`); an approval is held to it like any grant. */
  maxGrantMs?: number;
}

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = { expiryMs: 24 * 3_600_000, maxDurationMs: 7 * 24 * 3_600_000 };

export interface RequestServiceDeps {
  store: Store;
  access: Pick<Access, 'hostIdsOf'>;
  settings?: Partial<RequestSettings>;
  now?: () => number;
  /** Called after each change this process commits (the gateway re-checks sessions and topics at once). */
  onWrite?: () => void;
}

export interface CreateInput {
  hosts: string;
  login: string;
  durationMs: number;
  reason: string;
}

export interface ApproveOptions {
  /** A shorter end than asked for (ms since epoch). */
  until?: number;
  /** A shorter window than asked for, from now. */
  durationMs?: number;
  /** A narrower selector: it must cover only hosts the request covers. */
  hosts?: string;
  note?: string;
}

/** Who decides: the audit actor, and the gateway user behind it (absent for the CLI on the host). */
export interface Decider {
  actor: string;
  user?: string;
}

const iso = (t: number) => new Date(t).toISOString();
const view = ({ revision: _revision, ...request }: StoredRequest): AccessRequest => request;
const hoursText = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${Math.round(ms / 60_000)} min`);

export function createRequestService(deps: RequestServiceDeps) {
  const { store } = deps;
  const settings: RequestSettings = { ...DEFAULT_REQUEST_SETTINGS, ...deps.settings };
  const now = deps.now ?? Date.now;
  const repo = createRequestRepo(store.db);
  const audit = (type: Parameters<Store['audit']['record']>[0]['type'], actor: string, r: StoredRequest, data: Record<string, unknown> = {}) =>
    store.audit.record({ type, actor, data: { request: r.id, user: r.requester, hosts: r.hosts, login: r.login, ...data } });
  const wrote = () => deps.onWrite?.();

  const selectorOf = (text: string): HostSelector => {
    try {
      return parseSelector(text);
    } catch (error) {
      if (error instanceof SelectorError) throw new RequestError('bad_request', error.message, error.why);
      throw error;
    }
  };
  /** The hosts a selector covers now; names that no host has, and a selector covering nothing, are refused. */
  const coveredHosts = (selector: HostSelector): Set<number> => {
    if (selector.kind === 'hosts') {
      const unknown = selector.names.filter((name) => !store.hosts.find(name));
      if (unknown.length) throw new RequestError('bad_request', `no host named ${unknown.map((n) => `"${n}"`).join(', ')}`, why('selector.unknown_hosts', { hosts: unknown.join(', ') }));
    }
    const ids = new Set(deps.access.hostIdsOf(selector));
    if (ids.size === 0) throw new RequestError('bad_request', `the selector "${formatSelector(selector)}" covers no host`, why('selector.no_host', { selector: formatSelector(selector) }));
    return ids;
  };
  const longest = () => Math.min(settings.maxDurationMs, settings.maxGrantMs ?? Infinity);

  /** Makes every pending request whose time has come `expired` (audited); returns how many. */
  function expireDue(t = now()): number {
    let expired = 0;
    for (const r of repo.due(t)) {
      if (!repo.decide(r.id, { state: 'expired', by: 'gateway', at: t })) continue;
      audit('request.expired', 'gateway', r, { expiredAt: iso(r.expiresAt) });
      expired++;
    }
    return expired; // the liveness loop sees the write on its next tick (this may run inside it)
  }

  /** The request if it is still pending: not_found, or why it cannot be decided any more. */
  function pendingOrThrow(id: number, t: number): StoredRequest {
    expireDue(t);
    const r = repo.find(id);
    if (!r) throw new RequestError('not_found', `no access request ${id}`, why('request.not_found', { id }));
    if (r.state !== 'pending') {
      const decided = r.decidedBy ? why('request.already_decided_by', { id, state: r.state, by: r.decidedBy }) : why('request.already_decided', { id, state: r.state });
      throw new RequestError('bad_request', `access request ${id} is already ${r.state}${r.decidedBy ? ` (by ${r.decidedBy})` : ''}`, decided);
    }
    return r;
  }

  function notOwn(r: StoredRequest, by: Decider, what: string) {
    if (by.user !== undefined && by.user === r.requester) throw new RequestError('denied', `you may not ${what} your own access request: another admin decides it (or cancel it)`, why('request.own'));
  }

  return {
    settings,
    expireDue,

    create(user: string, input: CreateInput): AccessRequest {
      const parsed = accessMethods['access.requests.create'].params.safeParse(input);
      if (!parsed.success) throw new RequestError('bad_request', `invalid access request: ${describeZodError(parsed.error)}`);
      const p = parsed.data;
      const record = store.users.find(user);
      if (!record || record.disabled || record.removed) throw new RequestError('denied', 'your account may not ask for access', why('request.account_refused'));
      if (!record.roles.includes('operator') && !record.roles.includes('admin')) throw new RequestError('denied', 'asking for access needs the operator or admin role', why('request.role_needed'));
      const selector = selectorOf(p.hosts);
      coveredHosts(selector);
      if (p.durationMs < ACCESS_LIMITS.minRequestMs) throw new RequestError('bad_request', `the duration must be at least ${ACCESS_LIMITS.minRequestMs / 60_000} minute`, why('request.too_short', { minutes: ACCESS_LIMITS.minRequestMs / 60_000 }));
      if (p.durationMs > longest()) throw new RequestError('bad_request', `the duration must be at most ${hoursText(longest())}`, why('request.too_long', { hours: Math.round((longest() / 3_600_000) * 10) / 10 }));
      const t = now();
      expireDue(t);
      if (repo.pendingCount(record.id) >= ACCESS_LIMITS.maxPendingPerUser) {
        throw new RequestError('bad_request', `you already have ${ACCESS_LIMITS.maxPendingPerUser} pending requests: cancel one or wait for a decision`, why('request.too_many_pending', { limit: ACCESS_LIMITS.maxPendingPerUser }));
      }
      const created = store.db.transaction(() => {
        const r = repo.create({ userId: record.id, hosts: formatSelector(selector), login: p.login, durationMs: p.durationMs, reason: p.reason, createdAt: t, expiresAt: t + settings.expiryMs });
        audit('request.created', user, r, { durationMs: r.durationMs, reason: r.reason, expiresAt: iso(r.expiresAt) });
        return r;
      })();
      wrote();
      return view(created);
    },

    find(id: number): AccessRequest | undefined {
      const r = repo.find(id);
      return r && view(r);
    },

    list(filter: { requester?: string; state?: AccessRequest['state']; before?: number; limit?: number }): AccessRequest[] {
      expireDue();
      return repo.list({ ...filter, limit: filter.limit ?? 100 }).map(view);
    },

    cancel(user: string, id: number): AccessRequest {
      const t = now();
      expireDue(t);
      const found = repo.find(id);
      // Another user's request is not found: a requester learns nothing of others' requests.
      if (!found || found.requester !== user) throw new RequestError('not_found', `no access request ${id} of yours`, why('request.not_found', { id }));
      const r = pendingOrThrow(id, t);
      store.db.transaction(() => {
        repo.decide(id, { state: 'cancelled', by: user, at: t });
        audit('request.cancelled', user, r);
      })();
      wrote();
      return view(repo.find(id)!);
    },

    approve(by: Decider, id: number, options: ApproveOptions = {}): AccessRequest {
      const t = now();
      const r = pendingOrThrow(id, t);
      notOwn(r, by, 'approve');
      const asked = t + r.durationMs;
      const until = options.until ?? (options.durationMs !== undefined ? t + options.durationMs : asked);
      if (until <= t) throw new RequestError('bad_request', `the approval would end at ${iso(until)}, which is already past`, why('request.end_past', { until: iso(until) }));
      if (until > asked) throw new RequestError('bad_request', `an approval may shorten the window, not lengthen it: the request asks until ${iso(asked)} at the latest`, why('request.window_widened', { until: iso(asked) }));
      let hosts = r.hosts;
      if (options.hosts !== undefined) {
        const narrower = selectorOf(options.hosts);
        const wanted = coveredHosts(narrower);
        const allowed = new Set(deps.access.hostIdsOf(selectorOf(r.hosts)));
        const extra = store.hosts.loadMany([...wanted].filter((h) => !allowed.has(h))).map((h) => h.name);
        if (extra.length) throw new RequestError('bad_request', `an approval may narrow the hosts, not widen them: "${formatSelector(narrower)}" also covers ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''}`, why('request.hosts_widened', { hosts: extra.slice(0, 5).join(', ') + (extra.length > 5 ? ' …' : '') }));
        hosts = formatSelector(narrower);
      }
      const granted = store.db.transaction(() => {
        let grant;
        try {
          grant = createAccessAdmin(store, by.actor, { maxGrantMs: settings.maxGrantMs, now }).addGrant({ user: r.requester, hosts, login: r.login, until });
        } catch (error) {
          if (error instanceof AdminError && !(error instanceof RequestError)) throw new RequestError('bad_request', error.message, error.why);
          throw error;
        }
        repo.decide(id, { state: 'approved', by: by.actor, at: t, reason: options.note ?? null, grant: { id: grant.id, hosts, until } });
        audit('request.approved', by.actor, r, { grant: grant.id, grantedHosts: hosts, until: iso(until), ...(options.note ? { note: options.note } : {}) });
        return repo.find(id)!;
      })();
      wrote();
      return view(granted);
    },

    deny(by: Decider, id: number, reason: string): AccessRequest {
      const text = reason.trim();
      if (text === '') throw new RequestError('bad_request', 'a denial needs a reason (the requester sees it)', why('request.reason_needed'));
      if (text.length > ACCESS_LIMITS.maxReasonChars) throw new RequestError('bad_request', `the reason is longer than ${ACCESS_LIMITS.maxReasonChars} characters`, why('request.reason_too_long', { limit: ACCESS_LIMITS.maxReasonChars }));
      const t = now();
      const r = pendingOrThrow(id, t);
      notOwn(r, by, 'deny');
      store.db.transaction(() => {
        repo.decide(id, { state: 'denied', by: by.actor, at: t, reason: text });
        audit('request.denied', by.actor, r, { reason: text });
      })();
      wrote();
      return view(repo.find(id)!);
    },

    /** Pending requests (of one user, or of everyone). */
    pendingCount(requester?: string): number {
      if (requester === undefined) return repo.pendingCount();
      const user = store.users.find(requester);
      return user ? repo.pendingCount(user.id) : 0;
    },
    /** Changes since `revision` (any process), and the revision to ask from next. */
    changedSince(revision: number): { changed: AccessRequest[]; revision: number } {
      const changed = repo.changedSince(revision);
      return { changed: changed.map(view), revision: changed.at(-1)?.revision ?? revision };
    },
    lastRevision: () => repo.lastRevision(),
    nextExpiry: () => repo.nextExpiry(),
  };
}
export type RequestService = ReturnType<typeof createRequestService>;
