// The login_rules table (migration 15): stores and fetches rules; validating them is admin.ts's
// job, deciding with them policy.ts's.
import type Database from 'better-sqlite3';
import type { LoginRule } from '../../../../shared/contract/gateway-api/login-rules';

interface Row {
  id: number;
  cidrs: string;
  days: string;
  hours: string | null;
  time_zone: string;
  created_at: number;
  created_by: string;
  subject_user: string | null;
  subject_group: string | null;
}

const toRule = (r: Row): LoginRule => ({
  id: r.id,
  subject: r.subject_user !== null ? { kind: 'user', name: r.subject_user } : { kind: 'group', name: r.subject_group ?? '?' },
  cidrs: JSON.parse(r.cidrs) as string[],
  days: r.days,
  hours: r.hours,
  timeZone: r.time_zone,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export type NewRuleRow = Omit<LoginRule, 'id' | 'subject'> & ({ userId: number } | { groupId: number });

const SELECT = `SELECT r.id, r.cidrs, r.days, r.hours, r.time_zone, r.created_at, r.created_by, u.name AS subject_user, g.name AS subject_group
  FROM login_rules r LEFT JOIN users u ON u.id = r.user_id LEFT JOIN groups g ON g.id = r.group_id`;

export function createLoginRuleRepo(db: Database.Database) {
  const insert = db.prepare('INSERT INTO login_rules (user_id, group_id, cidrs, days, hours, time_zone, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const all = db.prepare<[], Row>(`${SELECT} ORDER BY r.id`);
  const byId = db.prepare<[number], Row>(`${SELECT} WHERE r.id = ?`);
  // The user's own rules and those of every group they belong to.
  const ofUser = db.prepare<{ user: number }, Row>(
    `${SELECT} WHERE r.user_id = @user OR r.group_id IN (SELECT group_id FROM group_members WHERE user_id = @user) ORDER BY r.id`,
  );
  const remove = db.prepare('DELETE FROM login_rules WHERE id = ?');
  return {
    create(rule: NewRuleRow): number {
      const [userId, groupId] = 'userId' in rule ? [rule.userId, null] : [null, rule.groupId];
      return Number(insert.run(userId, groupId, JSON.stringify(rule.cidrs), rule.days, rule.hours, rule.timeZone, rule.createdAt, rule.createdBy).lastInsertRowid);
    },
    list: (): LoginRule[] => all.all().map(toRule),
    find(id: number): LoginRule | undefined {
      const row = byId.get(id);
      return row && toRule(row);
    },
    /** The rules that apply to this user: own and through their groups. */
    ofUser: (userId: number): LoginRule[] => ofUser.all({ user: userId }).map(toRule),
    remove: (id: number): boolean => remove.run(id).changes > 0,
  };
}
export type LoginRuleRepo = ReturnType<typeof createLoginRuleRepo>;
