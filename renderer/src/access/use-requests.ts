// A list of requests read from the gateway, read again whenever the `access.requests` topic told
// of a change (`version`).
import { useCallback, useEffect, useState } from 'react';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { AccessRequest } from '../../../shared/contract/gateway-api/access';
import type { ParamsOf } from '../../../shared/rpc/protocol';
import type { ClientMethods } from '../../../shared/contract/client-api';
import { errorText } from '../ui';

export function useRequests(api: PortcullisApi, query: ParamsOf<ClientMethods, 'access.requests.list'>, version: number) {
  const [requests, setRequests] = useState<AccessRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const key = JSON.stringify(query);
  useEffect(() => {
    let stale = false;
    api.request('access.requests.list', JSON.parse(key) as typeof query).then(
      (list) => !stale && (setRequests(list), setError(null)),
      (e: unknown) => !stale && setError(errorText(e)),
    );
    return () => {
      stale = true;
    };
  }, [api, key, version, reloads]);
  return { requests, error, reload: useCallback(() => setReloads((n) => n + 1), []) };
}
