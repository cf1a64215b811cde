// The host list's head (shared/contract/host-table-head, cut by the main side) against the tree the
// renderer builds: a tree built from the head must show exactly the whole tree's first rows.
import { describe, expect, it } from 'vitest';
import { decodeHostTable, encodeHostTable } from '../../../shared/contract/host-table';
import { HostTableHeadSchema, hostTableHead } from '../../../shared/contract/host-table-head';
import type { Host } from '../../../shared/contract/inventory';
import { seededRandom } from '../../../shared/testing/seeded-random';
import { buildHostTree, flattenTree, UNGROUPED_LABEL, type TreeRow } from './host-tree';

/** Labels that test the order: natural numbers, case, leading zeros, the "Ungrouped" label as a real node. */
const LABELS = ['web-2', 'web-10', 'Web-2', 'web-02', 'api', 'API', 'db', 'b', 'a', UNGROUPED_LABEL, 'team-1', 'team-9', 'team-11'];

function randomInventory(seed: number, count: number): Host[] {
  const random = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const path = () => Array.from({ length: Math.floor(random() * 5) }, () => pick(LABELS));
  return Array.from({ length: count }, (_, i) => {
    const nodeCount = pick([0, 1, 1, 1, 1, 2, 3]);
    const nodes = Array.from({ length: nodeCount }, path);
    if (nodes.length && random() < 0.05) nodes.push(nodes[0]!); // the same path twice
    return { name: `${pick(['web', 'Web', 'db', 'api'])}-${pick(['', '0', '00'])}${i}`, address: `10.0.0.${i % 250}:22`, nodes, tags: { env: pick(['prod', 'dev']) }, logins: ['root'], accessUntil: null };
  });
}

/** A row as the user reads it, without the group's host count (partial in a head). */
const shown = (row: TreeRow) => (row.kind === 'group' ? `${row.depth} ${row.label} ${row.key}` : `${row.depth} ${row.host.name} ${row.key}`);

describe('host list head', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('shows the whole tree’s first rows (random inventory %i)', (seed) => {
    const hosts = randomInventory(seed, 400);
    const table = encodeHostTable(hosts);
    const whole = flattenTree(buildHostTree(hosts), new Set()).map(shown);
    for (const rows of [1, 2, 10, 40, 150]) {
      const head = hostTableHead(table, rows);
      expect(head.total).toBe(hosts.length);
      const headHosts = decodeHostTable(head.table);
      expect(headHosts.length).toBeLessThanOrEqual(hosts.length);
      const fromHead = flattenTree(buildHostTree(headHosts), new Set()).map(shown);
      const covered = Math.min(rows, whole.length);
      expect(fromHead.length).toBeGreaterThanOrEqual(covered);
      expect(fromHead.slice(0, covered)).toEqual(whole.slice(0, covered));
    }
  });

  it('holds every host of a group it shows, in the list’s own form', () => {
    const hosts = randomInventory(42, 300);
    const head = hostTableHead(encodeHostTable(hosts), 1);
    expect(HostTableHeadSchema.safeParse(JSON.parse(JSON.stringify(head))).success).toBe(true);
    const first = buildHostTree(hosts);
    // The first rows' hosts are the first leaf group's (subgroups come before a group's own hosts): all of them are in the head.
    let group = first.groups[0]!;
    while (group.groups.length) group = group.groups[0]!;
    const names = new Set(decodeHostTable(head.table).map((h) => h.name));
    for (const h of group.hosts) expect(names.has(h.name)).toBe(true);
    expect(names.size).toBeLessThan(hosts.length);
  });

  it('orders labels equal in natural order ("Web-2", "web-2") the same way whichever hosts it holds', () => {
    const h = (name: string, nodes: string[][]): Host => ({ name, address: '10.0.0.1:22', nodes, tags: {}, logins: ['root'], accessUntil: null });
    // The whole list meets "Web-2" first; the head (without late-1) meets "web-2" first.
    const hosts = [h('late-1', [['Web-2', 'z']]), h('both-1', [['web-2', 'q'], ['Web-2', 'a']]), ...Array.from({ length: 5 }, (_, i) => h(`other-${i}`, [['web-2', 'r']]))];
    const whole = flattenTree(buildHostTree(hosts), new Set()).map(shown);
    const fromHead = flattenTree(buildHostTree(decodeHostTable(hostTableHead(encodeHostTable(hosts), 3).table)), new Set()).map(shown);
    expect(fromHead.slice(0, 3)).toEqual(whole.slice(0, 3));
  });

  it('is the whole list when the tree is short', () => {
    const hosts = randomInventory(7, 20);
    const head = hostTableHead(encodeHostTable(hosts), 150);
    expect(decodeHostTable(head.table)).toHaveLength(hosts.length);
    expect(head.total).toBe(20);
  });

  it('of an empty list is empty', () => {
    expect(hostTableHead(encodeHostTable([]), 150)).toEqual({ table: encodeHostTable([]), total: 0 });
  });
});
