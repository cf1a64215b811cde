// The bypass corpus (bypass-corpus.tsv): each row is one rule and one line, and whether the rule
// must match it. Bypass attempts (separators, substitutions, wrappers, quoting, paths, nested
// shells) must match; look-alikes (arguments, other programs, quoted text, comments) must not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules } from '.';

interface Row {
  match: boolean;
  pattern: string;
  regex: boolean;
  line: string;
}

function readCorpus(): Row[] {
  const text = readFileSync(join(import.meta.dirname, 'bypass-corpus.tsv'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [expect, rule, ...line] = l.split('\t');
      if ((expect !== 'match' && expect !== 'no') || !rule || !/^(lit|re):/.test(rule)) throw new Error(`bad corpus row: ${l}`);
      return { match: expect === 'match', regex: rule.startsWith('re:'), pattern: rule.slice(rule.indexOf(':') + 1), line: line.join('\t').replaceAll('⏎', '\n') };
    });
}

const corpus = readCorpus();

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
