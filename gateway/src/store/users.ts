// Users and their SSH public keys.
import type Database from 'better-sqlite3';
import { WhoAmISchema } from '../../../shared/contract/gateway-api';
import type { z } from 'zod';

export const RoleSchema = WhoAmISchema.shape.roles.element;
export type Role = z.infer<typeof RoleSchema>;

export interface UserRecord {
  id: number;
  name: string;
  roles: Role[];
  disabled: boolean;
}

export interface UserKeyRecord {
  id: number;
  userId: number;
  /** OpenSSH one-line form without comment: `ssh-ed25519 AAAA…`. */
  publicKey: string;
  fingerprint: string;
}

interface UserRow {
  id: number;
  name: string;
  roles: string;
  disabled: number;
}

function toUser(row: UserRow): UserRecord {
  const roles = RoleSchema.array().safeParse(JSON.parse(row.roles));
  return { id: row.id, name: row.name, roles: roles.success ? roles.data : [], disabled: row.disabled !== 0 };
}

export function createUserRepo(db: Database.Database) {
  const byName = db.prepare<[string], UserRow>('SELECT id, name, roles, disabled FROM users WHERE name = ?');
  const insert = db.prepare('INSERT INTO users (name, roles, disabled, created_at) VALUES (?, ?, 0, ?)');
  const keysOf = db.prepare<[number], { id: number; user_id: number; public_key: string; fingerprint: string }>(
    'SELECT id, user_id, public_key, fingerprint FROM user_keys WHERE user_id = ? ORDER BY id',
  );
  const insertKey = db.prepare('INSERT OR IGNORE INTO user_keys (user_id, public_key, fingerprint) VALUES (?, ?, ?)');
  const setDisabled = db.prepare('UPDATE users SET disabled = ? WHERE id = ?');

  return {
    find(name: string): UserRecord | undefined {
      const row = byName.get(name);
      return row && toUser(row);
    },
    create(name: string, roles: Role[], now = Date.now()): UserRecord {
      const id = Number(insert.run(name, JSON.stringify(roles), now).lastInsertRowid);
      return { id, name, roles, disabled: false };
    },
    addKey(userId: number, publicKey: string, fingerprint: string): void {
      insertKey.run(userId, publicKey, fingerprint);
    },
    keys(userId: number): UserKeyRecord[] {
      return keysOf.all(userId).map((r) => ({ id: r.id, userId: r.user_id, publicKey: r.public_key, fingerprint: r.fingerprint }));
    },
    setDisabled(userId: number, disabled: boolean): void {
      setDisabled.run(disabled ? 1 : 0, userId);
    },
  };
}
export type UserRepo = ReturnType<typeof createUserRepo>;
