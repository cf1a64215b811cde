// The host list over window.portcullis: its head first, then the whole list.
import { useCallback, useEffect, useState } from 'react';
import { decodeHostTable } from '../../../shared/contract/host-table';
import { isWholeList } from '../../../shared/contract/host-table-head';
import type { Host } from '../../../shared/contract/inventory';
import type { PortcullisApi } from '../../../shared/contract/window';
import { errorText } from '../ui';
import { HEAD_ROWS, takePrefetchedHead } from './hosts-prefetch';
import { useHostPlaces } from './useHostPlaces';

/**
 * The hosts `profileId`'s user may reach, fetched on each connect (kept while disconnected). The
 * first load shows the list's head (the tree's first screenful) as soon as it arrives, then the
 * whole list once that head is on screen; `partial` says which is shown. A reload (↻, reconnect)
 * keeps the shown list until the whole new one arrives. With the profile's favourites and recent hosts.
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

  const places = useHostPlaces(api, profileId);
  return { hosts, partial, error, loading, refresh: useCallback(() => setGeneration((g) => g + 1), []), places };
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


export type HostsControl = ReturnType<typeof useHosts>;
