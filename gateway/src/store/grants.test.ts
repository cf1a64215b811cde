import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createGrantRepo } from './grants';
import { migrate, migrations } from './migrations';

describe('migration 5: groups and group grants', () => {
  it('keeps the grants of a database made before it, and a grant has exactly one subject', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version < 5));
    db.prepare("INSERT INTO users (name, created_at) VALUES ('alice', 0)").run();
    db.prepare("INSERT INTO grants (user_id, hosts, login, not_before, not_after, created_at) VALUES (1, 'node:pay', 'root', NULL, 99, 0)").run();
    expect(migrate(db)).toContain(5);
    const grants = createGrantRepo(db);
    expect(grants.active(1, 0)).toEqual([{ id: 1, userId: 1, groupId: null, hosts: 'node:pay', login: 'root', notBefore: null, notAfter: 99 }]);
    expect(() => db.prepare("INSERT INTO grants (hosts, login, created_at) VALUES ('*', 'root', 0)").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO groups (name, created_at) VALUES ('ops', 0)").run();
    expect(() => db.prepare("INSERT INTO grants (user_id, group_id, hosts, login, created_at) VALUES (1, 1, '*', 'root', 0)").run()).toThrow(/CHECK/);
    db.prepare('INSERT INTO group_members (group_id, user_id) VALUES (1, 1)').run();
    grants.create({ groupId: 1, hosts: '*', login: 'ops', notBefore: null, notAfter: null });
    expect(grants.active(1, 0).map((g) => g.login)).toEqual(['root', 'ops']);
    // Users and groups are never deleted (migration 6: their ids would be reused).
    expect(() => db.prepare('DELETE FROM groups WHERE id = 1').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM users WHERE id = 1').run()).toThrow(/never deleted/);
    expect(grants.list()).toHaveLength(2);
    db.close();
  });
});
