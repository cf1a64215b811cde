import { describe, expect, it } from 'vitest';
import { COMMAND_RULE_LIMITS, type CommandRuleView } from '../../../shared/contract/gateway-api/command-rules';
import { commandText, missingFields, testedRules, testHit } from './command-rules';

const rule = (id: number, pattern: string): CommandRuleView => ({ id, hosts: 'web-01', pattern, regex: false, action: 'reject', createdBy: 'ada', createdAt: 0 });

describe('command rules screen', () => {
  it('reads words back as a shell line', () => {
    expect(commandText(['rm', '-rf', '/tmp/x'])).toBe('rm -rf /tmp/x');
    expect(commandText(['echo', 'a b', "it's", ''])).toBe(`echo 'a b' 'it'\\''s' ''`);
  });

  it('asks the tester about the rules shown, so its index names a row', () => {
    const rules = [rule(7, 'init'), rule(9, 'rm -rf')];
    expect(testedRules(rules, COMMAND_RULE_LIMITS.testedRules)).toEqual([
      { hosts: 'web-01', pattern: 'init', regex: false, action: 'reject' },
      { hosts: 'web-01', pattern: 'rm -rf', regex: false, action: 'reject' },
    ]);
    expect(testHit({ rule: 1, command: ['rm', '-rf', '/'], why: 'matched' }, rules)).toEqual({ rule: rules[1], command: 'rm -rf /', why: 'matched' });
    expect(testHit(undefined, rules)).toBeNull();
    expect(testHit({ rule: 5, command: [], why: 'unreadable' }, rules)).toBeNull();
  });

  it('beyond the gateway limit, the stored rules are tested instead', () => {
    expect(testedRules(Array.from({ length: 201 }, (_, i) => rule(i + 1, 'rm')), COMMAND_RULE_LIMITS.testedRules)).toBeUndefined();
  });

  it('says which fields the draft still needs', () => {
    expect(missingFields({ hosts: ' ', pattern: 'rm', regex: false, action: 'reject' })).toEqual(['hosts']);
    expect(missingFields({ hosts: 'web-01', pattern: 'rm', regex: true, action: 'confirm' })).toEqual([]);
  });
});
