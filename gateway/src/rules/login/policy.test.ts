import { describe, expect, it } from 'vitest';
import { parseCidr } from './cidr';
import { decideLogin, type LoginRulePolicy } from './policy';
import { parseDays, parseHours } from './window';

const rule = (id: number, cidrs: string[], days = 'mon-sun', hours: string | null = null): LoginRulePolicy => ({
  id,
  cidrs: cidrs.map(parseCidr),
  window: { days: parseDays(days), hours: hours === null ? null : parseHours(hours), timeZone: 'UTC' },
});
const monday10 = Date.parse('2024-01-15T10:00:00Z');

describe('login rule decision', () => {
  it('allows a user without rules from anywhere, for good', () => {
    expect(decideLogin([], '203.0.113.9', monday10)).toEqual({ allowed: true, until: null });
  });

  it('allows when any one rule matches both source and time', () => {
    const rules = [rule(1, ['10.0.0.0/8'], 'mon-fri', '08:00-12:00'), rule(2, ['127.0.0.1'], 'sat-sun')];
    expect(decideLogin(rules, '10.1.1.1', monday10)).toEqual({ allowed: true, until: Date.parse('2024-01-15T12:00:00Z') });
    // 127.0.0.1 matches rule 2's source but not its days; rule 1's days but not its source.
    expect(decideLogin(rules, '127.0.0.1', monday10)).toEqual({ allowed: false, cause: 'outside_window', rule: 2, rules: [1, 2], opensAt: Date.parse('2024-01-20T00:00:00Z') });
    expect(decideLogin(rules, '::ffff:127.0.0.1', Date.parse('2024-01-13T10:00:00Z'))).toEqual({ allowed: true, until: Date.parse('2024-01-15T00:00:00Z') });
  });

  it('names the cause: no rule takes the source, or none is open now', () => {
    expect(decideLogin([rule(4, ['10.0.0.0/8'])], '192.0.2.1', monday10)).toEqual({ allowed: false, cause: 'source_not_allowed', rule: 4, rules: [4] });
    expect(decideLogin([rule(5, [], 'mon', '11:00-12:00')], '192.0.2.1', monday10)).toMatchObject({ allowed: false, cause: 'outside_window', rule: 5 });
  });

  it('tells when a window of the rules that take the source opens next (not one of another source)', () => {
    const rules = [rule(5, [], 'mon', '11:00-12:00'), rule(6, ['10.0.0.0/8'], 'mon', '10:30-11:00'), rule(7, [], 'tue', '09:00-10:00')];
    expect(decideLogin(rules, '192.0.2.1', monday10)).toMatchObject({ cause: 'outside_window', opensAt: Date.parse('2024-01-15T11:00:00Z') });
    expect(decideLogin([rule(8, ['10.0.0.0/8'])], '192.0.2.1', monday10)).not.toHaveProperty('opensAt');
  });
});
