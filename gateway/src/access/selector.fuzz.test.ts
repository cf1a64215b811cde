// Property-based tests (fast-check, fixed seeds) for host selectors: parsing never throws anything
// but SelectorError, the canonical form parses back to the same selector, and the SQL form
// (selector-sql.ts) picks exactly the hosts selectorMatches picks, on a real inventory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../admin';
import { openStore, type Store } from '../store';
import { formatSelector, parseSelector, selectorMatches, SelectorError, type SelectableHost } from './selector';
import { selectorQuery } from './selector-sql';

const SEED = 20_260_101;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

/** Pieces of selector syntax and of the inventory below, so random text often comes close to valid. */
const NAMES = ['web-01', 'web-02', 'db-1', 'api.x', 'web_01', 'W'];
const SEGMENTS = ['pay', 'payroll', 'web', 'p a', 'x%2F', 'é', '0', 'Pay'];
const TAG_KEYS = ['env', 'role', 'team.name', 'a-b'];
const TAG_VALUES = ['prod', 'staging', 'web', 'api', 'Pay Ops', ' x', '%'];
const TOKENS = ['*', 'node:', ',', '|', '=', '/', ' ', '\t', '\u0000', '\u{1F600}', ...NAMES, ...SEGMENTS, ...TAG_KEYS, ...TAG_VALUES];
const selectorish = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((parts) => parts.join('')),
);

const tryParse = (text: string) => {
  try {
    return parseSelector(text);
  } catch (error) {
    if (error instanceof SelectorError) return undefined;
    throw error;
  }
};

describe('host selector properties', () => {
  it('parse throws nothing but SelectorError, with a message naming the input', () => {
    fc.assert(
      fc.property(selectorish, (text) => {
        try {
          parseSelector(text);
        } catch (error) {
          expect(error).toBeInstanceOf(SelectorError);
          expect((error as Error).message).toContain('invalid host selector');
        }
      }),
      runs(5000),
    );
    expect(() => parseSelector('x'.repeat(100_000))).toThrow(SelectorError);
  });

  it('the canonical form parses back to the same selector', () => {
    fc.assert(
      fc.property(selectorish, (text) => {
        const parsed = tryParse(text);
        if (parsed) expect(parseSelector(formatSelector(parsed))).toEqual(parsed);
      }),
      runs(5000),
    );
  });

  describe('the SQL form agrees with selectorMatches', () => {
    let dir: string;
    let store: Store;
    const hosts: Array<SelectableHost & { id: number }> = [];
    const hostArb = fc.record({
      nodes: fc.array(fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 }), { maxLength: 3 }),
      tags: fc.dictionary(fc.constantFrom(...TAG_KEYS), fc.constantFrom(...TAG_VALUES), { maxKeys: 3 }),
    });

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'gw-selector-fuzz-'));
      store = openStore(dir, { env: {} });
      const admin = createAdmin(store);
      const inventory = fc.sample(hostArb, { seed: SEED, numRuns: 40 });
      inventory.forEach((h, i) => {
        const name = i < NAMES.length ? NAMES[i]! : `host-${i}`;
        const added = admin.addHost({ name, address: `10.0.0.${i + 1}:22`, ...h });
        hosts.push({ id: added.id, name, nodes: added.nodes, tags: added.tags });
      });
    });
    afterAll(() => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('for every selector that parses', () => {
      fc.assert(
        fc.property(selectorish, (text) => {
          const selector = tryParse(text);
          if (!selector) return;
          const { sql, params } = selectorQuery(selector);
          const fromSql = (store.db.prepare(sql).all(...params) as Array<{ host_id: number }>).map((r) => r.host_id).sort((a, b) => a - b);
          const fromJs = hosts.filter((h) => selectorMatches(selector, h)).map((h) => h.id);
          expect(fromSql, formatSelector(selector)).toEqual(fromJs);
        }),
        runs(3000),
      );
    });
  });
});
