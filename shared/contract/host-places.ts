// The hosts a user keeps at hand, per gateway profile: favourites (starred hosts) and the hosts
// opened last. The quick-connect palette lists them first. Kept by the client's main side, which
// validates every change with these schemas.
import { z } from 'zod';
import { HostNameSchema, LoginNameSchema } from './inventory';

export const HOST_PLACES_LIMITS = { recents: 10, favourites: 500 } as const;

export const RecentHostSchema = z.object({ host: HostNameSchema, login: LoginNameSchema }).strict();
export type RecentHost = z.infer<typeof RecentHostSchema>;

export const HostPlacesSchema = z
  .object({
    /** Starred host names, in the order they were starred. */
    favourites: z.array(HostNameSchema).max(HOST_PLACES_LIMITS.favourites),
    /** The hosts opened last, newest first, one entry per host (with the login it was opened as). */
    recents: z.array(RecentHostSchema).max(HOST_PLACES_LIMITS.recents),
  })
  .strict();
export type HostPlaces = z.infer<typeof HostPlacesSchema>;

export const NO_HOST_PLACES: HostPlaces = { favourites: [], recents: [] };

/** `host` opened as `login`: first among the recents, once, the oldest dropped past the limit. */
export function withOpened(places: HostPlaces, opened: RecentHost): HostPlaces {
  const rest = places.recents.filter((r) => r.host !== opened.host);
  return { ...places, recents: [{ host: opened.host, login: opened.login }, ...rest].slice(0, HOST_PLACES_LIMITS.recents) };
}

/** `host` starred (added last, once) or not. Null when starring would pass the limit. */
export function withStar(places: HostPlaces, host: string, starred: boolean): HostPlaces | null {
  const rest = places.favourites.filter((h) => h !== host);
  if (!starred) return { ...places, favourites: rest };
  if (rest.length === places.favourites.length && rest.length >= HOST_PLACES_LIMITS.favourites) return null;
  return { ...places, favourites: rest.length === places.favourites.length ? [...rest, host] : places.favourites };
}
