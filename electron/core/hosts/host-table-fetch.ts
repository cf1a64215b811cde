// The host list from the gateway, as the host table the renderer receives (shared/contract/host-table).
// Gateways from before `hosts.table` answer `unknown_method`; their `hosts.list` array (validated
// by the gateway contract) is encoded here, so a newer client still works with an older gateway.
import type { GatewayMethods } from '../../../shared/contract/gateway-api';
import { encodeHostTable, type HostTable } from '../../../shared/contract/host-table';
import { hostTableHead, isWholeList, type HostTableHead } from '../../../shared/contract/host-table-head';
import { RpcError, type MethodName, type ParamsOf, type ResultOf } from '../../../shared/rpc/protocol';

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

/** How long a head's table waits for the `hosts.list` that follows it; later, the list is fetched anew. */
export const HEAD_TABLE_KEEP_MS = 30_000;

/**
 * `hosts.head` and `hosts.list` for one side's renderers (`K`: a renderer's session). The head is cut
 * from a fetched table, which is kept for that renderer's next `hosts.list` (once): the head and the
 * whole list it precedes are the same list, fetched once.
 */
export class HostListSource<K extends object> {
  readonly #kept = new WeakMap<K, { gateway: Requester; table: Promise<HostTable>; at: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  async head(key: K, gateway: Requester, rows: number): Promise<HostTableHead> {
    const table = fetchHostTable(gateway);
    table.catch(() => {}); // the caller of head() sees the failure; list() fetches again
    const kept = { gateway, table, at: this.clock() };
    this.#kept.set(key, kept);
    const head = hostTableHead(await table, rows);
    // A head that is the whole list is not followed by hosts.list: a later one (a reload) fetches anew.
    if (isWholeList(head) && this.#kept.get(key) === kept) this.#kept.delete(key);
    return head;
  }

  list(key: K, gateway: Requester): Promise<HostTable> {
    const kept = this.#kept.get(key);
    this.#kept.delete(key);
    if (kept && kept.gateway === gateway && this.clock() - kept.at < HEAD_TABLE_KEEP_MS) return kept.table.catch(() => fetchHostTable(gateway));
    return fetchHostTable(gateway);
  }
}
