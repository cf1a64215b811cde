// Admin operations on who may reach what: groups and grants. Validated here, audited, refused
// with a clear message (AdminError). Part of GatewayAdmin (see admin.ts).
import { z } from 'zod';
import { why, ReasonedError, type Why } from '../../shared/contract/error-reasons';
import { LoginNameSchema } from '../../shared/contract/inventory';
import { describeZodError } from '../../shared/rpc/protocol';
import { formatSelector, parseSelector, SelectorError } from './access/selector';
import type { GrantRecord, GrantView, Store } from './store';

/** An admin's mistake or a refused change; `why` is its reason for the API (the CLI prints the message). */
export class AdminError extends ReasonedError {
  constructor(message: string, why?: Why) {
    super(message, why);
    this.name = 'AdminError';
  }
}

/** User and group names appear in `ssh alice:root@web-01@bastion`, so no ':' or '@'. */
export const UserNameSchema = LoginNameSchema;
export const GroupNameSchema = LoginNameSchema;

const TimeSchema = z.union([z.number().int().nonnegative(), z.date().transform((d) => d.getTime())]);

export const AddGrantInput = z
  .object({
    user: UserNameSchema.optional(),
    group: GroupNameSchema.optional(),
    hosts: z.string().min(1),
    login: LoginNameSchema,
    from: TimeSchema.optional(),
    until: TimeSchema.optional(),
  })
  .refine((g) => (g.user === undefined) !== (g.group === undefined), 'give exactly one of user or group')
  .refine((g) => g.from === undefined || g.until === undefined || g.until > g.from, 'until must be after from');

export interface AccessAdmin {
  addGroup(name: string): { id: number; name: string };
  addGroupMember(group: string, user: string): void;
  removeGroupMember(group: string, user: string): void;
  listGroups(): Array<{ name: string; members: string[] }>;
  /** Grants to a user or a group; the selector is stored in its canonical form. */
  addGrant(input: z.input<typeof AddGrantInput>): GrantRecord;
  /** Every grant with its subject; `user` narrows to the grants that reach that user (own and through groups). */
  listGrants(filter?: { user?: string }): GrantView[];
  /** Removes a grant; live sessions that depended on it end within seconds. */
  revokeGrant(id: number): GrantView;
  /**
   * Moves a grant's end (and its start, if given: null = from now on). An end not in the future
   * revokes the grant instead (`revoked: true`), so no grant is kept that can never be used.
   */
  editGrant(id: number, window: { until: number; from?: number | null }): { grant: GrantView; revoked: boolean };
}

export function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AdminError(`invalid ${what}: ${describeZodError(result.error)}`);
  return result.data;
}

/** Times in audit entries are ISO strings, so a reviewer reads them without converting. */
const isoTime = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** Limits on what a grant may say (config `grants`). */
export interface GrantLimits {
  /** Longest window a grant may have, ms (from its start, or now); undefined = no limit. */
  maxGrantMs?: number;
  /** The clock grants are checked against (tests set one); default Date.now. */
  now?: () => number;
}

/** A grant must end in the future, after it starts, and within the configured length. */
function checkGrantWindow(from: number | undefined, until: number | undefined, limits: GrantLimits, now: number): void {
  const iso = (t: number) => new Date(t).toISOString();
  if (until !== undefined && until <= now) throw new AdminError(`the grant would end at ${iso(until)}, which is already past: give an end in the future`, why('grant.end_past', { until: iso(until) }));
  if (limits.maxGrantMs === undefined) return;
  if (until === undefined) throw new AdminError(`grants must end: give an end at most ${limits.maxGrantMs / 86_400_000} day(s) after the start (grants.maxDays)`, why('grant.end_needed', { days: limits.maxGrantMs / 86_400_000 }));
  const start = Math.max(from ?? now, now);
  if (until - start > limits.maxGrantMs) {
    throw new AdminError(`the grant would last until ${iso(until)}, longer than grants.maxDays allows (${limits.maxGrantMs / 86_400_000} day(s) from ${iso(start)})`, why('grant.too_long', { days: limits.maxGrantMs / 86_400_000 }));
  }
}

