// The host tree: team › business line › service › module › host. A host may sit under several
// nodes. Pure, and built for 50 k hosts: no per-node sets (distinct hosts below a node are counted
// per distinct `nodes` array, which decoded hosts share), and names sorted with precomputed
// natural-order keys instead of a collator.
// Building is one pass in list order; each group sorts its own hosts the first time they are read
// (`sortGroup`), so the first screen sorts a few groups, not 50 k names (the rest when idle).
// Hosts are also known by their number in the list given to buildHostTree (`ids`), which is how
// HostSearch names them. The view renders the flat `rows` list through a virtualized list.
import type { Host } from '../../../shared/contract/inventory';
import { compareLabels, naturalKey, UNGROUPED_LABEL } from '../../../shared/contract/tree-order';

export { naturalKey, UNGROUPED_LABEL };

export interface TreeGroup {
  /** Unique among groups: the JSON of the path. */
  key: string;
  label: string;
  path: string[];
  groups: TreeGroup[];
  /** This group's own hosts; in natural name order once sortGroup ran (every reader calls it). */
  hosts: Host[];
  /** Each host's number in the list the tree was built from, parallel to `hosts`. */
  ids: number[];
  sorted: boolean;
  /** Distinct hosts anywhere below this group. */
  hostCount: number;
  /** Some host sits twice below this group (several paths): counting matches needs a set. */
  shared?: boolean;
}

export type TreeRow =
  | { kind: 'group'; key: string; label: string; depth: number; expanded: boolean; hostCount: number }
  | { kind: 'host'; key: string; host: Host; depth: number };

const keyCache = new WeakMap<Host, string>();
const hostKey = (host: Host): string => {
  let key = keyCache.get(host);
  if (key === undefined) keyCache.set(host, (key = `${naturalKey(host.name)}\u0000${host.name}`));
  return key;
};

