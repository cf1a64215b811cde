// The head of the host list: the hosts of the tree's first screenful, as a small host table the
// renderer can paint before the whole list (50k hosts, ~2 MB of JSON) is parsed and checked.
// The main side computes it from the table it fetched (off the renderer's thread) and sends it
// first; the whole table follows (client API `hosts.head`, then `hosts.list`).
//
// The head holds every host of each group whose hosts show in the first `rows` rows of the tree
// (renderer/src/model/host-tree: groups depth-first in tree order, a group's subgroups before its
// own hosts), so a tree built from the head shows exactly the whole tree's first rows; only the
// groups' host counts are partial until the whole list arrives.
import { z } from 'zod';
import { decodeHostTable, encodeHostTable, HostTableSchema, type HostTable } from './host-table';
import { compareLabels, UNGROUPED_LABEL } from './tree-order';

export interface HostTableHead {
  table: HostTable;
  /** Hosts in the whole list: the head is the whole list when its table holds as many. */
  total: number;
}

export const HostTableHeadSchema = z.object({ table: HostTableSchema, total: z.number().int().nonnegative() });

/** Whether the head holds every host of the list (nothing more to ask for). */
export function isWholeList(head: HostTableHead): boolean {
  return head.table.hosts.name.length >= head.total;
}

/** The most rows a head may be asked for: it is a screenful, not a page of the list. */
export const MAX_HEAD_ROWS = 2000;

interface TreeNode {
  label: string;
  children: Map<string, TreeNode>;
  /** Host rows this group lists itself (hosts with this node's path among their nodes). */
  ownRows: number;
}

/** The head of `table` covering at least its tree's first `rows` rows (fewer if the tree has fewer). */
export function hostTableHead(table: HostTable, rows: number): HostTableHead {
  const { hosts } = table;
  const total = hosts.name.length;
  // Hosts per node set, then the tree of the paths in use, each path's node knowing its own rows.
  const setHosts = new Uint32Array(table.nodeSets.length);
  for (let i = 0; i < total; i++) setHosts[hosts.nodeSet[i]!]!++;
  const root: TreeNode = { label: '', children: new Map(), ownRows: 0 };
  const nodeOf = (path: readonly string[]): TreeNode => {
    let node = root;
    for (const label of path) {
      let child = node.children.get(label);
      if (!child) node.children.set(label, (child = { label, children: new Map(), ownRows: 0 }));
      node = child;
    }
    return node;
  };
  // Per node set, the distinct groups that list its hosts (a host with no node is "Ungrouped").
  const listedIn = table.nodeSets.map((set, s) => {
    if (setHosts[s] === 0) return [];
    const groups = new Set(set.length ? set.map((p) => nodeOf(table.paths[p]!)) : [nodeOf([UNGROUPED_LABEL])]);
    for (const group of groups) group.ownRows += setHosts[s]!;
    return [...groups];
  });

  // Walk the tree in order, counting rows, and stop right after a group's own hosts once there are
  // enough: every group row passed leads to a chosen group, so the head's tree has the same rows.
  const chosen = new Set<TreeNode>();
  let counted = 0;
  const walk = (node: TreeNode): boolean => {
    for (const child of [...node.children.values()].sort((a, b) => compareLabels(a.label, b.label))) {
      counted++;
      if (walk(child)) return true;
    }
    if (node.ownRows === 0) return false;
    chosen.add(node);
    counted += node.ownRows;
    return counted >= rows;
  };
  walk(root);

  const picked = table.nodeSets.map((_, s) => listedIn[s]!.some((group) => chosen.has(group)));
  const head = decodeHostTable(table, (i) => picked[hosts.nodeSet[i]!]!);
  return { table: encodeHostTable(head), total };
}
