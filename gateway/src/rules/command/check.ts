// Checks one line against the command rules that apply to a host: the first rule (in id order)
// one of the line's commands matches decides; `reject` beats `confirm` when both match. A line
// that cannot be read whole (too deeply nested) is rejected when any rule applies: it could hide
// anything.
import { parseCommandLine } from './parse';
import { compilePattern, type CompiledPattern, type PatternSpec } from './pattern';

export type CommandAction = 'reject' | 'confirm';

export interface CommandRule extends PatternSpec {
  id: number;
  action: CommandAction;
}

export interface RuleHit {
  rule: CommandRule;
  /** The command (its words) that matched; empty when the line could not be read whole. */
  command: string[];
  why: 'matched' | 'regex_timeout' | 'unreadable';
}

export interface LineCheck {
  /** What the parser read: every command the line runs. */
  commands: string[][];
  /** The deciding rule, if any. */
  hit?: RuleHit;
}

export interface RuleSet {
  readonly rules: readonly CommandRule[];
  check(line: string): LineCheck;
}

export function compileRules(rules: readonly CommandRule[]): RuleSet {
  const compiled: Array<{ rule: CommandRule; pattern: CompiledPattern }> = rules.map((rule) => ({ rule, pattern: compilePattern(rule) }));
  const byAction = (action: CommandAction) => compiled.filter((c) => c.rule.action === action);
  const ordered = [...byAction('reject'), ...byAction('confirm')];
  return {
    rules,
    check(line) {
      const parsed = parseCommandLine(line);
      if (ordered.length === 0) return { commands: parsed.commands };
      if (parsed.incomplete) return { commands: parsed.commands, hit: { rule: ordered[0]!.rule, command: [], why: 'unreadable' } };
      for (const { rule, pattern } of ordered) {
        for (const command of parsed.commands) {
          const result = pattern.test(command);
          if (result) return { commands: parsed.commands, hit: { rule, command, why: result === 'timeout' ? 'regex_timeout' : 'matched' } };
        }
      }
      return { commands: parsed.commands };
    },
  };
}
