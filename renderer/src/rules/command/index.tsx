// The command rules part of the rules area (admins): the rules, adding one with the rule tester
// and the bypass corpus, removing one. Its words are under `rules:command.…`. docs/GATEWAY.md,
// "Command rules".
import type { ShellContext } from '../../registry';
import type { RulesPart } from '../part';
import { COMMAND_RULES_ACTIONS } from './actions';
import { CommandRulesDialog, preloadCommandRulesViews } from './lazy';

const MODAL = 'commandRules.rules';

function CommandRulesOverlay({ ctx }: { ctx: ShellContext }) {
  if (ctx.modal !== MODAL) return null;
  return <CommandRulesDialog key={ctx.gateway.state?.profileId} api={ctx.api} onClose={ctx.closeModal} />;
}

export const commandRulesPart: RulesPart = {
  key: 'command',
  actions: COMMAND_RULES_ACTIONS,
  handlers: (ctx) => ({ 'commandRules.open': () => ctx.openModal(MODAL) }),
  Overlay: CommandRulesOverlay,
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  preload: preloadCommandRulesViews,
};