/** Hosts in natural name order (stable, cached keys); filtering a sorted list keeps it sorted. */
export function sortHosts(hosts: readonly Host[]): Host[] {
  return [...hosts].sort((a, b) => {
    const ka = hostKey(a);
    const kb = hostKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

interface Draft {
  group: TreeGroup;
  children: Map<string, Draft>;
}

/** Where the hosts with one `nodes` array go: every group above them (once) and the groups that list them. */
interface Placement {
  below: Draft[];
  listedIn: Draft[];
  hosts: number;
}

/** Puts a group's own hosts (and ids) in natural name order, once. */
export function sortGroup(group: TreeGroup): void {
  if (group.sorted) return;
  group.sorted = true;
  if (group.hosts.length < 2) return;
  const entries = group.hosts.map((host, i) => ({ key: hostKey(host), host, id: group.ids[i]! }));
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  entries.forEach((entry, i) => {
    group.hosts[i] = entry.host;
    group.ids[i] = entry.id;
  });
}

/** Every group of the tree, depth-first (for sorting them all when idle). */
export function allGroups(root: TreeGroup): TreeGroup[] {
  const out: TreeGroup[] = [];
  const walk = (group: TreeGroup) => {
    out.push(group);
    group.groups.forEach(walk);
  };
  walk(root);
  return out;
}

/** Builds the tree. `presorted`: the hosts already come in sortHosts order (no group needs sorting). */
export function buildHostTree(hosts: readonly Host[], presorted = false): TreeGroup {
  const makeDraft = (path: string[], label: string): Draft => ({
    group: { key: JSON.stringify(path), label, path, groups: [], hosts: [], ids: [], sorted: presorted, hostCount: 0 },
    children: new Map(),
  });
  const root = makeDraft([], '');
  const ungrouped = [[UNGROUPED_LABEL]];
  // The drafts from the root down to a path's node, by the path array itself: hosts decoded from the
  // wire share their path arrays (shared/contract/host-table), so each distinct path is walked once.
  const chains = new Map<readonly string[], Draft[]>();
  const chainOf = (path: readonly string[]): Draft[] => {
    let chain = chains.get(path);
    if (chain) return chain;
    let draft = root;
    chain = [root];
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      let child = draft.children.get(segment);
      if (!child) draft.children.set(segment, (child = makeDraft(path.slice(0, i + 1), segment)));
      chain.push((draft = child));
    }
    chains.set(path, chain);
    return chain;
  };

  // Likewise by `nodes` array: hosts sharing one are counted together, after the pass.
  const placements = new Map<readonly (readonly string[])[], Placement>();
  const placementOf = (nodes: readonly (readonly string[])[]): Placement => {
    let placement = placements.get(nodes);
    if (placement) return placement;
    const below = new Set<Draft>();
    const listedIn = new Set<Draft>();
    for (const path of nodes) {
      const chain = chainOf(path);
      for (const draft of chain) below.add(draft);
      listedIn.add(chain[chain.length - 1]!);
    }
    placements.set(nodes, (placement = { below: [...below], listedIn: [...listedIn], hosts: 0 }));
    return placement;
  };

  hosts.forEach((host, stamp) => {
    const placement = placementOf(host.nodes.length ? host.nodes : ungrouped);
    placement.hosts++;
    for (const draft of placement.listedIn) {
      draft.group.hosts.push(host);
      draft.group.ids.push(stamp);
    }
  });
  // A host counts once in every group above it, whichever of its paths lead there.
  for (const { below, hosts: n } of placements.values()) for (const draft of below) draft.group.hostCount += n;

  const finish = (draft: Draft): TreeGroup => {
    const group = draft.group;
    group.groups = [...draft.children.values()].map(finish).sort((a, b) => compareLabels(a.label, b.label));
    group.shared = group.hosts.length + group.groups.reduce((n, g) => n + g.hostCount, 0) > group.hostCount;
    return group;
  };
  return finish(root);
}

/**
 * The visible rows: groups first, then hosts, depth-first. Groups in `collapsed` hide their
 * content, unless `expandAll` (while filtering, every match is shown).
 */
export function flattenTree(root: TreeGroup, collapsed: ReadonlySet<string>, expandAll = false): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (group: TreeGroup, depth: number) => {
    for (const child of group.groups) {
      const expanded = expandAll || !collapsed.has(child.key);
      rows.push({ kind: 'group', key: child.key, label: child.label, depth, expanded, hostCount: child.hostCount });
      if (expanded) walk(child, depth + 1);
    }
    sortGroup(group);
    for (const host of group.hosts) rows.push({ kind: 'host', key: `${group.key}\u0000${host.name}`, host, depth });
  };
  walk(root, 0);
  return rows;
}

/**
 * The visible rows without materializing them: 50 k host rows are a few slices of the groups'
 * host arrays, found by binary search. `match` (a filter; `id` is the host's number, see
 * buildHostTree) hides hosts and empty groups and shows every match expanded. Building it is
 * O(groups + hosts checked), `at` is O(log segments). Unfiltered, a group's hosts are sorted only
 * when a row of theirs is read.
 */
export type HostMatch = (host: Host, id: number) => boolean;

export interface RowList {
  readonly length: number;
  /** Distinct hosts shown. */
  readonly hostCount: number;
  at(index: number): TreeRow;
  indexOf(key: string): number;
}

type Segment =
  | { start: number; kind: 'group'; row: TreeRow & { kind: 'group' } }
  | { start: number; kind: 'hosts'; group: TreeGroup; hosts: Host[]; depth: number; groupKey: string };

export function visibleRows(root: TreeGroup, collapsed: ReadonlySet<string>, match: HostMatch | null): RowList {
  const segments: Segment[] = [];
  let length = 0;
  const matchedHosts = new Map<TreeGroup, Host[]>();
  const matchedCount = new Map<TreeGroup, number>();

  // Filtered: count matches per group bottom-up (exact: a set where a host sits twice below).
  // Every host of the list is counted once at the root, so ids run below root.hostCount.
  let seen: Uint32Array | null = null;
  let stamp = 0;
  const countMatches = (group: TreeGroup): number => {
    sortGroup(group);
    const own: Host[] = [];
    for (let i = 0; i < group.hosts.length; i++) if (match!(group.hosts[i]!, group.ids[i]!)) own.push(group.hosts[i]!);
    matchedHosts.set(group, own);
    let n = own.length;
    for (const child of group.groups) n += countMatches(child);
    if (group.shared && n > 0) n = distinctBelow(group, match!, (seen ??= new Uint32Array(root.hostCount)), ++stamp);
    matchedCount.set(group, n);
    return n;
  };
  if (match) countMatches(root);

  const walk = (group: TreeGroup, depth: number) => {
    for (const child of group.groups) {
      const count = match ? matchedCount.get(child)! : child.hostCount;
      if (count === 0) continue;
      const expanded = match !== null || !collapsed.has(child.key);
      segments.push({ start: length++, kind: 'group', row: { kind: 'group', key: child.key, label: child.label, depth, expanded, hostCount: count } });
      if (expanded) walk(child, depth + 1);
    }
    const hosts = match ? matchedHosts.get(group)! : group.hosts;
    if (hosts.length) {
      segments.push({ start: length, kind: 'hosts', group, hosts, depth, groupKey: group.key });
      length += hosts.length;
    }
  };
  walk(root, 0);

  const segmentAt = (index: number): Segment => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.start <= index) lo = mid;
      else hi = mid - 1;
    }
    return segments[lo]!;
  };

  return {
    length,
    hostCount: match ? matchedCount.get(root)! : root.hostCount,
    at(index) {
      const seg = segmentAt(index);
      if (seg.kind === 'group') return seg.row;
      sortGroup(seg.group);
      const host = seg.hosts[index - seg.start]!;
      return { kind: 'host', key: `${seg.groupKey}\u0000${host.name}`, host, depth: seg.depth };
    },
    indexOf(key) {
      const cut = key.indexOf('\u0000');
      for (const seg of segments) {
        if (seg.kind === 'group') {
          if (cut === -1 && seg.row.key === key) return seg.start;
        } else if (cut !== -1 && seg.groupKey === key.slice(0, cut)) {
          sortGroup(seg.group);
          const name = key.slice(cut + 1);
          const i = seg.hosts.findIndex((h) => h.name === name);
          return i === -1 ? -1 : seg.start + i;
        }
      }
      return -1;
    },
  };
}

/** Distinct matching hosts below a group: `seen` holds, per host id, the stamp of the last group that counted it. */
function distinctBelow(group: TreeGroup, match: HostMatch, seen: Uint32Array, stamp: number): number {
  let n = 0;
  const visit = (g: TreeGroup) => {
    for (let i = 0; i < g.hosts.length; i++) {
      const id = g.ids[i]!;
      if (seen[id] !== stamp && match(g.hosts[i]!, id)) {
        seen[id] = stamp;
        n++;
      }
    }
    g.groups.forEach(visit);
  };
  visit(group);
  return n;
}

/** The one host these rows show (Enter in the filter opens it), or null when they show none or several. */
export function onlyHost(rows: RowList): Host | null {
  if (rows.hostCount !== 1) return null;
  // One host: its groups' rows come first, at most a path per node it sits in.
  for (let i = 0; i < rows.length; i++) {
    const row = rows.at(i);
    if (row.kind === 'host') return row.host;
  }
  return null;
}
