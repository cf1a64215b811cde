// The inventory area: "Import inventory…" for admins (the gateway checks the role; the dialog says
// when it refuses), from CSV, XLSX, Ansible or ~/.ssh/config. docs/GATEWAY.md, "Importing an inventory".
import type { ActionContext, ActionDef } from '../model/actions';
import type { Area, ShellContext } from '../registry';
import { ImportDialog, preloadInventoryViews } from './lazy';

const IMPORT_MODAL = 'inventory.import';

const ACTIONS: readonly ActionDef[] = [{ id: 'inventory.import', title: 'inventory:actions.import', group: 'Gateway', when: (ctx: ActionContext) => ctx.gateway === 'connected' }];

function InventoryOverlay({ ctx }: { ctx: ShellContext }) {
  if (ctx.modal !== IMPORT_MODAL) return null;
  return <ImportDialog api={ctx.api} onClose={ctx.closeModal} onApplied={ctx.hosts.refresh} />;
}

export const inventoryArea: Area = {
  name: 'inventory',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  actions: ACTIONS,
  handlers: (ctx) => ({ 'inventory.import': () => ctx.openModal(IMPORT_MODAL) }),
  panels: { overlay: InventoryOverlay },
  preload: preloadInventoryViews,
};
