// The rules area: a thin shell over its parts (login rules, command rules; another kind is one
// line in PARTS). Each part brings its actions, their handlers, its dialogs and its words, which
// live under the part's key in the "rules" namespace (`rules:login.…`, `rules:command.…`).
import type { ActionId } from '../model/actions';
import type { Language } from '../model/locale';
import type { Area, Catalog, ShellContext } from '../registry';
import { commandRulesPart } from './command';
import { loginRulesPart } from './login';
import type { RulesPart } from './part';

const PARTS: readonly RulesPart[] = [loginRulesPart, commandRulesPart];

/** The namespace's catalog in `language`: each part's words under its key, loaded together. */
const catalogOf = (language: Language) => async (): Promise<{ default: Catalog }> => ({
  default: Object.fromEntries(await Promise.all(PARTS.map(async (p) => [p.key, (await p.catalogs[language]()).default] as const))),
});

function RulesOverlay({ ctx }: { ctx: ShellContext }) {
  return (
    <>
      {PARTS.map(({ key, Overlay }) => (
        <Overlay key={key} ctx={ctx} />
      ))}
    </>
  );
}

export const rulesArea: Area = {
  name: 'rules',
  catalogs: { en: catalogOf('en'), 'zh-CN': catalogOf('zh-CN') },
  actions: PARTS.flatMap((p) => p.actions),
  handlers: (ctx) => Object.assign({}, ...PARTS.map((p) => p.handlers(ctx))) as Record<ActionId, () => void>,
  panels: { overlay: RulesOverlay },
  preload: () => Promise.all(PARTS.map((p) => p.preload?.())),
};
