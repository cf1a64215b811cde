// The command rules area (admins): the rules, adding one with the rule tester and the bypass
// corpus, removing one. docs/GATEWAY.md, "Command rules".
import type { Area, ShellContext } from '../../registry';
import { COMMAND_RULES_ACTIONS } from './actions';
import { CommandRulesDialog, preloadCommandRulesViews } from './lazy';

const MODAL = 'commandRules.rules';

function CommandRulesOverlay({ ctx }: { ctx: ShellContext }) {
  if (ctx.modal !== MODAL) return null;
  return <CommandRulesDialog key={ctx.gateway.state?.profileId} api={ctx.api} onClose={ctx.closeModal} />;
}

export const commandRulesArea: Area = {
  name: 'commandRules',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  actions: COMMAND_RULES_ACTIONS,
  handlers: (ctx) => ({ 'commandRules.open': () => ctx.openModal(MODAL) }),
  panels: { overlay: CommandRulesOverlay },
  preload: () => preloadCommandRulesViews(),
};
