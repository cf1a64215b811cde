// The command log's search over a real SQLite FTS5 index: whatever a caller types is a query,
// never an SQL or FTS5 error.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS_MIGRATION_SQL } from '../store/migrations';
import { createCommandRepo, toFtsQuery, type CommandRepo } from './repo';

let db: Database.Database;
let repo: CommandRepo;

beforeEach(() => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE sessions (id TEXT PRIMARY KEY)'); // what commands.session_id refers to
  db.exec(COMMANDS_MIGRATION_SQL);
  db.prepare("INSERT INTO sessions VALUES ('s1')").run();
  repo = createCommandRepo(db);
  for (const [at, command] of [[1, 'ls -la /etc'], [2, 'systemctl status nginx'], [3, 'cat /etc/hosts']] as const) {
    repo.add({ at, user: 'alice', host: 'web-01', login: 'root', sessionId: 's1', offset: at, command });
  }
});
afterEach(() => db.close());

describe('command search', () => {
  it('treats NUL as a word separator instead of failing with an FTS5 error', () => {
    expect(toFtsQuery('cat\0/etc')).toBe('"cat"* "/etc"*');
    expect(repo.search({ query: 'cat\0/etc' }).map((c) => c.command)).toEqual(['cat /etc/hosts']);
    expect(repo.search({ query: 'sys\0' }).map((c) => c.command)).toEqual(['systemctl status nginx']);
    // Only NULs: no words, so the newest commands.
    expect(repo.search({ query: '\0\0' })).toHaveLength(3);
  });

  it('never fails on other control characters, quotes or lone surrogates', () => {
    for (const query of ['\u0001', '"', '""*', 'a"b', '\ud800', 'NEAR(a b)', '*', '-', '\u0000"\u0000']) {
      expect(() => repo.search({ query }), JSON.stringify(query)).not.toThrow();
    }
  });
});
