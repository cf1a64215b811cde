// Adding, listing and removing command rules: validated (selector grammar, a pattern that compiles
// within the regex limits) and audited (`command_rule.added`, `command_rule.removed`).
import { why, ReasonedError, type Why } from '../../../../shared/contract/error-reasons';
import { formatSelector, parseSelector, SelectorError } from '../../access';
import type { Store } from '../../store';
import type { CommandAction } from './check';
import { compilePattern } from './pattern';
import { PatternError } from './bounded-regex';
import { createCommandRuleRepo, type StoredCommandRule } from './repo';

export class CommandRuleError extends ReasonedError {
  constructor(message: string, reason?: Why) {
    super(message, reason);
    this.name = 'CommandRuleError';
  }
}

export interface NewCommandRule {
  hosts: string;
  pattern: string;
  regex?: boolean;
  action: CommandAction;
}

export function createCommandRuleAdmin(store: Store, actor: string) {
  const repo = createCommandRuleRepo(store.db);
  return {
    list: () => repo.list(),
    add(input: NewCommandRule): StoredCommandRule {
      if (input.action !== 'reject' && input.action !== 'confirm') throw new CommandRuleError(`invalid action "${String(input.action)}": reject or confirm`);
      let hosts: string;
      try {
        hosts = formatSelector(parseSelector(input.hosts));
        compilePattern({ pattern: input.pattern, regex: !!input.regex });
      } catch (error) {
        if (error instanceof SelectorError || error instanceof PatternError) throw new CommandRuleError(error.message, error instanceof SelectorError ? error.why : undefined);
        throw error;
      }
      return store.db.transaction(() => {
        const rule = repo.add({ hosts, pattern: input.pattern, regex: !!input.regex, action: input.action, createdBy: actor, createdAt: Date.now() });
        store.audit.record({ type: 'command_rule.added', actor, data: { id: rule.id, hosts, pattern: rule.pattern, regex: rule.regex, action: rule.action } });
        return rule;
      })();
    },
    remove(id: number): StoredCommandRule {
      return store.db.transaction(() => {
        const rule = repo.get(id);
        if (!rule || !repo.remove(id)) throw new CommandRuleError(`no command rule ${id}`, why('command_rule.not_found', { id }));
        store.audit.record({ type: 'command_rule.removed', actor, data: { id, hosts: rule.hosts, pattern: rule.pattern, regex: rule.regex, action: rule.action } });
        return rule;
      })();
    },
  };
}

export type CommandRuleAdmin = ReturnType<typeof createCommandRuleAdmin>;
