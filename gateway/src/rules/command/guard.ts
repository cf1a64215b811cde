// The command rules as sessions apply them: which rules cover a host (their selectors, read from
// the database on each check so a rule added by the CLI applies to the next line), the check of
// one line, the words the user reads, and the audit of every decision.
import { parseSelector, selectorMatches } from '../../access';
import type { SelectableHost } from '../../access/selector';
import type { Store } from '../../store';
import { compileRules, type RuleHit, type RuleSet } from './check';
import { createCommandRuleRepo, type StoredCommandRule } from './repo';

/** Where the line came from: typed into a shell, an exec's command, a batch job's command or script. */
export type CommandSource = 'shell' | 'exec';

export interface CheckedLine {
  user: string;
  host: string;
  login: string;
  session: string;
  source: CommandSource;
  line: string;
}

export type GuardVerdict = { action: 'pass' } | { action: 'reject' | 'confirm'; hit: RuleHit };

/** What the audit keeps of a line: enough to read, bounded. */
const AUDITED_LINE_CHARS = 2000;

export type CommandDecision = 'command.rejected' | 'command.confirmed' | 'command.refused' | 'command.refused_timeout';

export interface CommandGuard {
  /** Whether any rule covers this host (no rule: nothing to check, the input is not gated). */
  covers(host: SelectableHost): boolean;
  check(host: SelectableHost, line: string): GuardVerdict;
  audit(decision: CommandDecision, checked: CheckedLine, hit: RuleHit): void;
}

const describeRule = (rule: RuleHit['rule']) => `${rule.regex ? `/${rule.pattern}/` : JSON.stringify(rule.pattern)} (rule ${rule.id})`;

/** The reason a line was stopped, in the user's terminal or on an exec's stderr. */
export function hitText(hit: RuleHit): string {
  if (hit.why === 'unreadable') return `the line is nested too deeply to check against ${describeRule(hit.rule)}`;
  const command = hit.command.join(' ').slice(0, 200);
  return `${JSON.stringify(command)} matches ${describeRule(hit.rule)}${hit.why === 'regex_timeout' ? ' (the pattern ran out of time, which counts as a match)' : ''}`;
}

export function createCommandGuard(store: Store): CommandGuard {
  const repo = createCommandRuleRepo(store.db);
  const compiled = new Map<string, RuleSet>();
  const rulesFor = (host: SelectableHost): StoredCommandRule[] =>
    repo.list().filter((rule) => {
      try {
        return selectorMatches(parseSelector(rule.hosts), host);
      } catch {
        return true; // a stored selector that no longer parses covers every host: deny-biased
      }
    });
  const ruleSet = (rules: StoredCommandRule[]): RuleSet => {
    const key = JSON.stringify(rules.map((r) => [r.id, r.pattern, r.regex, r.action]));
    let set = compiled.get(key);
    if (!set) {
      if (compiled.size >= 64) compiled.clear();
      set = compileRules(rules);
      compiled.set(key, set);
    }
    return set;
  };
  return {
    covers: (host) => rulesFor(host).length > 0,
    check(host, line) {
      const rules = rulesFor(host);
      if (rules.length === 0) return { action: 'pass' };
      const { hit } = ruleSet(rules).check(line);
      return hit ? { action: hit.rule.action, hit } : { action: 'pass' };
    },
    audit(decision, checked, hit) {
      const { rule } = hit;
      store.audit.record({
        type: decision,
        actor: checked.user,
        data: {
          session: checked.session,
          host: checked.host,
          login: checked.login,
          source: checked.source,
          line: checked.line.slice(0, AUDITED_LINE_CHARS),
          rule: { id: rule.id, pattern: rule.pattern, regex: rule.regex, action: rule.action },
          command: hit.command.join(' ').slice(0, AUDITED_LINE_CHARS),
          why: hit.why,
        },
      });
    },
  };
}
