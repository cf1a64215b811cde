// What a rule about to be added does to the admin adding it: whether the login rules allow their
// own connection's source now, and would with the rule added. The app warns before an admin locks
// themselves out of their next login (live connections are cut too, after the warning).
import type { LoginRuleCheck } from '../../../../shared/contract/gateway-api/login-rules';
import type { Store, UserRecord } from '../../store';
import type { CanonicalRule } from './admin';
import { policyOf } from './index';
import { decideLogin } from './policy';
import { createLoginRuleRepo } from './repo';

export function selfCheck(
  store: Pick<Store, 'db' | 'groups'>,
  me: Pick<UserRecord, 'id' | 'name'>,
  source: string | undefined,
  rule: CanonicalRule | null,
  now: number,
): LoginRuleCheck['self'] {
  const mine = createLoginRuleRepo(store.db).ofUser(me.id);
  const applies =
    rule !== null && (rule.subject.kind === 'user' ? rule.subject.name === me.name : store.groups.groupsOf(me.id).includes(rule.subject.name));
  if (source === undefined) return { source: null, applies, allowedNow: true, allowedAfter: true };
  const policies = mine.map(policyOf);
  const allowedNow = decideLogin(policies, source, now).allowed;
  if (!applies) return { source, applies, allowedNow, allowedAfter: allowedNow };
  const draft = policyOf({ ...rule, id: 0, createdAt: now, createdBy: me.name });
  return { source, applies, allowedNow, allowedAfter: decideLogin([...policies, draft], source, now).allowed };
}
