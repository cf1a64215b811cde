import { describe, expect, it } from 'vitest';
import { compilePattern, compileRules, parseCommandLine, PARSE_LIMITS, PatternError, REGEX_LIMITS } from '.';
import { boundedTest, regexShapeProblem } from './bounded-regex';

describe('regex patterns: catastrophic ones refused or bounded', () => {
  it.each(['(a+)+$', '(a*)*b', '(a|a)*', '(a|aa)+$', '(.*a){20}', '(x+x+)+y', '([a-z]+)*$', '(?:\\w+\\s?)+$'])('refuses %s at creation', (source) => {
    expect(() => compilePattern({ pattern: source, regex: true })).toThrow(PatternError);
  });

  it('refuses backreferences, lookarounds, invalid syntax and over-long patterns with a reason', () => {
    expect(() => compilePattern({ pattern: '(a)\\1', regex: true })).toThrow(/backreferences/);
    expect(() => compilePattern({ pattern: 'rm(?= )', regex: true })).toThrow(/lookarounds/);
    expect(() => compilePattern({ pattern: 'rm(', regex: true })).toThrow(/not a valid regular expression/);
    expect(() => compilePattern({ pattern: 'a'.repeat(REGEX_LIMITS.maxPatternChars + 1), regex: true })).toThrow(/longer than/);
    expect(() => compilePattern({ pattern: '  ', regex: false })).toThrow(/empty/);
    expect(() => compilePattern({ pattern: 'ls; rm', regex: false })).toThrow(/one command/);
  });

  it('allows ordinary shapes: optional groups, alternatives not repeated, classes', () => {
    for (const source of ['rm( .*)? -[a-z]*r[a-z]*', '(rm|shred)', 'kill( -9| -KILL)? 1', 'dd .*of=/dev/[^ ]+', '[a-z(|)]+']) expect(regexShapeProblem(source)).toBeUndefined();
  });

  it('a polynomial regex the shape check lets through is stopped by the time limit, and counts as a match', () => {
    const re = /^(?:.*.*.*.*.*.*=)/u;
    const started = performance.now();
    expect(boundedTest(re, 'x'.repeat(REGEX_LIMITS.maxSubjectChars))).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(5000); // bounded, not minutes
  });
});

describe('the parser', () => {
  it('reads a line nested deeper than its limit as incomplete, which any rule rejects', () => {
    let line = 'ls';
    for (let i = 0; i <= PARSE_LIMITS.maxDepth + 1; i++) line = `echo $(${line})`;
    expect(parseCommandLine(line).incomplete).toBe(true);
    const rules = compileRules([{ id: 7, pattern: 'shutdown', regex: false, action: 'confirm' }]);
    expect(rules.check(line).hit).toMatchObject({ why: 'unreadable', rule: { id: 7 } });
    expect(rules.check('echo $(ls)').hit).toBeUndefined();
  });

  it('a reject rule decides before a confirm rule on the same line', () => {
    const rules = compileRules([
      { id: 1, pattern: 'systemctl', regex: false, action: 'confirm' },
      { id: 2, pattern: 'rm', regex: false, action: 'reject' },
    ]);
    expect(rules.check('systemctl restart x; rm y').hit).toMatchObject({ rule: { id: 2 }, command: ['rm', 'y'] });
    expect(rules.check('systemctl restart x').hit).toMatchObject({ rule: { id: 1 }, why: 'matched' });
  });
});

describe('the rule tester (rules.command.test)', () => {
  it('answers the parsed commands and which rule decides, for rules being edited', async () => {
    const { commandRulesApi } = await import('./api');
    const api = commandRulesApi({ store: undefined as never } as never);
    const ctx = { user: { name: 'root-admin' } } as never;
    const rules = [
      { hosts: '*', pattern: 'init', regex: false, action: 'reject' as const },
      { hosts: '*', pattern: 'rm', regex: false, action: 'confirm' as const },
    ];
    expect(await api['rules.command.test']({ line: 'vim init.py; sudo /bin/rm -f x', rules }, ctx)).toEqual({
      commands: [['vim', 'init.py'], ['sudo', '/bin/rm', '-f', 'x'], ['rm', '-f', 'x']],
      hit: { rule: 1, command: ['rm', '-f', 'x'], why: 'matched' },
    });
    await expect(async () => api['rules.command.test']({ line: 'ls', rules: [{ ...rules[0]!, pattern: '(a+)+', regex: true }] }, ctx)).rejects.toMatchObject({ code: 'bad_request' });
  });
});