export function createAccessAdmin(store: Store, actor = 'admin', limits: GrantLimits = {}): AccessAdmin {
  const userOrThrow = (name: string) => {
    const user = store.users.find(name);
    if (!user) throw new AdminError(`no user named "${name}"`, why('user.not_found', { name }));
    return user;
  };
  const groupOrThrow = (name: string) => {
    const group = store.groups.find(name);
    if (!group) throw new AdminError(`no group named "${name}"`, why('group.not_found', { name }));
    return group;
  };
  const grantOrThrow = (id: number) => {
    if (!Number.isSafeInteger(id) || id <= 0) throw new AdminError(`invalid grant id "${id}"`);
    const view = store.grants.list().find((g) => g.id === id);
    if (!view) throw new AdminError(`no grant ${id}`, why('grant.not_found', { id }));
    return view;
  };
  const membership = (groupName: string, userName: string) => ({
    group: groupOrThrow(validate(GroupNameSchema, groupName, 'group name')),
    user: userOrThrow(validate(UserNameSchema, userName, 'user name')),
  });

  const admin: AccessAdmin = {
    addGroup(name) {
      validate(GroupNameSchema, name, 'group name');
      if (store.groups.find(name)) throw new AdminError(`group "${name}" already exists`, why('group.exists', { name }));
      const group = store.groups.create(name);
      store.audit.record({ type: 'group.added', actor, data: { group: name } });
      return group;
    },

    addGroupMember(groupName, userName) {
      const { group, user } = membership(groupName, userName);
      if (store.groups.addMember(group.id, user.id)) store.audit.record({ type: 'group.changed', actor, data: { group: group.name, added: user.name } });
    },

    removeGroupMember(groupName, userName) {
      const { group, user } = membership(groupName, userName);
      if (!store.groups.removeMember(group.id, user.id)) throw new AdminError(`${user.name} is not a member of ${group.name}`, why('group.not_member', { user: user.name, group: group.name }));
      store.audit.record({ type: 'group.changed', actor, data: { group: group.name, removed: user.name } });
    },

    listGroups() {
      return store.groups.list().map((g) => ({ name: g.name, members: store.groups.members(g.id) }));
    },

    addGrant(input) {
      const g = validate(AddGrantInput, input, 'grant');
      checkGrantWindow(g.from, g.until, limits, (limits.now ?? Date.now)());
      let hosts: string;
      try {
        hosts = formatSelector(parseSelector(g.hosts));
      } catch (error) {
        if (error instanceof SelectorError) throw new AdminError(error.message, error.why);
        throw error;
      }
      const subject = g.user !== undefined ? { userId: userOrThrow(g.user).id } : { groupId: groupOrThrow(g.group!).id };
      return store.db.transaction(() => {
        const grant = store.grants.create({ ...subject, hosts, login: g.login, notBefore: g.from ?? null, notAfter: g.until ?? null });
        store.audit.record({
          type: 'grant.added',
          actor,
          data: { grant: grant.id, ...(g.user !== undefined ? { user: g.user } : { group: g.group }), hosts, login: g.login, from: isoTime(grant.notBefore), until: isoTime(grant.notAfter) },
        });
        return grant;
      })();
    },

    listGrants(filter = {}) {
      const all = store.grants.list();
      if (filter.user === undefined) return all;
      const user = userOrThrow(filter.user);
      const groups = new Set(store.groups.groupsOf(user.id));
      return all.filter((g) => (g.subject.kind === 'user' ? g.userId === user.id : groups.has(g.subject.name)));
    },

    revokeGrant(id) {
      const view = grantOrThrow(id);
      store.db.transaction(() => {
        store.grants.remove(id);
        store.audit.record({ type: 'grant.removed', actor, data: { grant: id, [view.subject.kind]: view.subject.name, hosts: view.hosts, login: view.login } });
      })();
      return view;
    },

    editGrant(id, window) {
      const view = grantOrThrow(id);
      const now = (limits.now ?? Date.now)();
      if (window.until <= now) return { grant: admin.revokeGrant(id), revoked: true };
      const from = window.from === undefined ? view.notBefore : window.from;
      if (from !== null && window.until <= from) throw new AdminError(`the grant would end at ${isoTime(window.until)}, not after its start ${isoTime(from)}`, why('grant.end_before_start', { until: isoTime(window.until) ?? '', from: isoTime(from) ?? '' }));
      checkGrantWindow(from ?? undefined, window.until, limits, now);
      store.db.transaction(() => {
        store.grants.setWindow(id, from, window.until);
        store.audit.record({
          type: 'grant.changed',
          actor,
          data: { grant: id, [view.subject.kind]: view.subject.name, hosts: view.hosts, login: view.login, from: isoTime(from), until: isoTime(window.until), was: { from: isoTime(view.notBefore), until: isoTime(view.notAfter) } },
        });
      })();
      return { grant: { ...view, notBefore: from, notAfter: window.until }, revoked: false };
    },
  };
  return admin;
}
