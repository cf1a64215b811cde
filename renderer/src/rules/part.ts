// What a part of the rules area brings (login rules, command rules): its actions and their
// handlers, its dialogs, its words (under `key` in the "rules" namespace) and its lazy chunk.
import type { ComponentType } from 'react';
import type { ActionDef, ActionId } from '../model/actions';
import type { CatalogLoaders, ShellContext } from '../registry';

export interface RulesPart {
  key: string;
  actions: readonly ActionDef[];
  handlers: (ctx: ShellContext) => Record<ActionId, () => void>;
  Overlay: ComponentType<{ ctx: ShellContext }>;
  catalogs: CatalogLoaders;
  preload?: () => Promise<unknown>;
}
