// The host list on the wire: a columnar table (gateway `hosts.table` → main side → renderer
// `hosts.list`). 50,000 hosts as an array of objects were 9.3 MB of JSON that the renderer had to
// parse and check object by object before its first paint; most of it repeated the same tree paths,
// tag sets and logins. Here each distinct path, node set, tag set, login set and access end is sent
// once, and the hosts are parallel columns of names, addresses and small indexes (~2 MB for the
// same 50k). This module owns the format: encode (gateway, or the main side for an older gateway),
// validation (HostTableSchema: zod for the small tables, a strict loop for the long columns) and
// decode (the renderer).
import { z } from 'zod';
import { HostNameSchema, LoginNameSchema, TreePathSchema, isHostName, type Host } from './inventory';

export interface HostTable {
  /** Each distinct tree path once. */
  paths: string[][];
  /** Each distinct list of a host's nodes once, as indexes into `paths`. */
  nodeSets: number[][];
  /** Each distinct tag set once. */
  tagSets: Record<string, string>[];
  /** Each distinct list of login accounts once. */
  loginSets: string[][];
  /** Each distinct access end once (ms since epoch; null: no grant ends it). */
  untils: (number | null)[];
  /** One entry per host in every column, in list order; the last four are indexes into the tables above. */
  hosts: { name: string[]; address: string[]; nodeSet: number[]; tagSet: number[]; loginSet: number[]; until: number[] };
}

/** A decoded host. Hosts share their `nodes`, `tags` and `logins` objects, which are frozen. */
export type DecodedHost = Host & { accessUntil: number | null };

const INDEX_COLUMNS = [
  ['nodeSet', 'nodeSets'],
  ['tagSet', 'tagSets'],
  ['loginSet', 'loginSets'],
  ['until', 'untils'],
] as const;

/** Stable keys for de-duplication (JSON keeps order, so {a,b} and {b,a} stay distinct objects). */
function interner<T>(table: T[], keyOf: (value: T) => string): (value: T) => number {
  const index = new Map<string, number>();
  return (value) => {
    const key = keyOf(value);
    let i = index.get(key);
    if (i === undefined) index.set(key, (i = table.push(value) - 1));
    return i;
  };
}

export function encodeHostTable(hosts: readonly Host[]): HostTable {
  const t: HostTable = {
    paths: [],
    nodeSets: [],
    tagSets: [],
    loginSets: [],
    untils: [],
    hosts: { name: [], address: [], nodeSet: [], tagSet: [], loginSet: [], until: [] },
  };
  const path = interner(t.paths, JSON.stringify);
  const nodeSet = interner(t.nodeSets, (set) => set.join(','));
  const tagSet = interner(t.tagSets, (tags) => JSON.stringify(Object.entries(tags)));
  const loginSet = interner(t.loginSets, JSON.stringify);
  const until = interner(t.untils, String);
  for (const host of hosts) {
    t.hosts.name.push(host.name);
    t.hosts.address.push(host.address);
    t.hosts.nodeSet.push(nodeSet(host.nodes.map(path)));
    t.hosts.tagSet.push(tagSet(host.tags));
    t.hosts.loginSet.push(loginSet(host.logins));
    // No accessUntil and null mean the same (HostSchema): both are sent as null.
    t.hosts.until.push(until(host.accessUntil ?? null));
  }
  return t;
}

/**
 * The hosts, in list order (those `pick` keeps, by their index). Only for a table HostTableSchema accepted. The shared objects are frozen
 * so that code changing one host's tags (say) fails loudly instead of changing thousands of hosts.
 */
export function decodeHostTable(table: HostTable, pick?: (index: number) => boolean): DecodedHost[] {
  const paths = table.paths.map((p) => Object.freeze(p));
  const nodeSets = table.nodeSets.map((set) => Object.freeze(set.map((i) => paths[i]!)));
  const tagSets = table.tagSets.map((tags) => Object.freeze(tags));
  const loginSets = table.loginSets.map((logins) => Object.freeze(logins));
  const { name, address, nodeSet, tagSet, loginSet, until } = table.hosts;
  const hosts: DecodedHost[] = [];
  for (let i = 0; i < name.length; i++) {
    if (pick && !pick(i)) continue;
    hosts.push({
      name: name[i]!,
      address: address[i]!,
      nodes: nodeSets[nodeSet[i]!] as string[][],
      tags: tagSets[tagSet[i]!]!,
      logins: loginSets[loginSet[i]!] as string[],
      accessUntil: table.untils[until[i]!]!,
    });
  }
  return hosts;
}

const Column = z.custom<unknown[]>((value) => Array.isArray(value), { error: 'expected an array with one entry per host' });

const HostTableShape = z.object({
  paths: z.array(TreePathSchema),
  nodeSets: z.array(z.array(z.number().int().nonnegative())),
  tagSets: z.array(z.record(z.string(), z.string())),
  loginSets: z.array(z.array(LoginNameSchema)),
  untils: z.array(z.number().int().nullable()),
  hosts: z.object({ name: Column, address: Column, nodeSet: Column, tagSet: Column, loginSet: Column, until: Column }),
});

/** Issues reported per table check before giving up: the message shows a few anyway. */
const MAX_ISSUES = 10;

/**
 * The host table as it crosses a boundary. The small tables go through zod; the long columns through
 * a loop with the same rules (host names by HostNameSchema's pattern, indexes in range), whose
 * failures are reported as zod issues with their path (`hosts.name.12: …`), so a malformed list is
 * refused with the same kind of message as anything else in the contract.
 */
export const HostTableSchema = HostTableShape.superRefine((table, ctx) => {
  let issues = 0;
  const report = (path: (string | number)[], message: string) => {
    ctx.addIssue({ code: 'custom', path, message });
    return ++issues >= MAX_ISSUES;
  };
  for (let s = 0; s < table.nodeSets.length; s++) {
    const set = table.nodeSets[s]!;
    for (let j = 0; j < set.length; j++) {
      if (set[j]! >= table.paths.length && report(['nodeSets', s, j], `no path ${set[j]} (there are ${table.paths.length})`)) return;
    }
  }
  const { hosts } = table;
  const count = hosts.name.length;
  for (const column of ['address', 'nodeSet', 'tagSet', 'loginSet', 'until'] as const) {
    if (hosts[column].length !== count && report(['hosts', column], `expected ${count} entries (one per host), got ${hosts[column].length}`)) return;
  }
  if (issues) return;
  for (let i = 0; i < count; i++) {
    const name = hosts.name[i];
    if (typeof name !== 'string' || !isHostName(name)) {
      const message = HostNameSchema.safeParse(name).error?.issues[0]?.message ?? 'not a host name';
      if (report(['hosts', 'name', i], message)) return;
    }
    if (typeof hosts.address[i] !== 'string' && report(['hosts', 'address', i], 'expected a string')) return;
  }
  for (const [column, tableName] of INDEX_COLUMNS) {
    const values = hosts[column];
    const size = table[tableName].length;
    for (let i = 0; i < count; i++) {
      const v = values[i];
      if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < size)) {
        if (report(['hosts', column, i], `expected an index into ${tableName} (0 to ${size - 1}), got ${JSON.stringify(v)}`)) return;
      }
    }
  }
}) as unknown as z.ZodType<HostTable, HostTable>;
