import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeHostTable, encodeHostTable, HostTableSchema, type HostTable } from './host-table';
import { HostSchema, type Host } from './inventory';
import { describeZodError } from '../rpc/protocol';
import { seededRandom } from '../testing/seeded-random';

type Rnd = () => number;
const pick = <T,>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const SEGMENTS = ['pay', 'web', 'ops', 'équipe', 'a b', 'x'.repeat(100), '0', 'shared'];
const randomPath = (rnd: Rnd) => Array.from({ length: Math.floor(rnd() * 9) }, () => pick(rnd, SEGMENTS));

/** Valid hosts with much sharing (as a real inventory) and some one-offs; accessUntil always set, as the gateway sends it. */
function randomHosts(rnd: Rnd, count: number): Host[] {
  return Array.from({ length: count }, (_, i): Host => ({
    name: rnd() < 0.05 ? 'dup' : `web-${i}.example_x`,
    address: rnd() < 0.1 ? '' : `10.0.${i % 255}.${Math.floor(rnd() * 255)}:22`,
    nodes: Array.from({ length: Math.floor(rnd() * 3) }, () => randomPath(rnd)),
    tags: rnd() < 0.3 ? ({} as Record<string, string>) : rnd() < 0.5 ? { env: 'prod', service: 'minos' } : { service: 'minos', env: pick(rnd, ['prod', 'dev', '']) },
    logins: Array.from({ length: Math.floor(rnd() * 3) }, () => pick(rnd, ['root', 'deploy', '_svc', 'r'.repeat(64)])),
    accessUntil: rnd() < 0.3 ? null : pick(rnd, [0, -5, 1_700_000_000_000, 2 ** 53 - 1, 1_700_000_000_000 + i]),
  }));
}

/** What the receiving side does with the wire text. */
const receive = (table: unknown) => HostTableSchema.safeParse(JSON.parse(JSON.stringify(table)));

