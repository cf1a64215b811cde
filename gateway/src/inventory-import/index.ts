export { importInventory, ImportError, type ImportOptions, type ImportReport } from './import';
export { INVENTORY_FORMATS, type InventoryFormat } from './types';
export { editHost, type HostEdit } from './edit-host';
export { removeHost } from './remove-host';
