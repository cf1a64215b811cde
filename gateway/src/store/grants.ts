// Grants: subject (a user or a group) × host selector × login × time window [notBefore, notAfter).
// Interpreting the selector is the access module's job; this only stores and fetches, with the
// queries the access checks need (a user's grants in force, directly or through their groups).
import type Database from 'better-sqlite3';

export interface GrantRecord {
  id: number;
  /** Exactly one of userId and groupId is set. */
  userId: number | null;
  groupId: number | null;
  /** Canonical selector text, see gateway/src/access/selector.ts. */
  hosts: string;
  login: string;
  /** ms since epoch; null = no lower bound. */
  notBefore: number | null;
  /** ms since epoch, exclusive; null = no end. */
  notAfter: number | null;
}

/** A grant with the names of its subject, for listings. */
export interface GrantView extends GrantRecord {
  subject: { kind: 'user' | 'group'; name: string };
  createdAt: number;
}

export type NewGrant = Omit<GrantRecord, 'id' | 'userId' | 'groupId'> & ({ userId: number; groupId?: null } | { groupId: number; userId?: null });

interface GrantRow {
  id: number;
  user_id: number | null;
  group_id: number | null;
  hosts: string;
  login: string;
  not_before: number | null;
  not_after: number | null;
}

const toGrant = (r: GrantRow): GrantRecord => ({
  id: r.id,
  userId: r.user_id,
  groupId: r.group_id,
  hosts: r.hosts,
  login: r.login,
  notBefore: r.not_before,
  notAfter: r.not_after,
});

type ViewRow = GrantRow & { subject_user: string | null; subject_group: string | null; created_at: number };
const toView = (r: ViewRow): GrantView => ({
  ...toGrant(r),
  subject: r.subject_user !== null ? { kind: 'user', name: r.subject_user } : { kind: 'group', name: r.subject_group ?? '?' },
  createdAt: r.created_at,
});

const COLUMNS = 'g.id, g.user_id, g.group_id, g.hosts, g.login, g.not_before, g.not_after';
// The user's own grants plus those of every group they belong to (both served by an index).
const OF_USER = `(g.user_id = @user OR g.group_id IN (SELECT group_id FROM group_members WHERE user_id = @user))`;

export function createGrantRepo(db: Database.Database) {
  const insert = db.prepare('INSERT INTO grants (user_id, group_id, hosts, login, not_before, not_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const activeFor = db.prepare<{ user: number; now: number }, GrantRow>(
    `SELECT ${COLUMNS} FROM grants g WHERE ${OF_USER}
       AND (g.not_before IS NULL OR g.not_before <= @now) AND (g.not_after IS NULL OR g.not_after > @now)
     ORDER BY g.id`,
  );
  const WITH_SUBJECT = `SELECT ${COLUMNS}, g.created_at, u.name AS subject_user, gr.name AS subject_group FROM grants g
       LEFT JOIN users u ON u.id = g.user_id LEFT JOIN groups gr ON gr.id = g.group_id`;
  const notEndedFor = db.prepare<{ user: number; now: number }, ViewRow>(
    `${WITH_SUBJECT} WHERE ${OF_USER} AND (g.not_after IS NULL OR g.not_after > @now) ORDER BY g.id`,
  );
  const listAll = db.prepare<[], ViewRow>(`${WITH_SUBJECT} ORDER BY g.id`);
  const byId = db.prepare<[number], GrantRow>(`SELECT ${COLUMNS} FROM grants g WHERE g.id = ?`);
  const remove = db.prepare('DELETE FROM grants WHERE id = ?');
  const setWindow = db.prepare('UPDATE grants SET not_before = ?, not_after = ? WHERE id = ?');

  return {
    create(grant: NewGrant, now = Date.now()): GrantRecord {
      const userId = grant.userId ?? null;
      const groupId = grant.groupId ?? null;
      const id = Number(insert.run(userId, groupId, grant.hosts, grant.login, grant.notBefore, grant.notAfter, now).lastInsertRowid);
      return { id, userId, groupId, hosts: grant.hosts, login: grant.login, notBefore: grant.notBefore, notAfter: grant.notAfter };
    },
    /** Grants of this user (own or through a group) in force at `now`. */
    active(userId: number, now: number): GrantRecord[] {
      return activeFor.all({ user: userId, now }).map(toGrant);
    },
    /** Grants of this user that have not ended at `now`: in force or still to come. */
    notEnded(userId: number, now: number): GrantView[] {
      return notEndedFor.all({ user: userId, now }).map(toView);
    },
    find(id: number): GrantRecord | undefined {
      const row = byId.get(id);
      return row && toGrant(row);
    },
    /** Every grant with its subject's name, oldest first. */
    list(): GrantView[] {
      return listAll.all().map(toView);
    },
    /** Moves the grant's window; live sessions notice (gateway/src/liveness). */
    setWindow(id: number, notBefore: number | null, notAfter: number | null): boolean {
      return setWindow.run(notBefore, notAfter, id).changes > 0;
    },
    /** Removes the grant; false when there was none. Live sessions notice (gateway/src/liveness). */
    remove(id: number): boolean {
      return remove.run(id).changes > 0;
    },
  };
}
export type GrantRepo = ReturnType<typeof createGrantRepo>;
