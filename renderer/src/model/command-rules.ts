// The command rules screen's decisions, pure: which stored rule the tester's answer names, how a
// command's words read back, and what the rule being added still lacks.
import type { CommandRuleView, COMMAND_RULE_LIMITS } from '../../../shared/contract/gateway-api/command-rules';

export type TestHit = { rule: CommandRuleView; command: string; why: 'matched' | 'regex_timeout' | 'unreadable' };

/** Words as a shell line: a word with spaces, quotes or nothing in it is single-quoted. */
export function commandText(words: readonly string[]): string {
  return words.map((w) => (/^[^\s'"\\$`;&|<>()]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** The rules the tester is asked about: the ones shown (so its index names a row), within the gateway's limit. */
export function testedRules(rules: readonly CommandRuleView[], limit: (typeof COMMAND_RULE_LIMITS)['testedRules']): Array<Pick<CommandRuleView, 'hosts' | 'pattern' | 'regex' | 'action'>> | undefined {
  if (rules.length > limit) return undefined;
  return rules.map(({ hosts, pattern, regex, action }) => ({ hosts, pattern, regex, action }));
}

/** The row the tester's hit names (an index into the rules it was given), or null when none matched. */
export function testHit(hit: { rule: number; command: string[]; why: TestHit['why'] } | undefined, rules: readonly CommandRuleView[]): TestHit | null {
  const rule = hit && rules[hit.rule];
  return rule ? { rule, command: commandText(hit.command), why: hit.why } : null;
}

export interface RuleDraft {
  hosts: string;
  pattern: string;
  regex: boolean;
  action: 'reject' | 'confirm';
}

/** The fields the draft still needs before it can be sent. */
export function missingFields(draft: RuleDraft): Array<'hosts' | 'pattern'> {
  return (['hosts', 'pattern'] as const).filter((field) => draft[field].trim() === '');
}
