// Lists read from the gateway and read again when something says they changed: requests (again
// at every `access.requests` event, `version`) and grants (again after each change made here).
import { useCallback, useEffect, useState } from 'react';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { AccessRequest, GrantEntry } from '../../../shared/contract/gateway-api/access';
import type { ParamsOf } from '../../../shared/rpc/protocol';
import type { ClientMethods } from '../../../shared/contract/client-api';
import { errorText } from '../ui';

type ListMethod = 'access.requests.list' | 'access.grants.list';

function useList<T>(api: PortcullisApi, method: ListMethod, query: object, version: number) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const key = JSON.stringify(query);
  useEffect(() => {
    let stale = false;
    (api.request(method, JSON.parse(key) as never) as Promise<T[]>).then(
      (list) => !stale && (setItems(list), setError(null)),
      (e: unknown) => !stale && setError(errorText(e)),
    );
    return () => {
      stale = true;
    };
  }, [api, method, key, version, reloads]);
  return { items, error, reload: useCallback(() => setReloads((n) => n + 1), []) };
}

export function useRequests(api: PortcullisApi, query: ParamsOf<ClientMethods, 'access.requests.list'>, version: number) {
  const { items, ...rest } = useList<AccessRequest>(api, 'access.requests.list', query, version);
  return { requests: items, ...rest };
}

export function useGrants(api: PortcullisApi, query: ParamsOf<ClientMethods, 'access.grants.list'>, version: number) {
  const { items, ...rest } = useList<GrantEntry>(api, 'access.grants.list', query, version);
  return { grants: items, ...rest };
}
