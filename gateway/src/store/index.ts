// The gateway's persistent state, opened from the data dir.
import type Database from 'better-sqlite3';
import { createAuditLog, type AuditLog } from '../audit';
import { loadMasterKey, type MasterKey } from '../custody';
import { checkMasterKeyOpensSecrets, createCredentialStore, holdsSealedSecrets, type CredentialStore } from './credentials';
import { openDatabase } from './database';
import { reportDroppedKeys } from './dropped-keys';
import { createGrantRepo, type GrantRepo } from './grants';
import { createGroupRepo, type GroupRepo } from './groups';
import { createHostKeyRepo, createHostRepo, type HostKeyRepo, type HostRepo } from './hosts';
import { createUserRepo, type UserRepo } from './users';

export interface Store {
  db: Database.Database;
  users: UserRepo;
  hosts: HostRepo;
  hostKeys: HostKeyRepo;
  grants: GrantRepo;
  groups: GroupRepo;
  credentials: CredentialStore;
  audit: AuditLog;
  /** Seals secrets at rest (credentials, TOTP secrets). Never logged. */
  masterKey: MasterKey;
  close(): void;
}

export interface StoreOptions {
  /** Where PORTCULLIS_MASTER_KEY is looked up; default process.env. */
  env?: Record<string, string | undefined>;
  /** Where the master key file is; default DATA/master.key. */
  masterKeyFile?: string;
}

export function openStore(dataDir: string, options: StoreOptions = {}): Store {
  const db = openDatabase(dataDir);
  try {
    const masterKey = loadMasterKey(dataDir, options.env, !holdsSealedSecrets(db), options.masterKeyFile);
    checkMasterKeyOpensSecrets(db, masterKey);
    const audit = createAuditLog(db);
    reportDroppedKeys(db, audit);
    return {
      db,
      users: createUserRepo(db, masterKey),
      hosts: createHostRepo(db),
      hostKeys: createHostKeyRepo(db),
      grants: createGrantRepo(db),
      groups: createGroupRepo(db),
      credentials: createCredentialStore(db, masterKey),
      audit,
      masterKey,
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

export type { Credential, CredentialStore } from './credentials';
export type { GrantRecord, GrantView } from './grants';
export type { GroupRecord } from './groups';
export type { HostChanges, HostRecord, InventoryHost } from './hosts';
export type { Role, UserRecord, UserKeyRecord } from './users';
