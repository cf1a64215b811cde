// Migration: ids are never reused. A grant id names one grant forever (audit entries refer to
// grants by id), so grants get AUTOINCREMENT: SQLite otherwise hands the highest id out again
// once that row is deleted. The table is rebuilt keeping every id; the sequence starts past the
// highest id any `grant.added` audit entry ever named, so ids revoked before this step stay
// retired too. Users, hosts and groups are referenced by other tables (a rebuild would cascade
// their deletion), and are never deleted: triggers make that a rule of the schema, so no code
// path can free an id for reuse.
import { rebuildGrantsSql } from './grants';

export const IDS_NEVER_REUSED_MIGRATION_SQL = `
  ${rebuildGrantsSql('grants_v6', 'INTEGER PRIMARY KEY AUTOINCREMENT', 'group_id')}
  DELETE FROM sqlite_sequence WHERE name = 'grants';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'grants', max(
      coalesce((SELECT max(id) FROM grants), 0),
      coalesce((SELECT max(CAST(json_extract(data, '$.grant') AS INTEGER)) FROM audit_log WHERE type IN ('grant.added', 'grant.removed')), 0));
  CREATE TRIGGER users_never_deleted BEFORE DELETE ON users
    BEGIN SELECT RAISE(ABORT, 'users are never deleted (their id would be reused): disable the user instead'); END;
  CREATE TRIGGER hosts_never_deleted BEFORE DELETE ON hosts
    BEGIN SELECT RAISE(ABORT, 'hosts are never deleted (their id would be reused)'); END;
  CREATE TRIGGER groups_never_deleted BEFORE DELETE ON groups
    BEGIN SELECT RAISE(ABORT, 'groups are never deleted (their id would be reused)'); END;
`;
