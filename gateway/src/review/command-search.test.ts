// Command search over a real store: every match, newest first, across pages and filters, and a
// word search walks the full-text index from the newest match instead of sorting every match
// (the query plan has no sort step, so a common word over millions of commands stays quick).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCommands } from '../../../bench/review-commands';
import { openStore, type Store } from '../store';
import { commandSearchQuery, searchCommands, type CommandSearch } from './command-search';

const dir = mkdtempSync(join(tmpdir(), 'gw-command-search-'));
let store: Store;
beforeAll(() => {
  store = openStore(dir);
  seedCommands(store.db, 5000);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every page of a search, followed by its cursors. */
function allPages(s: CommandSearch): number[] {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = searchCommands(store.db, { ...s, limit: 37, cursor });
    ids.push(...page.commands.map((c) => c.id));
    cursor = page.next ?? undefined;
  } while (cursor);
  return ids;
}

/** The same search done the slow, obvious way: every row checked in JS. */
function reference(s: CommandSearch): number[] {
  const rows = store.db.prepare('SELECT id, user, host, session_id AS sessionId, command FROM commands ORDER BY id DESC').all() as Array<{ id: number; user: string; host: string; sessionId: string; command: string }>;
  const words = s.query.split(/\s+/).filter(Boolean);
  const tokens = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}\-_./]+/u);
  return rows
    .filter((r) => words.every((w) => tokens(r.command).some((t) => t.startsWith(w.toLowerCase()))))
    .filter((r) => (s.user === undefined || r.user === s.user) && (s.host === undefined || r.host === s.host) && (s.sessionId === undefined || r.sessionId === s.sessionId))
    .map((r) => r.id);
}

describe('review.commands.search', () => {
  const searches: CommandSearch[] = [
    { query: 'sudo' },
    { query: 'systemctl restart' },
    { query: 'kub' },
    { query: 'grep', user: 'user07' },
    { query: 'restart', host: 'web-0040' },
    { query: 'ls', sessionId: 'seed-17' },
    { query: '', sessionId: 'seed-17' },
    { query: 'no-such-word' },
  ];
  it.each(searches)('finds every match, newest first, across pages: %o', (s) => {
    expect(allPages(s)).toEqual(reference(s));
  });

  it('a word search walks the index from the newest match: no sort of every match', () => {
    for (const s of searches.filter((x) => x.query && !x.sessionId)) {
      const { sql, args } = commandSearchQuery(s);
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as Array<{ detail: string }>).map((r) => r.detail);
      expect(plan[0]).toMatch(/^SCAN commands_fts VIRTUAL TABLE/);
      expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    }
  });
});
