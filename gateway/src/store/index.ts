// The gateway's persistent state, opened from the data dir.
import type Database from 'better-sqlite3';
import { createAuditLog, type AuditLog } from '../audit';
import { createPlaintextCredentialStore, type CredentialStore } from './credentials';
import { openDatabase } from './database';
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
  close(): void;
}

export function openStore(dataDir: string): Store {
  const db = openDatabase(dataDir);
  return {
    db,
    users: createUserRepo(db),
    hosts: createHostRepo(db),
    hostKeys: createHostKeyRepo(db),
    grants: createGrantRepo(db),
    groups: createGroupRepo(db),
    credentials: createPlaintextCredentialStore(db),
    audit: createAuditLog(db),
    close: () => db.close(),
  };
}

export type { Credential, CredentialStore } from './credentials';
export type { GrantRecord, GrantView } from './grants';
export type { GroupRecord } from './groups';
export type { HostRecord } from './hosts';
export type { Role, UserRecord, UserKeyRecord } from './users';
