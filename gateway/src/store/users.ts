// Users, their SSH public keys, their optional TOTP secret (sealed) and their failed-login state.
import type Database from 'better-sqlite3';
import { WhoAmISchema } from '../../../shared/contract/gateway-api';
import type { z } from 'zod';
import { open, seal, type MasterKey } from '../custody';

export const RoleSchema = WhoAmISchema.shape.roles.element;
export type Role = z.infer<typeof RoleSchema>;

export interface UserRecord {
  id: number;
  name: string;
  roles: Role[];
  disabled: boolean;
  /** Removed (a tombstone: also disabled, without keys, grants or groups; the name stays taken). */
  removed: boolean;
  /** A TOTP second factor is required after the public key. */
  totp: boolean;
  /** ms since epoch; null when not locked (a past time also means not locked). */
  lockedUntil: number | null;
  failedLogins: number;
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
  removed_at: number | null;
  has_totp: number;
  locked_until: number | null;
  failed_logins: number;
}

function toUser(row: UserRow): UserRecord {
  const roles = RoleSchema.array().safeParse(JSON.parse(row.roles));
  return {
    id: row.id,
    name: row.name,
    roles: roles.success ? roles.data : [],
    disabled: row.disabled !== 0,
    removed: row.removed_at !== null,
    totp: row.has_totp !== 0,
    lockedUntil: row.locked_until,
    failedLogins: row.failed_logins,
  };
}

const totpAad = (userId: number) => JSON.stringify(['totp', userId]);
const USER_COLUMNS = 'id, name, roles, disabled, removed_at, totp_secret IS NOT NULL AS has_totp, locked_until, failed_logins';

export function createUserRepo(db: Database.Database, master: MasterKey) {
  const byName = db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE name = ?`);
  const byId = db.prepare<[number], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
  const all = db.prepare<[], UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`);
  const insert = db.prepare('INSERT INTO users (name, roles, disabled, created_at) VALUES (?, ?, 0, ?)');
  const keysOf = db.prepare<[number], { id: number; user_id: number; public_key: string; fingerprint: string }>(
    'SELECT id, user_id, public_key, fingerprint FROM user_keys WHERE user_id = ? ORDER BY id',
  );
  const insertKey = db.prepare('INSERT INTO user_keys (user_id, public_key, fingerprint) VALUES (?, ?, ?)');
  const ownerOf = db.prepare<[string], { name: string }>('SELECT u.name FROM user_keys k JOIN users u ON u.id = k.user_id WHERE k.fingerprint = ?');
  const deleteKey = db.prepare('DELETE FROM user_keys WHERE user_id = ? AND fingerprint = ?');
  const setRoles = db.prepare('UPDATE users SET roles = ? WHERE id = ?');
  // What a removed user keeps: the row (name, roles) their history points at. Everything that
  // let them in or reach a host goes.
  const tombstone = db.prepare('UPDATE users SET removed_at = ?, disabled = 1, totp_secret = NULL, totp_last_step = NULL WHERE id = ?');
  const dropKeys = db.prepare('DELETE FROM user_keys WHERE user_id = ?');
  const dropGrants = db.prepare('DELETE FROM grants WHERE user_id = ?');
  const dropMemberships = db.prepare('DELETE FROM group_members WHERE user_id = ?');
  const setDisabled = db.prepare('UPDATE users SET disabled = ? WHERE id = ?');
  const setTotp = db.prepare('UPDATE users SET totp_secret = ?, totp_last_step = NULL WHERE id = ?');
  // Accepts a step only if it is later than the last one used (one statement: no race between two logins).
  const useStep = db.prepare('UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)');
  const getTotp = db.prepare<[number], { totp_secret: Buffer | null }>('SELECT totp_secret FROM users WHERE id = ?');
  // One statement each, so the gateway and a CLI sharing the database cannot lose an increment.
  const fail = db.prepare<[{ max: number; now: number; lock: number; id: number }], { failed_logins: number; locked_until: number | null }>(
    `UPDATE users SET
       locked_until = CASE WHEN failed_logins + 1 >= @max THEN @now + @lock ELSE locked_until END,
       failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END
     WHERE id = @id RETURNING failed_logins, locked_until`,
  );
  const clearFailures = db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?');

  return {
    find(name: string): UserRecord | undefined {
      const row = byName.get(name);
      return row && toUser(row);
    },
    byId(id: number): UserRecord | undefined {
      const row = byId.get(id);
      return row && toUser(row);
    },
    list(): UserRecord[] {
      return all.all().map(toUser);
    },
    create(name: string, roles: Role[], now = Date.now()): UserRecord {
      const id = Number(insert.run(name, JSON.stringify(roles), now).lastInsertRowid);
      return { id, name, roles, disabled: false, removed: false, totp: false, lockedUntil: null, failedLogins: 0 };
    },
    /** Adds a key no user holds yet (the caller checks keyOwner first; the UNIQUE index refuses otherwise). */
    addKey(userId: number, publicKey: string, fingerprint: string): void {
      insertKey.run(userId, publicKey, fingerprint);
    },
    /** The name of the user who logs in with this key, if any. */
    keyOwner(fingerprint: string): string | undefined {
      return ownerOf.get(fingerprint)?.name;
    },
    /** False if the user had no such key. */
    removeKey(userId: number, fingerprint: string): boolean {
      return deleteKey.run(userId, fingerprint).changes === 1;
    },
    setRoles(userId: number, roles: Role[]): void {
      setRoles.run(JSON.stringify(roles), userId);
    },
    /** Makes the user a tombstone (see UserRecord.removed), in one transaction. */
    remove: db.transaction((userId: number, now: number = Date.now()): void => {
      tombstone.run(now, userId);
      dropKeys.run(userId);
      dropGrants.run(userId);
      dropMemberships.run(userId);
    }),
    keys(userId: number): UserKeyRecord[] {
      return keysOf.all(userId).map((r) => ({ id: r.id, userId: r.user_id, publicKey: r.public_key, fingerprint: r.fingerprint }));
    },
    setDisabled(userId: number, disabled: boolean): void {
      setDisabled.run(disabled ? 1 : 0, userId);
    },
    /** Stores the base32 TOTP secret sealed under the master key; null removes it. */
    setTotpSecret(userId: number, secret: string | null): void {
      setTotp.run(secret === null ? null : seal(master, Buffer.from(secret, 'utf8'), totpAad(userId)), userId);
    },
    totpSecret(userId: number): string | undefined {
      const box = getTotp.get(userId)?.totp_secret;
      return box ? open(master, Buffer.from(box), totpAad(userId)).toString('utf8') : undefined;
    },
    /** Marks a TOTP time step used; false if it (or a later one) was used already: a replayed code. */
    useTotpStep(userId: number, step: number): boolean {
      return useStep.run(step, userId, step).changes === 1;
    },
    /**
     * Counts a failed login; the `maxFailures`-th in a row locks the account until now + lockMs
     * (and restarts the count). Returns the lock end when this failure locked it.
     */
    recordFailure(userId: number, maxFailures: number, lockMs: number, now = Date.now()): number | undefined {
      const before = byId.get(userId);
      const after = fail.get({ max: maxFailures, now, lock: lockMs, id: userId });
      return after && after.locked_until !== before?.locked_until && after.locked_until !== null ? after.locked_until : undefined;
    },
    /** A successful login, or an admin unlocking the account. */
    clearFailures(userId: number): void {
      clearFailures.run(userId);
    },
  };
}
export type UserRepo = ReturnType<typeof createUserRepo>;
