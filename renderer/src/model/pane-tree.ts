// Split panes as a tree (the shape shared/contract/layout.ts persists). Pure and immutable: every
// operation returns a new root. Splits of one child collapse; sizes always sum to 1.
import type { PaneNode, SplitPaneNode, TerminalPaneNode } from '../../../shared/contract/layout';

export type Edge = 'left' | 'right' | 'top' | 'bottom';
export type Direction = Edge;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function leaves(root: PaneNode): TerminalPaneNode[] {
  return root.kind === 'terminal' ? [root] : root.children.flatMap(leaves);
}

export function findLeaf(root: PaneNode, id: string): TerminalPaneNode | undefined {
  return leaves(root).find((l) => l.id === id);
}

/** The same tree (splits, sizes, hosts) with every node renamed by `newId`. */
export function copyTree(root: PaneNode, newId: (node: PaneNode) => string): PaneNode {
  if (root.kind === 'terminal') return { ...root, id: newId(root) };
  return { ...root, id: newId(root), sizes: [...root.sizes], children: root.children.map((c) => copyTree(c, newId)) };
}

const normalize = (sizes: number[]): number[] => {
  const sum = sizes.reduce((a, b) => a + b, 0);
  return sum > 0 ? sizes.map((s) => s / sum) : sizes.map(() => 1 / sizes.length);
};

/** Puts `leaf` beside `targetId` on `edge`, splitting the target (or joining its parent's split). */
export function splitAt(root: PaneNode, targetId: string, leaf: TerminalPaneNode, edge: Edge, newSplitId: () => string): PaneNode {
  const direction = edge === 'left' || edge === 'right' ? 'row' : 'column';
  const before = edge === 'left' || edge === 'top';
  const visit = (node: PaneNode): PaneNode => {
    if (node.kind === 'terminal') {
      if (node.id !== targetId) return node;
      return { kind: 'split', id: newSplitId(), direction, sizes: [0.5, 0.5], children: before ? [leaf, node] : [node, leaf] };
    }
    const index = node.children.findIndex((c) => c.kind === 'terminal' && c.id === targetId);
    if (index !== -1 && node.direction === direction) {
      // Join this split: the target gives half of its share to the newcomer.
      const share = node.sizes[index]! / 2;
      const at = before ? index : index + 1;
      const sizes = [...node.sizes];
      sizes[index] = share;
      sizes.splice(at, 0, share);
      const children = [...node.children];
      children.splice(at, 0, leaf);
      return { ...node, sizes: normalize(sizes), children };
    }
    return { ...node, children: node.children.map(visit) };
  };
  return visit(root);
}

/** Removes a leaf; its share goes to its siblings. Null when the last leaf goes. */
export function removePane(root: PaneNode, id: string): PaneNode | null {
  if (root.kind === 'terminal') return root.id === id ? null : root;
  const kept: Array<{ node: PaneNode; size: number }> = [];
  root.children.forEach((child, i) => {
    const next = removePane(child, id);
    if (next) kept.push({ node: next, size: root.sizes[i]! });
  });
  if (kept.length === 0) return null;
  if (kept.length === 1) return kept[0]!.node;
  // A child split in the same direction is flattened into this one.
  const children: PaneNode[] = [];
  const sizes: number[] = [];
  for (const { node, size } of kept) {
    if (node.kind === 'split' && node.direction === root.direction) {
      node.children.forEach((c, i) => {
        children.push(c);
        sizes.push(size * node.sizes[i]!);
      });
    } else {
      children.push(node);
      sizes.push(size);
    }
  }
  return { ...root, children, sizes: normalize(sizes) };
}

/** Moves leaf `id` onto `edge` of leaf `targetId` (drag and drop, or keyboard). */
export function movePane(root: PaneNode, id: string, targetId: string, edge: Edge, newSplitId: () => string): PaneNode {
  if (id === targetId) return root;
  const leaf = findLeaf(root, id);
  if (!leaf || !findLeaf(root, targetId)) return root;
  const without = removePane(root, id);
  return without ? splitAt(without, targetId, leaf, edge, newSplitId) : root;
}

export function setSizes(root: PaneNode, splitId: string, sizes: number[]): PaneNode {
  if (root.kind === 'terminal') return root;
  if (root.id === splitId && sizes.length === root.children.length && sizes.every((s) => s > 0)) return { ...root, sizes: normalize(sizes) };
  return { ...root, children: root.children.map((c) => setSizes(c, splitId, sizes)) };
}

/** Each leaf's rectangle in the unit square. */
export function paneRects(root: PaneNode, rect: Rect = { x: 0, y: 0, w: 1, h: 1 }, out = new Map<string, Rect>()): Map<string, Rect> {
  if (root.kind === 'terminal') return out.set(root.id, rect);
  let offset = 0;
  (root as SplitPaneNode).children.forEach((child, i) => {
    const size = root.sizes[i]!;
    const r = root.direction === 'row' ? { x: rect.x + offset * rect.w, y: rect.y, w: size * rect.w, h: rect.h } : { x: rect.x, y: rect.y + offset * rect.h, w: rect.w, h: size * rect.h };
    offset += size;
    paneRects(child, r, out);
  });
  return out;
}

const EPS = 1e-6;

/** The leaf next to `id` in `direction` (the one overlapping most along the other axis), if any. */
export function neighbour(root: PaneNode, id: string, direction: Direction): string | null {
  const rects = paneRects(root);
  const from = rects.get(id);
  if (!from) return null;
  let best: { id: string; distance: number; overlap: number } | null = null;
  for (const [otherId, r] of rects) {
    if (otherId === id) continue;
    let distance: number;
    let overlap: number;
    if (direction === 'left' || direction === 'right') {
      distance = direction === 'left' ? from.x - (r.x + r.w) : r.x - (from.x + from.w);
      overlap = Math.min(from.y + from.h, r.y + r.h) - Math.max(from.y, r.y);
    } else {
      distance = direction === 'top' ? from.y - (r.y + r.h) : r.y - (from.y + from.h);
      overlap = Math.min(from.x + from.w, r.x + r.w) - Math.max(from.x, r.x);
    }
    if (distance < -EPS || overlap <= EPS) continue;
    if (!best || distance < best.distance - EPS || (Math.abs(distance - best.distance) <= EPS && overlap > best.overlap)) {
      best = { id: otherId, distance, overlap };
    }
  }
  return best?.id ?? null;
}

/** Keyboard move: swap places with the neighbour in `direction` by docking on its far edge. */
export function movePaneDirection(root: PaneNode, id: string, direction: Direction, newSplitId: () => string): PaneNode {
  const target = neighbour(root, id, direction);
  return target ? movePane(root, id, target, direction, newSplitId) : root;
}

/** Leaves laid out as a grid, row by row (4 → 2×2, 5 → 3 + 2): columns ≈ √n, each split's sizes even. */
export function gridTree(panes: readonly TerminalPaneNode[], newSplitId: () => string): PaneNode {
  const split = (direction: 'row' | 'column', children: PaneNode[]): PaneNode =>
    children.length === 1 ? children[0]! : { kind: 'split', id: newSplitId(), direction, sizes: children.map(() => 1 / children.length), children };
  const cols = Math.ceil(Math.sqrt(panes.length));
  const rows: PaneNode[] = [];
  for (let i = 0; i < panes.length; i += cols) rows.push(split('row', panes.slice(i, i + cols)));
  return split('column', rows);
}
