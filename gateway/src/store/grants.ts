// Grants: user × host selector × login × time window. Interpreting the selector is the access
// module's job; this only stores and fetches.
import type Database from 'better-sqlite3';

export interface GrantRecord {
  id: number;
  userId: number;
  /** Selector text, see gateway/src/access/selector.ts. */
  hosts: string;
  login: string;
  /** ms since epoch; null = no lower bound. */
  notBefore: number | null;
  /** ms since epoch, exclusive; null = no end. */
  notAfter: number | null;
}

interface GrantRow {
  id: number;
  user_id: number;
  hosts: string;
  login: string;
  not_before: number | null;
  not_after: number | null;
}

const toGrant = (r: GrantRow): GrantRecord => ({
  id: r.id,
  userId: r.user_id,
  hosts: r.hosts,
  login: r.login,
  notBefore: r.not_before,
  notAfter: r.not_after,
});

export function createGrantRepo(db: Database.Database) {
  const insert = db.prepare('INSERT INTO grants (user_id, hosts, login, not_before, not_after, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const activeFor = db.prepare<[number, number, number], GrantRow>(
    `SELECT id, user_id, hosts, login, not_before, not_after FROM grants
     WHERE user_id = ? AND (not_before IS NULL OR not_before <= ?) AND (not_after IS NULL OR not_after > ?)
     ORDER BY id`,
  );

  return {
    create(grant: Omit<GrantRecord, 'id'>, now = Date.now()): GrantRecord {
      const id = Number(insert.run(grant.userId, grant.hosts, grant.login, grant.notBefore, grant.notAfter, now).lastInsertRowid);
      return { id, ...grant };
    },
    /** Grants of this user in force at `now`. */
    active(userId: number, now: number): GrantRecord[] {
      return activeFor.all(userId, now, now).map(toGrant);
    },
  };
}
export type GrantRepo = ReturnType<typeof createGrantRepo>;
