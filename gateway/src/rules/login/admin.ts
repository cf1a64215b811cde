// Admin operations on login rules: validated (CIDRs, days, hours, IANA zone — each refused with a
// message that says what is wrong), stored canonically, audited with who did it. The CLI's `rule`
// commands and the `rules.login.*` API both come here.
import { NewLoginRuleSchema, type LoginRule, type NewLoginRule } from '../../../../shared/contract/gateway-api/login-rules';
import { AdminError, validate } from '../../admin-access';
import type { Store } from '../../store';
import { CidrError, formatCidr, parseCidr } from './cidr';
import { createLoginRuleRepo } from './repo';
import { formatDays, formatHours, parseDays, parseHours, parseTimeZone, WindowError } from './window';

export interface LoginRuleAdmin {
  add(input: NewLoginRule): LoginRule;
  list(): LoginRule[];
  remove(id: number): LoginRule;
}

/** Runs `fn`, turning the policy's own errors into AdminError (a clear refusal, nothing stored). */
function readable<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CidrError || error instanceof WindowError) throw new AdminError(error.message);
    throw error;
  }
}

const ruleAudit = (rule: LoginRule) => ({
  rule: rule.id,
  [rule.subject.kind]: rule.subject.name,
  cidrs: rule.cidrs,
  days: rule.days,
  hours: rule.hours,
  timeZone: rule.timeZone,
});

export function createLoginRuleAdmin(store: Pick<Store, 'db' | 'users' | 'groups' | 'audit'>, actor: string, now: () => number = Date.now): LoginRuleAdmin {
  const repo = createLoginRuleRepo(store.db);
  return {
    add(input) {
      const r = validate(NewLoginRuleSchema, input, 'login rule');
      const canonical = readable(() => ({
        cidrs: [...new Set(r.cidrs.map((c) => formatCidr(parseCidr(c))))],
        days: formatDays(parseDays(r.days ?? 'mon-sun')),
        hours: r.hours === undefined ? null : formatHours(parseHours(r.hours)),
        timeZone: parseTimeZone(r.timeZone ?? 'UTC'),
      }));
      if (canonical.cidrs.length === 0 && r.days === undefined && r.hours === undefined) {
        throw new AdminError('a login rule needs at least one of: source networks (--cidr), days (--days), hours (--hours)');
      }
      let subject: { userId: number } | { groupId: number };
      if (r.user !== undefined) {
        const user = store.users.find(r.user);
        if (!user || user.removed) throw new AdminError(`no user named "${r.user}"`);
        subject = { userId: user.id };
      } else {
        const group = store.groups.find(r.group!);
        if (!group) throw new AdminError(`no group named "${r.group!}"`);
        subject = { groupId: group.id };
      }
      return store.db.transaction(() => {
        const id = repo.create({ ...subject, ...canonical, createdAt: now(), createdBy: actor });
        const rule = repo.find(id)!;
        store.audit.record({ type: 'rule.login.added', actor, data: ruleAudit(rule) });
        return rule;
      })();
    },
    list: () => repo.list(),
    remove(id) {
      if (!Number.isSafeInteger(id) || id <= 0) throw new AdminError(`invalid login rule id "${id}"`);
      return store.db.transaction(() => {
        const rule = repo.find(id);
        if (!rule || !repo.remove(id)) throw new AdminError(`no login rule ${id}`);
        store.audit.record({ type: 'rule.login.removed', actor, data: ruleAudit(rule) });
        return rule;
      })();
    },
  };
}
