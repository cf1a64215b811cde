// The host tree: team › business line › service › module › host. A host may sit under several
// nodes. Pure, and shaped for growth: the view renders the flat `rows` list, which a virtualized
// list (50 k hosts) can window without touching this module.
import type { Host } from '../../../shared/contract/inventory';

export const UNGROUPED_LABEL = 'Ungrouped';

export interface TreeGroup {
  /** Unique among groups: the JSON of the path. */
  key: string;
  label: string;
  path: string[];
  groups: TreeGroup[];
  hosts: Host[];
  /** Distinct hosts anywhere below this group. */
  hostCount: number;
}

export type TreeRow =
  | { kind: 'group'; key: string; label: string; depth: number; expanded: boolean; hostCount: number }
  | { kind: 'host'; key: string; host: Host; depth: number };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function buildHostTree(hosts: readonly Host[]): TreeGroup {
  interface Draft {
    group: TreeGroup;
    children: Map<string, Draft>;
    hostNames: Set<string>;
    below: Set<string>;
  }
  const makeDraft = (path: string[], label: string): Draft => ({
    group: { key: JSON.stringify(path), label, path, groups: [], hosts: [], hostCount: 0 },
    children: new Map(),
    hostNames: new Set(),
    below: new Set(),
  });
  const root = makeDraft([], '');

  for (const host of hosts) {
    const paths = host.nodes.length ? host.nodes : [[UNGROUPED_LABEL]];
    for (const path of paths) {
      let draft = root;
      draft.below.add(host.name);
      for (const [i, segment] of path.entries()) {
        let child = draft.children.get(segment);
        if (!child) draft.children.set(segment, (child = makeDraft(path.slice(0, i + 1), segment)));
        draft = child;
        draft.below.add(host.name);
      }
      if (!draft.hostNames.has(host.name)) {
        draft.hostNames.add(host.name);
        draft.group.hosts.push(host);
      }
    }
  }

  const finish = (draft: Draft): TreeGroup => {
    const group = draft.group;
    group.groups = [...draft.children.values()].map(finish).sort((a, b) => collator.compare(a.label, b.label));
    group.hosts.sort((a, b) => collator.compare(a.name, b.name));
    group.hostCount = draft.below.size;
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
    for (const host of group.hosts) rows.push({ kind: 'host', key: `${group.key}\u0000${host.name}`, host, depth });
  };
  walk(root, 0);
  return rows;
}
