// The "batch" capability: the gateway's batch jobs, passed through over the connection's API
// channel. The dispatcher has already checked the params against the client contract (stricter
// than the gateway's about waves and failure limits); the gateway decides who may do what.
import type { BatchClientMethods } from '../../../shared/contract/client-api/batch';
import type { AreaService } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';

export function createBatchService(connection: Pick<ConnectionService, 'connected'>): AreaService<BatchClientMethods> {
  return {
    handlers: {
      'batch.preview': (params) => connection.connected().request('batch.preview', params),
      'batch.start': (params) => connection.connected().request('batch.start', params),
      'batch.get': (params) => connection.connected().request('batch.get', params),
      'batch.list': (params) => connection.connected().request('batch.list', params),
      'batch.control': (params) => connection.connected().request('batch.control', params),
      'batch.output': (params) => connection.connected().request('batch.output', params),
    },
  };
}
