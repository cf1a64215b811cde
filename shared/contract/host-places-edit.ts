// Favourites and recents changed as the renderer changes them, without zod: the tree's first paint
// uses these and builds no schema for it (host-places.ts validates, on the main side).
/** The shapes host-places.ts's schemas check (their inferred types are these). */
export interface RecentHost {
  host: string;
  login: string;
}
export interface HostPlaces {
  favourites: string[];
  recents: RecentHost[];
}

export const HOST_PLACES_LIMITS = { recents: 10, favourites: 500 } as const;

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
