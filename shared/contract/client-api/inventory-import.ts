// Client API section "inventory": importing an inventory file (docs/GATEWAY.md, "Importing an
// inventory"), passed through by the main side with the gateway's params and results. The renderer
// sends the file in chunks itself; the gateway checks the role (admin) and every bound.
import { inventoryImportMethods } from '../gateway-api/inventory-import';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

type Methods = typeof inventoryImportMethods;
const pass = <K extends keyof Methods>(name: K): { params: Methods[K]['params']; result: Methods[K]['result'] } => ({
  params: inventoryImportMethods[name].params,
  result: inventoryImportMethods[name].result,
});

export const inventoryImportClientMethods = {
  'inventory.upload': pass('inventory.upload'),
  'inventory.preview': pass('inventory.preview'),
  'inventory.apply': pass('inventory.apply'),
  'inventory.template': pass('inventory.template'),
} satisfies MethodTable;

export const inventoryImportClientSection = { methods: inventoryImportClientMethods, events: {} satisfies EventTable } satisfies ApiSection;
export type InventoryImportClientMethods = typeof inventoryImportClientMethods;
