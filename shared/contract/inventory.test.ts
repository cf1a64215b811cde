import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HostListSchema, HostSchema, isExactHostList } from './inventory';
import { seededRandom as random } from '../testing/seeded-random';

const validHost = (rnd: () => number, i: number) => ({
  name: `web-${i}`,
  address: `10.0.0.${i % 255}`,
  nodes: rnd() < 0.2 ? [] : [['team', 'line', 'svc'], ...(rnd() < 0.3 ? [['shared', 'ops']] : [])],
  tags: rnd() < 0.5 ? { env: 'prod', service: 'minos' } : {},
  logins: rnd() < 0.5 ? ['root', 'deploy'] : ['root'],
  ...(rnd() < 0.3 ? {} : { accessUntil: rnd() < 0.5 ? null : 1_700_000_000_000 + i }),
});

// Each mutation makes a host invalid, or valid but not exactly shaped, or stays valid at a limit.
const mutations: Array<(h: Record<string, unknown>) => void> = [
  (h) => (h.name = ''),
  (h) => (h.name = 'web 1'),
  (h) => (h.name = '-web'),
  (h) => (h.name = 'a'.repeat(253)),
  (h) => (h.name = 'a'.repeat(254)),
  (h) => (h.name = 42),
  (h) => (h.address = null),
  (h) => (h.nodes = 'team'),
  (h) => (h.nodes = [['']]),
  (h) => (h.nodes = [['x'.repeat(100)]]),
  (h) => (h.nodes = [['x'.repeat(101)]]),
  (h) => (h.nodes = [['1', '2', '3', '4', '5', '6', '7', '8']]),
  (h) => (h.nodes = [['1', '2', '3', '4', '5', '6', '7', '8', '9']]),
  (h) => (h.nodes = [[1]]),
  (h) => (h.tags = []),
  (h) => (h.tags = null),
  (h) => (h.tags = { env: 1 }),
  (h) => (h.tags = JSON.parse('{"__proto__":"x","env":"prod"}')),
  (h) => (h.tags = Object.assign(Object.create(null), { env: 'prod' })),
  (h) => (h.logins = ['']),
  (h) => (h.logins = ['9root']),
  (h) => (h.logins = ['r'.repeat(64)]),
  (h) => (h.logins = ['r'.repeat(65)]),
  (h) => (h.logins = 'root'),
  (h) => (h.accessUntil = 1.5),
  (h) => (h.accessUntil = 2 ** 53),
  (h) => (h.accessUntil = -0),
  (h) => (h.accessUntil = '1'),
  (h) => (h.accessUntil = undefined),
  (h) => delete h.name,
  (h) => delete h.tags,
  (h) => (h.extra = 'dropped by zod'),
];

describe('HostListSchema (fast path for exactly-shaped hosts)', () => {
  it('agrees with z.array(HostSchema) on random hosts and mutations: never accepts more, same output', () => {
    const rnd = random(7);
    const full = z.array(HostSchema);
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      const list: Record<string, unknown>[] = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, j) => validHost(rnd, i * 3 + j));
      const mutated = rnd() < 0.8;
      if (mutated) mutations[Math.floor(rnd() * mutations.length)]!(list[Math.floor(rnd() * list.length)]!);
      const expected = full.safeParse(structuredClone(list));
      const actual = HostListSchema.safeParse(list);
      expect(actual.success).toBe(expected.success);
      if (expected.success) expect(actual.data).toEqual(expected.data);
      else expect(actual.error!.issues.map((x) => x.path)).toEqual(expected.error.issues.map((x) => x.path));
      if (isExactHostList(list)) {
        fast++;
        expect(expected.success).toBe(true);
      }
      if (!mutated) expect(isExactHostList(list)).toBe(true);
    }
    expect(fast).toBeGreaterThan(600);
  });

  it('passes an exact list through as is, and strips unknown keys like zod does', () => {
    const list = [{ name: 'a', address: 'x', nodes: [], tags: {}, logins: [] }];
    expect(HostListSchema.parse(list)).toBe(list);
    const extra = [{ ...list[0]!, secret: 'x' }];
    expect(HostListSchema.parse(extra)).toEqual(list);
  });

  it('refuses what is not an array, with a readable message', () => {
    const result = HostListSchema.safeParse({ hosts: [] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('expected an array of hosts');
  });
});
