// Small hooks over window.portcullis. Each request's failure is kept as text for the UI.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { GatewayState } from '../../../shared/contract/client-api';
import { decodeHostTable } from '../../../shared/contract/host-table';
import { isWholeList } from '../../../shared/contract/host-table-head';
import type { Host } from '../../../shared/contract/inventory';
import type { Profile, Settings } from '../../../shared/contract/profiles';
import { DEFAULT_SETTINGS } from '../terminal/theme';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { MainSideLink, MainSideLinkState } from '../api';
import type { SessionsSnapshot, SessionsStore } from '../terminal/sessions-store';
import { HEAD_ROWS, takePrefetchedHead } from './hosts-prefetch';

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

  const connect = useCallback(
    (params: { profileId?: string; passphrase?: string } = {}): Promise<GatewayState | null> => {
      setActionError(null);
      return api
        .request('gateway.connect', params)
        .then((next) => {
          setState(next);
          return next;
        })
        .catch(async (error: unknown) => {
          // A failed attempt says why in the state it published (the card words its error): show that, not the rejection.
          const now = await api.request('gateway.state', {}).catch(() => null);
          if (now?.error) setState(now);
          else setActionError(errorText(error));
          return null;
        });
    },
    [api],
  );
  const disconnect = useCallback(() => {
    setActionError(null);
    api
      .request('gateway.disconnect', {})
      .then(setState)
      .catch((error: unknown) => setActionError(errorText(error)));
  }, [api]);
  const trustHostKey = useCallback(
    async (profileId: string, fingerprint: string) => {
      setActionError(null);
      try {
        await api.request('gateway.trustHostKey', { profileId, fingerprint });
      } catch (error) {
        setActionError(errorText(error));
        return;
      }
      await connect({ profileId });
    },
    [api, connect],
  );

  // The gateway's question at login (state.prompt): the pending gateway.connect settles once it is answered or cancelled.
  const answerPrompt = useCallback(
    (promptId: string, answers: string[]) => {
      setActionError(null);
      api.request('gateway.answerPrompt', { promptId, answers }).catch((error: unknown) => setActionError(errorText(error)));
    },
    [api],
  );
  const cancelPrompt = useCallback(
    (promptId: string) => {
      api.request('gateway.cancelPrompt', { promptId }).catch((error: unknown) => setActionError(errorText(error)));
    },
    [api],
  );

  return { state, actionError, connect, disconnect, trustHostKey, answerPrompt, cancelPrompt };
}

export type GatewayControl = ReturnType<typeof useGateway>;

/** Gateway profiles, when the main side keeps them. */
export function useProfiles(api: PortcullisApi) {
  const [profiles, setProfiles] = useState<Profile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api
      .request('profiles.list', {})
      .then((list) => {
        setProfiles(list);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [api]);
  useEffect(refresh, [refresh]);
  return { profiles, error, refresh };
}

/** Settings from the main side; the defaults until they arrive (or if it keeps none). */
export function useSettings(api: PortcullisApi) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    api
      .request('settings.get', {})
      .then((s) => alive && setSettings(s))
      .catch(() => {}); // an older main side keeps no settings: defaults it is
    return () => {
      alive = false;
    };
  }, [api]);
  const save = useCallback(
    (next: Settings) => {
      setSettings(next); // at once: the UI follows even if saving fails
      api
        .request('settings.save', { settings: next })
        .then(() => setError(null))
        .catch((e: unknown) => setError(`Settings apply to this window but were not saved: ${errorText(e)}`));
    },
    [api],
  );
  return { settings, save, error };
}

/**
 * The hosts `profileId`'s user may reach, fetched on each connect (kept while disconnected). The
 * first load shows the list's head (the tree's first screenful) as soon as it arrives, then the
 * whole list once that head is on screen; `partial` says which is shown. A reload (↻, reconnect)
 * keeps the shown list until the whole new one arrives.
 */
export function useHosts(api: PortcullisApi, connected: boolean, profileId: string | undefined) {
  const [hosts, setHosts] = useState<Host[] | null>(null);
  const [partial, setPartial] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);
  // Another gateway or user: the previous one's hosts (and access ends) must not stay on screen.
  const [shownFor, setShownFor] = useState(profileId);
  if (shownFor !== profileId) {
    setShownFor(profileId);
    setHosts(null);
    setPartial(false);
    setError(null);
  }
  const shown = hosts !== null && !partial;

  useEffect(() => {
    if (!connected) return;
    let alive = true;
    setLoading(true);
    setError(null);
    const load = async () => {
      if (!shown) {
        const head = (await takePrefetchedHead(profileId)) ?? (await api.request('hosts.head', { rows: HEAD_ROWS }));
        const list = decodeHostTable(head.table);
        if (!alive) return;
        const whole = isWholeList(head);
        performance.mark(whole ? 'portcullis:hosts-received' : 'portcullis:hosts-head-received', { detail: { hosts: list.length } });
        setHosts(list);
        setPartial(!whole);
        if (whole) return;
        // The head on screen first: the whole list's parse would otherwise hold the frame back.
        await afterNextPaint();
        if (!alive) return;
      }
      const list = decodeHostTable(await api.request('hosts.list', {}));
      performance.mark('portcullis:hosts-received', { detail: { hosts: list.length } });
      if (!alive) return;
      setHosts(list);
      setPartial(false);
    };
    load()
      .catch((e: unknown) => alive && setError(errorText(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // `shown` is read when a load starts, not a reason to start one.
  }, [api, connected, generation]);

  return { hosts, partial, error, loading, refresh: useCallback(() => setGeneration((g) => g + 1), []) };
}

/**
 * Resolves once the browser has painted the next frame (a task after that frame's rendering). A
 * hidden page paints no frames (and runs no animation frames): it does not wait for one.
 */
function afterNextPaint(): Promise<void> {
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 250); // hidden meanwhile: frames stop
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
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
