// Client API section "metrics": a host's metrics over a range, asked of the gateway by the main
// side (the live values come as the gateway topic `metrics.live`, through `gateway.subscribe`).
// Same schemas as the gateway's section: the main side passes the answer on unchanged.
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';
import { metricsMethods as gatewayMetricsMethods } from '../gateway-api/metrics';

const { 'metrics.range': range, 'metrics.batch': batch } = gatewayMetricsMethods;

export const metricsMethods = {
  /** Rejects with `denied` for a host the user may not reach (the renderer shows not_permitted). */
  'metrics.range': { params: range.params, result: range.result },
  /** The batch results table's CPU and memory columns. */
  'metrics.batch': { params: batch.params, result: batch.result },
} satisfies MethodTable;

export const metricsSection = { methods: metricsMethods, events: {} satisfies EventTable } satisfies ApiSection;
