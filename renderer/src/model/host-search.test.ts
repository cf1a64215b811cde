import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/inventory';
import { filterHosts, parseFilter } from './filter-query';
import { HostSearch } from './host-search';
import { seededRandom as random } from '../../../shared/testing/seeded-random';

const rnd = random(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const hosts: Host[] = Array.from({ length: 600 }, (_, i) => ({
  name: `${pick(['web', 'api', 'db', 'Cache'])}-${i}`,
  address: `10.0.${i >> 8}.${i & 255}`,
  nodes: i % 7 ? [[pick(['pay', 'data']), pick(['minos', 'atlas']), pick(['web', 'db'])]] : [],
  tags: { env: pick(['prod', 'staging', 'dev']), ...(i % 3 ? { service: pick(['minos', 'atlas', 'Prod-like']) } : {}), ...(i % 5 ? {} : { Role: 'primary' }) },
  logins: i % 4 ? ['root'] : ['deploy', 'root'],
}));
const vocabulary = ['env=prod', 'env:stag', 'service=minos', 'role=prim', 'web-1', 'db', '10.0.1', 'deploy', 'pay minos', 'prod', 'atlas web'];
const names = (ids: Iterable<number>) => [...ids].map((id) => hosts[id]!.name);

describe('HostSearch', () => {
  it('gives what filterHosts gives, for random typing, deleting and pasting (incremental or not)', () => {
    const search = new HostSearch(hosts);
    let input = '';
    for (let step = 0; step < 1500; step++) {
      const r = rnd();
      if (r < 0.55) {
        const word = pick(vocabulary);
        const next = input.length && rnd() < 0.3 ? ' ' : (word[input.length % word.length] ?? 'e');
        input += rnd() < 0.1 ? ` ${word}` : next;
      } else if (r < 0.85) input = input.slice(0, -1 - Math.floor(rnd() * 3));
      else input = rnd() < 0.5 ? pick(vocabulary) : '';
      const query = parseFilter(input);
      const expected = filterHosts(hosts, query).map((h) => h.name);
      const matches = search.match(query);
      expect(names(matches.ids), input).toEqual(expected);
      expect(names(matches.bits.reduce<number[]>((ids, bit, id) => (bit ? [...ids, id] : ids), [])), input).toEqual(expected);
    }
  });

  it('finishes its index on demand when filtered before it was built ahead', () => {
    const search = new HostSearch(hosts);
    expect(search.indexSome(100)).toBe(false);
    expect(names(search.match(parseFilter('role=primary')).ids)).toEqual(filterHosts(hosts, parseFilter('role=primary')).map((h) => h.name));
    expect(search.indexSome(1)).toBe(true);
  });
});
