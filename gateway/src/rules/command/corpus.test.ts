// The bypass corpus (bypass-corpus.tsv): each row is one rule and one line, and whether the rule
// must match it. Bypass attempts (separators, substitutions, wrappers, quoting, paths, nested
// shells) must match; look-alikes (arguments, other programs, quoted text, comments) must not.
import { describe, expect, it } from 'vitest';
import { compileRules } from '.';
import { bypassCorpus } from './corpus';

const corpus = bypassCorpus();

describe('command rules: the bypass corpus', () => {
  it('holds at least 200 cases, both kinds', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(corpus.filter((r) => r.match).length).toBeGreaterThan(100);
    expect(corpus.filter((r) => !r.match).length).toBeGreaterThan(90);
  });

  it.each(corpus.map((r) => [r.match ? 'matches' : 'does not match', r.regex ? `/${r.pattern}/` : r.pattern, JSON.stringify(r.line), r] as const))('%s %s on %s', (_a, _b, _c, row) => {
    const rules = compileRules([{ id: 1, pattern: row.pattern, regex: row.regex, action: 'reject' }]);
    const { hit, commands } = rules.check(row.line);
    expect(hit !== undefined, `parsed as ${JSON.stringify(commands)}`).toBe(row.match);
  });
});
