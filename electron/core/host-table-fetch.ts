// The host list from the gateway, as the host table the renderer receives (shared/contract/host-table).
// Gateways from before `hosts.table` answer `unknown_method`; their `hosts.list` array (validated
// by the gateway contract) is encoded here, so a newer client still works with an older gateway.
import type { GatewayMethods } from '../../shared/contract/gateway-api';
import { encodeHostTable, type HostTable } from '../../shared/contract/host-table';
import { RpcError, type MethodName, type ParamsOf, type ResultOf } from '../../shared/rpc/protocol';

interface Requester {
  request<M extends MethodName<GatewayMethods>>(method: M, params: ParamsOf<GatewayMethods, M>): Promise<ResultOf<GatewayMethods, M>>;
}

export async function fetchHostTable(gateway: Requester): Promise<HostTable> {
  try {
    return await gateway.request('hosts.table', {});
  } catch (error) {
    if (!(error instanceof RpcError && error.code === 'unknown_method')) throw error;
    return encodeHostTable(await gateway.request('hosts.list', {}));
  }
}
