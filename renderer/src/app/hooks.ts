// Small hooks over window.portcullis. Each request's failure is kept as text for the UI.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { GatewayState } from '../../../shared/contract/client-api';
import type { Host } from '../../../shared/contract/inventory';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { MainSideLink, MainSideLinkState } from '../api';
import type { SessionsSnapshot, SessionsStore } from '../terminal/sessions-store';

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function useMainSideLink(link: MainSideLink): MainSideLinkState {
  return useSyncExternalStore(link.subscribe.bind(link), () => link.state);
}

export function useSessions(store: SessionsStore): SessionsSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** The gateway connection: the latest state, and connect/disconnect actions. */
export function useGateway(api: PortcullisApi) {
  const [state, setState] = useState<GatewayState | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    let sawEvent = false;
    const off = api.on('gateway.state', (next) => {
      sawEvent = true;
      setState(next);
    });
    api
      .request('gateway.state', {})
      // An event that arrived meanwhile is newer than this answer.
      .then((initial) => alive && !sawEvent && setState(initial))
      .catch((error: unknown) => alive && setActionError(errorText(error)));
    return () => {
      alive = false;
      off();
    };
  }, [api]);

  const run = useCallback(
    (method: 'gateway.connect' | 'gateway.disconnect') => {
      setActionError(null);
      api
        .request(method, {})
        .then(setState)
        .catch((error: unknown) => setActionError(errorText(error)));
    },
    [api],
  );

  return {
    state,
    actionError,
    connect: useCallback(() => run('gateway.connect'), [run]),
    disconnect: useCallback(() => run('gateway.disconnect'), [run]),
  };
}

/** The hosts this user may reach, fetched each time the gateway connection comes up. */
export function useHosts(api: PortcullisApi, connected: boolean) {
  const [hosts, setHosts] = useState<Host[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!connected) return;
    let alive = true;
    setLoading(true);
    setError(null);
    api
      .request('hosts.list', {})
      .then((list) => alive && setHosts(list))
      .catch((e: unknown) => alive && setError(errorText(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [api, connected, generation]);

  return { hosts, error, loading, refresh: useCallback(() => setGeneration((g) => g + 1), []) };
}

export function useAppInfo(api: PortcullisApi) {
  const [info, setInfo] = useState<{ version: string; shell: 'electron' | 'browser' } | null>(null);
  useEffect(() => {
    let alive = true;
    api
      .request('app.info', {})
      .then((i) => alive && setInfo(i))
      .catch(() => {});
    return () => {
      alive = false;
    };
  }, [api]);
  return info;
}
