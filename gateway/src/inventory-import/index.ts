export { importInventory, importInventoryData, ImportError, UnknownFormatError, type ImportOptions, type ImportReport, type ImportSource } from './import';
export { INVENTORY_FORMATS, type InventoryFormat } from './types';
export { editHost, type HostEdit } from './edit-host';
export { removeHost } from './remove-host';
