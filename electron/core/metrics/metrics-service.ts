// The "metrics" capability: a host's metrics over a range, from the gateway (which decides who may
// see which host). Live values are a gateway topic, forwarded by ../gateway-events.
import type { metricsMethods } from '../../../shared/contract/client-api/metrics';
import type { AreaService } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';

export function createMetricsService(connection: Pick<ConnectionService, 'connected'>): AreaService<typeof metricsMethods> {
  return {
    handlers: {
      'metrics.range': (params) => connection.connected().request('metrics.range', params),
      'metrics.batch': (params) => connection.connected().request('metrics.batch', params),
    },
  };
}
