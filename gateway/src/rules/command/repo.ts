// The command_rules table (migration 16).
import type Database from 'better-sqlite3';
import type { CommandAction, CommandRule } from './check';

export interface StoredCommandRule extends CommandRule {
  /** Canonical host selector text (access/selector.ts). */
  hosts: string;
  createdBy: string;
  createdAt: number;
}

interface Row {
  id: number;
  hosts: string;
  pattern: string;
  regex: number;
  action: CommandAction;
  created_by: string;
  created_at: number;
}

const ruleOf = (r: Row): StoredCommandRule => ({ id: r.id, hosts: r.hosts, pattern: r.pattern, regex: r.regex === 1, action: r.action, createdBy: r.created_by, createdAt: r.created_at });

export function createCommandRuleRepo(db: Database.Database) {
  const all = db.prepare<[], Row>('SELECT * FROM command_rules ORDER BY id');
  const one = db.prepare<[number], Row>('SELECT * FROM command_rules WHERE id = ?');
  const insert = db.prepare('INSERT INTO command_rules (hosts, pattern, regex, action, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM command_rules WHERE id = ?');
  return {
    list: (): StoredCommandRule[] => all.all().map(ruleOf),
    get: (id: number): StoredCommandRule | undefined => {
      const row = one.get(id);
      return row && ruleOf(row);
    },
    add(rule: Omit<StoredCommandRule, 'id'>): StoredCommandRule {
      const { lastInsertRowid } = insert.run(rule.hosts, rule.pattern, rule.regex ? 1 : 0, rule.action, rule.createdBy, rule.createdAt);
      return { ...rule, id: Number(lastInsertRowid) };
    },
    remove: (id: number): boolean => remove.run(id).changes > 0,
  };
}

export type CommandRuleRepo = ReturnType<typeof createCommandRuleRepo>;
