// Admin operations on login rules: validated (CIDRs, days, hours, IANA zone — each refused with a
// message that says what is wrong, and a code the app words), stored canonically, audited with who
// did it. The CLI's `rule` commands and the `rules.login.*` API both come here.
import { why } from '../../../../shared/contract/error-reasons';
import {
  LOGIN_RULE_LIMITS,
  NewLoginRuleSchema,
  type LoginRule,
  type LoginRuleCheck,
  type LoginRuleProblem,
  type NewLoginRule,
} from '../../../../shared/contract/gateway-api/login-rules';
import { AdminError, validate } from '../../admin-access';
import type { Store } from '../../store';
import { CidrError, formatCidr, parseCidr } from './cidr';
import { createLoginRuleRepo } from './repo';
import { formatDays, formatHours, parseDays, parseHours, parseTimeZone, WindowError } from './window';

/** A draft as the add form holds it (every field optional, checked one by one). */
export type LoginRuleDraft = Omit<NewLoginRule, 'cidrs'> & { cidrs?: readonly string[] };

export interface LoginRuleAdmin {
  add(input: NewLoginRule): LoginRule;
  /** Checks a draft field by field without storing anything (the app's inline messages). */
  check(draft: LoginRuleDraft): DraftCheck;
  list(): LoginRule[];
  remove(id: number): LoginRule;
}

/** A problem with the CLI's words beside the app's code. */
export type ProblemWithText = LoginRuleProblem & { message: string };
export type CanonicalRule = NonNullable<LoginRuleCheck['rule']>;
export type DraftCheck = { problems: ProblemWithText[]; rule: CanonicalRule | null };

/** Runs `parse`, collecting the policy's own error as a problem of `field` instead of throwing. */
function collect<T>(problems: ProblemWithText[], field: LoginRuleProblem['field'], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof CidrError || error instanceof WindowError)) throw error;
    problems.push({ field, code: error.code, params: error.params, message: error.message });
    return undefined;
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

type Subject = { userId: number } | { groupId: number };

export function createLoginRuleAdmin(store: Pick<Store, 'db' | 'users' | 'groups' | 'audit'>, actor: string, now: () => number = Date.now): LoginRuleAdmin {
  const repo = createLoginRuleRepo(store.db);
  /** Every field checked on its own, so the app can mark each; the subject looked up by name. */
  const checkDraft = (draft: LoginRuleDraft): { check: DraftCheck; subject?: Subject } => {
    const problems: ProblemWithText[] = [];
    let subject: Subject | undefined;
    const user = draft.user?.trim() || undefined;
    const group = draft.group?.trim() || undefined;
    if ((user === undefined) === (group === undefined)) {
      problems.push({ field: 'subject', code: 'subject_missing', params: {}, message: 'give exactly one of user or group' });
    } else if (user !== undefined) {
      const record = store.users.find(user);
      if (record && !record.removed) subject = { userId: record.id };
      else problems.push({ field: 'subject', code: 'subject_unknown', params: { name: user }, message: `no user named "${user}"` });
    } else {
      const record = store.groups.find(group!);
      if (record) subject = { groupId: record.id };
      else problems.push({ field: 'subject', code: 'subject_unknown', params: { name: group! }, message: `no group named "${group!}"` });
    }
    const lines = (draft.cidrs ?? []).map((c) => c.trim()).filter((c) => c !== '');
    const cidrs = [...new Set(lines.map((c) => collect(problems, 'cidrs', () => formatCidr(parseCidr(c)))).filter((c) => c !== undefined))];
    const { maxCidrs } = LOGIN_RULE_LIMITS;
    if (cidrs.length > maxCidrs) problems.push({ field: 'cidrs', code: 'too_many_cidrs', params: { max: maxCidrs }, message: `a login rule lists at most ${maxCidrs} networks` });
    const days = collect(problems, 'days', () => formatDays(parseDays(draft.days ?? 'mon-sun')));
    const hours = draft.hours === undefined ? null : collect(problems, 'hours', () => formatHours(parseHours(draft.hours!)));
    const timeZone = collect(problems, 'timeZone', () => parseTimeZone(draft.timeZone ?? 'UTC'));
    if (lines.length === 0 && draft.days === undefined && draft.hours === undefined) {
      problems.push({ field: 'rule', code: 'rule_empty', params: {}, message: 'a login rule needs at least one of: source networks (--cidr), days (--days), hours (--hours)' });
    }
    const ok = problems.length === 0 && days !== undefined && hours !== undefined && timeZone !== undefined;
    const name = user ?? group!;
    const rule = ok ? { subject: { kind: user !== undefined ? ('user' as const) : ('group' as const), name }, cidrs, days, hours, timeZone } : null;
    return { check: { problems, rule }, subject };
  };
  return {
    check: (draft) => checkDraft(draft).check,
    add(input) {
      const r = validate(NewLoginRuleSchema, input, 'login rule');
      const { check, subject } = checkDraft(r);
      if (check.problems.length > 0 || !check.rule || !subject) throw new AdminError(check.problems[0]?.message ?? 'invalid login rule');
      const canonical = check.rule;
      return store.db.transaction(() => {
        const id = repo.create({ ...subject, cidrs: canonical.cidrs, days: canonical.days, hours: canonical.hours, timeZone: canonical.timeZone, createdAt: now(), createdBy: actor });
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
        if (!rule || !repo.remove(id)) throw new AdminError(`no login rule ${id}`, why('login_rule.not_found', { id }));
        store.audit.record({ type: 'rule.login.removed', actor, data: ruleAudit(rule) });
        return rule;
      })();
    },
  };
}
