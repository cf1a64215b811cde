import { describe, expect, it } from 'vitest';
import { HOST_PLACES_LIMITS, HostPlacesSchema, NO_HOST_PLACES, withOpened, withStar } from './host-places';

describe('recent hosts', () => {
  it('puts the host opened last first, once per host, with the login it was opened as', () => {
    let places = NO_HOST_PLACES;
    for (const host of ['a', 'b', 'c']) places = withOpened(places, { host, login: 'root' });
    places = withOpened(places, { host: 'a', login: 'deploy' });
    expect(places.recents).toEqual([
      { host: 'a', login: 'deploy' },
      { host: 'c', login: 'root' },
      { host: 'b', login: 'root' },
    ]);
  });

  it('keeps only the newest ones', () => {
    let places = NO_HOST_PLACES;
    for (let i = 0; i < HOST_PLACES_LIMITS.recents + 5; i++) places = withOpened(places, { host: `h${i}`, login: 'root' });
    expect(places.recents).toHaveLength(HOST_PLACES_LIMITS.recents);
    expect(places.recents[0]!.host).toBe(`h${HOST_PLACES_LIMITS.recents + 4}`);
    expect(HostPlacesSchema.safeParse(places).success).toBe(true);
  });
});

describe('favourites', () => {
  it('stars once, in the order starred, and unstars', () => {
    let places = withStar(NO_HOST_PLACES, 'b', true)!;
    places = withStar(places, 'a', true)!;
    expect(withStar(places, 'b', true)!.favourites).toEqual(['b', 'a']);
    expect(withStar(places, 'b', false)!.favourites).toEqual(['a']);
    expect(withStar(places, 'zzz', false)!.favourites).toEqual(['b', 'a']);
  });

  it('refuses a star past the limit (and still unstars there)', () => {
    const full = { ...NO_HOST_PLACES, favourites: Array.from({ length: HOST_PLACES_LIMITS.favourites }, (_, i) => `h${i}`) };
    expect(withStar(full, 'one-more', true)).toBeNull();
    expect(withStar(full, 'h1', true)).toEqual(full);
    expect(withStar(full, 'h1', false)!.favourites).toHaveLength(HOST_PLACES_LIMITS.favourites - 1);
  });
});
