// The "inventory" capability: importing an inventory file, passed through to the gateway over the
// connection's API channel (the upload lives as long as that channel). The dispatcher has already
// checked the params against the client contract; the gateway decides who may import (admin).
import type { InventoryImportClientMethods } from '../../../shared/contract/client-api/inventory-import';
import type { AreaService } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';

export function createInventoryImportService(connection: Pick<ConnectionService, 'connected'>): AreaService<InventoryImportClientMethods> {
  const gateway = () => connection.connected();
  return {
    handlers: {
      'inventory.upload': (params) => gateway().request('inventory.upload', params),
      'inventory.preview': (params) => gateway().request('inventory.preview', params),
      'inventory.apply': (params) => gateway().request('inventory.apply', params),
      'inventory.template': (params) => gateway().request('inventory.template', params),
    },
  };
}