describe('host table (the host list on the wire)', () => {
  it('round-trips random host lists exactly: encode → JSON → validate → decode', () => {
    const rnd = seededRandom(11);
    for (let run = 0; run < 300; run++) {
      const hosts = randomHosts(rnd, Math.floor(rnd() * 40));
      const result = receive(encodeHostTable(hosts));
      expect(result.success).toBe(true);
      expect(decodeHostTable(result.data!)).toStrictEqual(hosts);
    }
  });

  it('sends each distinct path, tag set, login set and access end once', () => {
    const hosts = randomHosts(seededRandom(3), 2000);
    const table = encodeHostTable(hosts);
    const distinct = (xs: unknown[]) => new Set(xs.map((x) => JSON.stringify(x))).size;
    expect(table.paths.length).toBe(distinct(hosts.flatMap((h) => h.nodes)));
    expect(table.tagSets.length).toBe(distinct(hosts.map((h) => Object.entries(h.tags))));
    expect(table.loginSets.length).toBe(distinct(hosts.map((h) => h.logins)));
    expect(table.untils.length).toBe(distinct(hosts.map((h) => h.accessUntil)));
  });

  it('decoded hosts share frozen nodes, tags and logins', () => {
    const hosts = decodeHostTable(HostTableSchema.parse(encodeHostTable([0, 1].map((i) => ({ name: `h${i}`, address: 'a', nodes: [['t', 's']], tags: { env: 'prod' }, logins: ['root'], accessUntil: null })))));
    expect(hosts[0]!.tags).toBe(hosts[1]!.tags);
    expect(hosts[0]!.nodes).toBe(hosts[1]!.nodes);
    for (const shared of [hosts[0]!.tags, hosts[0]!.logins, hosts[0]!.nodes, hosts[0]!.nodes[0]]) expect(Object.isFrozen(shared)).toBe(true);
    expect(() => hosts[0]!.logins.push('evil')).toThrow(TypeError);
  });

  // Invalid values inside hosts: the table must refuse exactly what z.array(HostSchema) refuses.
  const valueMutations: Array<(h: Host) => void> = [
    (h) => (h.name = ''),
    (h) => (h.name = 'web 1'),
    (h) => (h.name = '-web'),
    (h) => (h.name = 'a'.repeat(253)),
    (h) => (h.name = 'a'.repeat(254)),
    (h) => (h.name = 'web@1'),
    (h) => (h.nodes = [['']]),
    (h) => (h.nodes = [['x'.repeat(101)]]),
    (h) => (h.nodes = [['1', '2', '3', '4', '5', '6', '7', '8', '9']]),
    (h) => (h.logins = ['']),
    (h) => (h.logins = ['9root']),
    (h) => (h.logins = ['r'.repeat(65)]),
    (h) => (h.accessUntil = 1.5),
    (h) => (h.accessUntil = 2 ** 53),
    (h) => (h.tags = { env: '' }),
  ];

  it('refuses the same host values as HostSchema', () => {
    const rnd = seededRandom(5);
    const full = z.array(HostSchema);
    let refused = 0;
    for (let run = 0; run < 600; run++) {
      const hosts = randomHosts(rnd, 1 + Math.floor(rnd() * 4));
      pick(rnd, valueMutations)(pick(rnd, hosts));
      const expected = full.safeParse(structuredClone(hosts)).success;
      const actual = receive(encodeHostTable(hosts));
      expect(actual.success).toBe(expected);
      if (!expected) refused++;
    }
    expect(refused).toBeGreaterThan(400);
  });

  // Damage to the table itself, each with the path its first issue must name.
  const tableMutations: Array<[string, (t: HostTable) => void]> = [
    ['hosts.name.0', (t) => (t.hosts.name[0] = 'bad name!')],
    ['hosts.name.0', (t) => ((t.hosts.name as unknown[])[0] = 42)],
    ['hosts.address.1', (t) => ((t.hosts.address as unknown[])[1] = null)],
    ['hosts.nodeSet.1', (t) => (t.hosts.nodeSet[1] = t.nodeSets.length)],
    ['hosts.tagSet.0', (t) => (t.hosts.tagSet[0] = -1)],
    ['hosts.loginSet.2', (t) => (t.hosts.loginSet[2] = 0.5)],
    ['hosts.until.0', (t) => ((t.hosts.until as unknown[])[0] = '0')],
    ['hosts.until.2', (t) => ((t.hosts.until as unknown[])[2] = null)],
    ['hosts.until', (t) => t.hosts.until.pop()],
    ['hosts.address', (t) => t.hosts.name.push('extra')], // columns are measured against the names
    ['hosts.loginSet', (t) => delete (t.hosts as Partial<HostTable['hosts']>).loginSet],
    ['hosts.address', (t) => ((t.hosts as unknown as Record<string, unknown>).address = 'x')],
    ['nodeSets.0.0', (t) => (t.nodeSets[0]![0] = t.paths.length)],
    ['nodeSets.0', (t) => ((t.nodeSets as unknown[])[0] = 'pay/web')],
    ['paths.0.0', (t) => (t.paths[0]![0] = '')],
    ['paths.0', (t) => (t.paths[0] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'])],
    ['tagSets.0.env', (t) => ((t.tagSets[0] as Record<string, unknown>).env = 1)],
    ['loginSets.0.0', (t) => (t.loginSets[0]![0] = '9root')],
    ['untils.0', (t) => (t.untils[0] = 1.5)],
    ['untils', (t) => delete (t as Partial<HostTable>).untils],
  ];

  it('refuses a damaged table, naming where', () => {
    const base = encodeHostTable([
      { name: 'web-01', address: '10.0.0.1', nodes: [['pay', 'web']], tags: { env: 'prod' }, logins: ['root'], accessUntil: 5 },
      { name: 'web-02', address: '10.0.0.2', nodes: [['pay', 'web'], ['ops']], tags: { env: 'prod' }, logins: ['root'], accessUntil: null },
      { name: 'db-01', address: '10.0.0.3', nodes: [], tags: {}, logins: ['root', 'deploy'], accessUntil: null },
    ]);
    for (const [path, mutate] of tableMutations) {
      const table = structuredClone(base);
      mutate(table);
      const result = receive(table);
      expect(result.success, path).toBe(false);
      expect(result.error!.issues[0]!.path.join('.'), path).toBe(path);
    }
  });

  it('reads well when refused, and refuses a plain host array (the older wire form)', () => {
    const table = encodeHostTable([{ name: 'web-01', address: 'a', nodes: [], tags: {}, logins: [], accessUntil: null }]);
    table.hosts.name[0] = 'web 01';
    table.hosts.tagSet[0] = 3;
    expect(describeZodError(receive(table).error!)).toBe(
      'hosts.name.0: letters, digits, ".", "_" and "-" only; hosts.tagSet.0: expected an index into tagSets (0 to 0), got 3',
    );
    expect(receive([{ name: 'web-01' }]).success).toBe(false);
  });

  it('stops after a few issues on a list full of mistakes', () => {
    const table = encodeHostTable(randomHosts(seededRandom(9), 1000));
    table.hosts.name.fill('bad name');
    expect(receive(table).error!.issues.length).toBeLessThanOrEqual(10);
  });
});
