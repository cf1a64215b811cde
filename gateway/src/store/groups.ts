// Groups of users: a grant to a group reaches every member. A user may be in several groups.
import type Database from 'better-sqlite3';

export interface GroupRecord {
  id: number;
  name: string;
}

export function createGroupRepo(db: Database.Database) {
  const byName = db.prepare<[string], GroupRecord>('SELECT id, name FROM groups WHERE name = ?');
  const insert = db.prepare('INSERT INTO groups (name, created_at) VALUES (?, ?)');
  const addMember = db.prepare('INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)');
  const removeMember = db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?');
  const membersOf = db.prepare<[number], { name: string }>(
    'SELECT u.name FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = ? ORDER BY u.name',
  );
  const groupsOf = db.prepare<[number], { name: string }>(
    'SELECT g.name FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY g.name',
  );
  const all = db.prepare<[], GroupRecord>('SELECT id, name FROM groups ORDER BY name');

  return {
    find(name: string): GroupRecord | undefined {
      return byName.get(name);
    },
    create(name: string, now = Date.now()): GroupRecord {
      return { id: Number(insert.run(name, now).lastInsertRowid), name };
    },
    list(): GroupRecord[] {
      return all.all();
    },
    /** False when the user was already a member. */
    addMember(groupId: number, userId: number): boolean {
      return addMember.run(groupId, userId).changes > 0;
    },
    /** False when the user was not a member. */
    removeMember(groupId: number, userId: number): boolean {
      return removeMember.run(groupId, userId).changes > 0;
    },
    members(groupId: number): string[] {
      return membersOf.all(groupId).map((r) => r.name);
    },
    groupsOf(userId: number): string[] {
      return groupsOf.all(userId).map((r) => r.name);
    },
  };
}
export type GroupRepo = ReturnType<typeof createGroupRepo>;
