import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/inventory';
import { filterHosts as filterParsed, parseFilter } from './filter-query';
import { buildHostTree, flattenTree, UNGROUPED_LABEL } from './host-tree';

const filterHosts = (list: Host[], q: string) => filterParsed(list, parseFilter(q));

let nextAddress = 1;
const host = (name: string, nodes: string[][], tags: Record<string, string> = {}, logins = ['root']): Host => ({
  name,
  address: `10.0.0.${nextAddress++}`,
  nodes,
  tags,
  logins,
});

const hosts: Host[] = [
  host('web-10', [['payments', 'checkout', 'api', 'web']], { env: 'prod' }),
  host('web-2', [['payments', 'checkout', 'api', 'web']], { env: 'prod' }),
  host('db-01', [['payments', 'checkout', 'db'], ['platform', 'data', 'postgres']], { env: 'prod', role: 'primary' }, ['postgres', 'root']),
  host('lonely', []),
];

const describeRows = (rows: ReturnType<typeof flattenTree>) =>
  rows.map((r) => `${'  '.repeat(r.depth)}${r.kind === 'group' ? `${r.expanded ? '▾' : '▸'} ${r.label} (${r.hostCount})` : r.host.name}`);

describe('host tree', () => {
  it('groups hosts by every path, sorted naturally, hosts after groups', () => {
    const rows = flattenTree(buildHostTree(hosts), new Set());
    expect(describeRows(rows)).toEqual([
      '▾ payments (3)',
      '  ▾ checkout (3)',
      '    ▾ api (2)',
      '      ▾ web (2)',
      '        web-2',
      '        web-10',
      '    ▾ db (1)',
      '      db-01',
      '▾ platform (1)',
      '  ▾ data (1)',
      '    ▾ postgres (1)',
      '      db-01',
      `▾ ${UNGROUPED_LABEL} (1)`,
      '  lonely',
    ]);
    // Row keys are unique even when a host appears twice.
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('hides collapsed groups, unless told to expand everything', () => {
    const tree = buildHostTree(hosts);
    const checkout = JSON.stringify(['payments', 'checkout']);
    const collapsed = new Set([checkout]);
    expect(describeRows(flattenTree(tree, collapsed)).slice(0, 3)).toEqual(['▾ payments (3)', '  ▸ checkout (3)', '▾ platform (1)']);
    expect(flattenTree(tree, collapsed, true)).toHaveLength(14);
  });

  it('counts a host once per group even if listed under the same path twice', () => {
    const tree = buildHostTree([host('x', [['a', 'b'], ['a', 'b'], ['a', 'c']])]);
    expect(tree.groups[0]!.hostCount).toBe(1);
    expect(tree.groups[0]!.groups[0]!.hosts).toHaveLength(1);
  });

  it('filters by name, address, node, login and tags, every word must match', () => {
    const names = (q: string) => filterHosts(hosts, q).map((h) => h.name).sort();
    expect(names('')).toEqual(['db-01', 'lonely', 'web-10', 'web-2']);
    expect(names('WEB')).toEqual(['web-10', 'web-2']);
    expect(names('postgres')).toEqual(['db-01']);
    expect(names('role=primary')).toEqual(['db-01']);
    expect(names('env:prod checkout web')).toEqual(['web-10', 'web-2']);
    expect(names('10.0.0.1')).toEqual(['web-10']);
    expect(names('nothing-like-this')).toEqual([]);
  });

  // Speed is measured by `npm run bench -- tree`, never asserted here.
  it('builds a 50k-host tree with every host under its module', () => {
    const many: Host[] = [];
    for (let i = 0; i < 50_000; i++) many.push(host(`h-${i}`, [[`team-${i % 10}`, `line-${i % 50}`, `svc-${i % 500}`, `mod-${i % 5000}`]]));
    const rows = flattenTree(buildHostTree(many), new Set());
    expect(rows.filter((r) => r.kind === 'host')).toHaveLength(50_000);
    expect(rows.filter((r) => r.kind !== 'host')).toHaveLength(10 + 50 + 500 + 5000);
  });
});

describe('natural order', () => {
  it('sorts digit runs by value, letters case-insensitively', async () => {
    const { naturalKey } = await import('./host-tree');
    const names = ['web-10', 'Web-2', 'web-02b', 'db', 'web-1'];
    expect([...names].sort((a, b) => (naturalKey(a) < naturalKey(b) ? -1 : 1))).toEqual(['db', 'web-1', 'Web-2', 'web-02b', 'web-10']);
  });
});

describe('visibleRows (virtual row list)', () => {
  const all = (list: { length: number; at(i: number): ReturnType<typeof flattenTree>[number] }) => Array.from({ length: list.length }, (_, i) => list.at(i));

  it('lists exactly the rows flattenTree would, with working indexOf', async () => {
    const { visibleRows } = await import('./host-tree');
    const tree = buildHostTree(hosts);
    for (const collapsed of [new Set<string>(), new Set([JSON.stringify(['payments', 'checkout'])])]) {
      const list = visibleRows(tree, collapsed, null);
      expect(all(list)).toEqual(flattenTree(tree, collapsed));
      for (const [i, row] of all(list).entries()) expect(list.indexOf(row.key)).toBe(i);
    }
    expect(visibleRows(tree, new Set(), null).indexOf('nope')).toBe(-1);
  });

  it('filtered: hides empty groups, expands everything, counts each host once', async () => {
    const { visibleRows } = await import('./host-tree');
    const twice = host('twice', [['a', 'b'], ['a', 'c']], { env: 'prod' });
    const tree = buildHostTree([...hosts, twice]);
    const prod = new Set(filterHosts([...hosts, twice], 'env=prod'));
    const list = visibleRows(tree, new Set([JSON.stringify(['a'])]), (h) => prod.has(h));
    expect(describeRows(all(list))).toEqual([
      '▾ a (1)',
      '  ▾ b (1)',
      '    twice',
      '  ▾ c (1)',
      '    twice',
      '▾ payments (3)',
      '  ▾ checkout (3)',
      '    ▾ api (2)',
      '      ▾ web (2)',
      '        web-2',
      '        web-10',
      '    ▾ db (1)',
      '      db-01',
      '▾ platform (1)',
      '  ▾ data (1)',
      '    ▾ postgres (1)',
      '      db-01',
    ]);
  });
});

describe('onlyHost (Enter in the filter)', () => {
  it('is the one matching host, even when it shows under several nodes; null for none or several', async () => {
    const { visibleRows, onlyHost } = await import('./host-tree');
    const tree = buildHostTree(hosts);
    const matching = (q: string) => {
      const found = new Set(filterHosts(hosts, q));
      return visibleRows(tree, new Set(), (h) => found.has(h));
    };
    expect(onlyHost(matching('db'))?.name).toBe('db-01'); // under payments and platform
    expect(onlyHost(matching('lonely'))?.name).toBe('lonely');
    expect(onlyHost(matching('web'))).toBeNull();
    expect(onlyHost(matching('nothing-matches'))).toBeNull();
    // Unfiltered, a one-host list opens it too: the filter is not what counts, the rows are.
    expect(onlyHost(visibleRows(buildHostTree([hosts[3]!]), new Set(), null))?.name).toBe('lonely');
  });
});

describe('lazy group sorting and host ids', () => {
  it('knows each host by its place in the list, sorts a group only when its rows are read, filters by id', async () => {
    const { visibleRows, sortGroup } = await import('./host-tree');
    const tree = buildHostTree(hosts);
    const web = tree.groups[0]!.groups[0]!.groups[0]!.groups[0]!; // payments › checkout › api › web
    expect(web.sorted).toBe(false);
    expect(web.hosts.map((h) => h.name)).toEqual(['web-10', 'web-2']); // list order until read
    const list = visibleRows(tree, new Set(), null);
    expect(web.sorted).toBe(false);
    expect(list.at(4)).toMatchObject({ kind: 'host', host: { name: 'web-2' } });
    expect(web.sorted).toBe(true);
    expect(web.ids.map((id) => hosts[id]!.name)).toEqual(['web-2', 'web-10']);
    sortGroup(web); // once only
    const onlyDb = visibleRows(tree, new Set(), (_, id) => hosts[id]!.name === 'db-01');
    expect(onlyDb.hostCount).toBe(1);
    expect(describeRows(Array.from({ length: onlyDb.length }, (_, i) => onlyDb.at(i)))).toEqual([
      '▾ payments (1)',
      '  ▾ checkout (1)',
      '    ▾ db (1)',
      '      db-01',
      '▾ platform (1)',
      '  ▾ data (1)',
      '    ▾ postgres (1)',
      '      db-01',
    ]);
  });
});
