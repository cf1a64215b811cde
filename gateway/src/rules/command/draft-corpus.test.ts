// A draft rule tried on the bypass corpus before it is saved (rules.command.corpus).
import { describe, expect, it } from 'vitest';
import { bypassCorpus, parseCorpus, tryOnCorpus } from './corpus';
import type { PatternError } from './bounded-regex';

const corpus = bypassCorpus();

describe('a draft rule against the bypass corpus', () => {
  it('judges `rm -rf` on the bypass lines that hide an `rm -rf`, and catches them all', () => {
    const result = tryOnCorpus({ pattern: 'rm -rf', regex: false }, corpus);
    expect(result.mustMatch.total).toBeGreaterThan(10);
    expect(result.mustMatch).toMatchObject({ caught: result.mustMatch.total, missed: [] });
    // `sudo rm x` hides an `rm` that `rm -rf` does not match alone: not counted against it.
    const lines = corpus.filter((r) => r.match && r.command.join(' ') === 'rm x').map((r) => r.line);
    expect(lines.length).toBeGreaterThan(0);
    expect(result.lookAlikes).toEqual({ total: corpus.filter((r) => !r.match).length, hit: [] });
  });

  it('reports the look-alikes a sloppy regex hits on another program', () => {
    const { lookAlikes, mustMatch } = tryOnCorpus({ pattern: 'rm.*', regex: true }, corpus);
    expect(mustMatch.caught).toBe(mustMatch.total);
    const lines = lookAlikes.hit.map((h) => h.line);
    expect(lines).toEqual(expect.arrayContaining(['rmdir x', 'rm.sh', './rm.sh']));
    expect(new Set(lines).size).toBe(lines.length);
    expect(lookAlikes.hit.find((h) => h.line === 'rmdir x')?.command).toEqual(['rmdir', 'x']);
    // `rm -r x` is a look-alike for `rm -rf`, but `rm.*` is written for rm: not a wrong hit.
    expect(lines).not.toContain('rm -r x');
  });

  it('a literal counts its own program: `git` hitting `git rm x` is no wrong hit', () => {
    expect(tryOnCorpus({ pattern: 'git', regex: false }, corpus)).toEqual({ mustMatch: { total: 0, caught: 0, missed: [] }, lookAlikes: expect.objectContaining({ hit: [] }) });
  });

  it('lists the must-match lines a draft misses', () => {
    // A draft narrower than the rows' commands concerns none of them; a wider one misses what it cannot read.
    const rows = parseCorpus('match\tlit:rm\tsudo rm -rf /\nmatch\tlit:rm\trm -rf /\nno\tlit:rm\techo rm\n').map((r) => ({ ...r, command: ['rm', '-rf', '/'] }));
    const result = tryOnCorpus({ pattern: 'sudo rm -rf /', regex: false }, rows);
    expect(result.mustMatch).toEqual({ total: 0, caught: 0, missed: [] });
    const wide = tryOnCorpus({ pattern: 'rm', regex: false }, [...rows, { match: true, pattern: 'rm', regex: false, line: 'echo rm', command: ['rm', '-rf', '/'] }]);
    expect(wide.mustMatch).toEqual({ total: 3, caught: 2, missed: ['echo rm'] });
  });

  it('a refused pattern throws its code', () => {
    expect(() => tryOnCorpus({ pattern: '(a+)+$', regex: true }, corpus)).toThrow(expect.objectContaining({ code: 'nested_repetition' }) as PatternError);
    expect(() => tryOnCorpus({ pattern: 'ls; rm', regex: false }, corpus)).toThrow(expect.objectContaining({ code: 'not_one_command' }) as PatternError);
  });
});

describe('rules.command.corpus', () => {
  it('answers the corpus result, or the refusal code of a bad pattern', async () => {
    const { commandRulesApi } = await import('./api');
    const api = commandRulesApi({ store: undefined as never } as never);
    const ctx = { user: { name: 'root-admin' } } as never;
    expect(await api['rules.command.corpus']({ pattern: 'rm -rf', regex: false }, ctx)).toMatchObject({ mustMatch: { missed: [] }, lookAlikes: { hit: [] } });
    expect(await api['rules.command.corpus']({ pattern: '(x+x+)+y', regex: true }, ctx)).toEqual({ refused: { code: 'nested_repetition', detail: expect.stringContaining('catastrophic') } });
    expect(await api['rules.command.corpus']({ pattern: 'a(b', regex: true }, ctx)).toMatchObject({ refused: { code: 'invalid_regex' } });
  });
});
