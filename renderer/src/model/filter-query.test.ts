import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/inventory';
import { chipHighlights, filterHosts, highlightParts, parseFilter } from './filter-query';

const host = (name: string, tags: Record<string, string>, nodes: string[][] = [], logins = ['root']): Host => ({
  name,
  address: `10.1.0.${name.length}`,
  nodes,
  tags,
  logins,
});
const hosts = [
  host('web-01', { env: 'prod', service: 'minos' }, [['pay', 'checkout']]),
  host('web-02', { env: 'staging', service: 'minos' }),
  host('db-01', { env: 'prod', role: 'primary' }, [['pay', 'webstore']], ['postgres']),
];
const names = (q: string) => filterHosts(hosts, parseFilter(q)).map((h) => h.name);

describe('filter language', () => {
  it('parses free text and key=value / key:value terms', () => {
    expect(parseFilter('  env=prod Service:Minos web ').terms).toEqual([
      { kind: 'tag', key: 'env', value: 'prod' },
      { kind: 'tag', key: 'service', value: 'minos' },
      { kind: 'text', text: 'web' },
    ]);
    expect(parseFilter('').terms).toEqual([]);
  });

  it('ANDs every term; tag terms look only at that tag', () => {
    expect(names('env=prod service=minos web')).toEqual(['web-01']);
    expect(names('env=prod')).toEqual(['web-01', 'db-01']);
    expect(names('web')).toEqual(['web-01', 'web-02', 'db-01']); // db-01 sits under "webstore"
    expect(names('role=prod')).toEqual([]);
    expect(names('postgres')).toEqual(['db-01']);
    expect(names('ENV=STAG')).toEqual(['web-02']);
    expect(names('env=')).toEqual(['web-01', 'web-02', 'db-01']); // any value of a present key
    expect(names('nothing')).toEqual([]);
  });

  it('marks every occurrence of the free-text words in names', () => {
    const q = parseFilter('web env=prod');
    expect(highlightParts('web-web-prod', q.highlights)).toEqual([
      { text: 'web', match: true },
      { text: '-', match: false },
      { text: 'web', match: true },
      { text: '-prod', match: false }, // env=prod is a tag term: it marks the env chip, not a name
    ]);
    expect(highlightParts('db-01', q.highlights)).toEqual([{ text: 'db-01', match: false }]);
  });

  it('marks a tag term only in the chip of its key', () => {
    const q = parseFilter('web ENV=prod');
    expect(chipHighlights('env', q)).toEqual(['web', 'prod']);
    expect(chipHighlights('team', q)).toEqual(['web']);
  });

  // Speed is measured by `npm run bench -- tree`, never asserted here.
  it('filters 50 000 hosts: tag terms and a word, ANDed', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => host(`h-${i}`, { env: i % 3 ? 'prod' : 'dev', service: `svc-${i % 97}` }, [[`t${i % 7}`]]));
    filterHosts(many, parseFilter('warm-up'));
    const hit = filterHosts(many, parseFilter('env=prod service=svc-5 h-1'));
    // Tag values and words match by substring; only the name holds `h-1` here.
    const expected = many.filter((h) => h.tags.env!.includes('prod') && h.tags.service!.includes('svc-5') && h.name.includes('h-1'));
    expect(expected.length).toBeGreaterThan(0);
    expect(hit.map((h) => h.name).sort()).toEqual(expected.map((h) => h.name).sort());
  });
});
