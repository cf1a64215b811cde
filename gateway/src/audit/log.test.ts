import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../store/migrations';
import { createAuditLog, type AuditLog } from './log';

describe('audit log', () => {
  let db: Database.Database;
  let log: AuditLog;
  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
    let t = 1_700_000_000_000;
    log = createAuditLog(db, () => t++);
    log.record({ type: 'login.success', actor: 'alice', data: { source: '127.0.0.1', key: 'SHA256:abc' } });
    log.record({ type: 'session.start', actor: 'alice', data: { host: 'web-01', login: 'root', session: 's1' } });
    log.record({ type: 'grant.added', actor: 'admin:cli', data: { user: 'bob', hosts: 'env=prod', login: 'root' } });
    log.record({ type: 'session.end', actor: 'alice', data: { session: 's1', exitCode: 0 } });
  });

  it('chains every row to the one before and verifies', () => {
    const rows = log.list();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    const result = log.verify();
    expect(result).toEqual({ ok: true, entries: 4, head: rows[3]!.hash });
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 4').run()).toThrow(/append-only/);
  });

  describe('when someone goes around the triggers', () => {
    beforeEach(() => db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;'));

    it('names an edited row', () => {
      db.prepare(`UPDATE audit_log SET data = '{"host":"db-01","login":"root","session":"s1"}' WHERE seq = 2`).run();
      expect(log.verify()).toMatchObject({ ok: false, seq: 2, problem: expect.stringMatching(/edited/) });
    });

    it('names the row after a deleted one', () => {
      db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
      expect(log.verify()).toMatchObject({ ok: false, seq: 3 });
    });

    it('names reordered rows', () => {
      // Swap the content of rows 2 and 3 but keep their hashes in place.
      const r2 = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, unknown>;
      const r3 = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<string, unknown>;
      const set = db.prepare('UPDATE audit_log SET at = ?, type = ?, actor = ?, data = ? WHERE seq = ?');
      set.run(r3.at, r3.type, r3.actor, r3.data, 2);
      set.run(r2.at, r2.type, r2.actor, r2.data, 3);
      expect(log.verify()).toMatchObject({ ok: false, seq: 2 });
    });

    it('names a row whose hash was recomputed but whose link was not', () => {
      const forged = log.list()[0]!;
      db.prepare("UPDATE audit_log SET hash = 'f' || substr(hash, 2) WHERE seq = 1").run();
      expect(forged.seq).toBe(1);
      expect(log.verify()).toMatchObject({ ok: false, seq: 1 });
    });
  });

  it('keeps appending after a reopen', () => {
    const again = createAuditLog(db);
    const entry = again.record({ type: 'gateway.stop', actor: 'gateway' });
    expect(entry.seq).toBe(5);
    expect(again.verify()).toMatchObject({ ok: true, entries: 5 });
  });
});
