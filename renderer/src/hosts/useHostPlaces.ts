// The connected profile's favourites and recent hosts over window.portcullis. Changes show at once
// and the main side's answer (what it saved) replaces them; a refused change goes back.
import { useCallback, useEffect, useState } from 'react';
import type { HostPlaces } from '../../../shared/contract/host-places';
import { NO_HOST_PLACES, withOpened, withStar } from '../../../shared/contract/host-places-edit';
import type { PortcullisApi } from '../../../shared/contract/window';

export function useHostPlaces(api: PortcullisApi, profileId: string | undefined) {
  const [places, setPlaces] = useState<{ profileId: string | undefined; places: HostPlaces }>({ profileId, places: NO_HOST_PLACES });
  const current = places.profileId === profileId ? places.places : NO_HOST_PLACES;

  useEffect(() => {
    if (!profileId) return;
    let alive = true;
    api
      .request('hosts.places', { profileId })
      .then((p) => alive && setPlaces({ profileId, places: p }))
      .catch(() => {}); // an older main side keeps none
    return () => {
      alive = false;
    };
  }, [api, profileId]);

  const change = useCallback(
    (optimistic: (p: HostPlaces) => HostPlaces | null, request: (id: string) => Promise<HostPlaces>) => {
      if (!profileId) return;
      let before = NO_HOST_PLACES;
      setPlaces((prev) => {
        before = prev.profileId === profileId ? prev.places : NO_HOST_PLACES;
        return { profileId, places: optimistic(before) ?? before };
      });
      request(profileId).then(
        (saved) => setPlaces((prev) => (prev.profileId === profileId ? { profileId, places: saved } : prev)),
        (e: unknown) => {
          console.warn('portcullis: favourites and recent hosts not saved:', e);
          setPlaces((prev) => (prev.profileId === profileId ? { profileId, places: before } : prev));
        },
      );
    },
    [api, profileId],
  );

  const star = useCallback(
    (host: string, starred: boolean) => change((p) => withStar(p, host, starred), (id) => api.request('hosts.star', { profileId: id, host, starred })),
    [api, change],
  );
  const opened = useCallback(
    (host: string, login: string) => change((p) => withOpened(p, { host, login }), (id) => api.request('hosts.opened', { profileId: id, host, login })),
    [api, change],
  );
  return { places: current, star, opened };
}

export type HostPlacesControl = ReturnType<typeof useHostPlaces>;
