import { describe, expect, it } from 'vitest';
import type { PaneNode, TerminalPaneNode } from '../../../shared/contract/layout';
import { LayoutSchema } from '../../../shared/contract/layout';
import { gridTree, leaves, movePane, movePaneDirection, neighbour, paneRects, removePane, setSizes, splitAt } from './pane-tree';

const leaf = (id: string): TerminalPaneNode => ({ kind: 'terminal', id, host: `h-${id}`, login: 'root' });
let n = 0;
const sid = () => `s${++n}`;
/** A compact picture: row(a,b) / col(a,b), leaves by id. */
const show = (node: PaneNode | null): string =>
  !node ? '∅' : node.kind === 'terminal' ? node.id : `${node.direction === 'row' ? 'row' : 'col'}(${node.children.map(show).join(',')})`;

describe('pane tree', () => {
  it('splits right and down, nesting only when the direction changes', () => {
    let root: PaneNode = leaf('a');
    root = splitAt(root, 'a', leaf('b'), 'right', sid);
    root = splitAt(root, 'b', leaf('c'), 'right', sid);
    expect(show(root)).toBe('row(a,b,c)');
    expect(root.kind === 'split' && root.sizes).toEqual([0.5, 0.25, 0.25]);
    root = splitAt(root, 'c', leaf('d'), 'bottom', sid);
    expect(show(root)).toBe('row(a,b,col(c,d))');
    root = splitAt(root, 'a', leaf('e'), 'left', sid);
    expect(show(root)).toBe('row(e,a,b,col(c,d))');
    expect(() => LayoutSchema.parse({ version: 1, tabs: [{ id: 't', root }], activeTab: 't' })).not.toThrow();
  });

  it('removes panes, collapsing one-child splits and flattening same-direction ones', () => {
    let root: PaneNode = splitAt(leaf('a'), 'a', leaf('b'), 'right', sid);
    root = splitAt(root, 'b', leaf('c'), 'bottom', sid); // row(a, col(b,c))
    expect(show(removePane(root, 'b'))).toBe('row(a,c)');
    expect(show(removePane(removePane(root, 'a')!, 'c'))).toBe('b');
    expect(removePane(leaf('a'), 'a')).toBeNull();
    const sizes = (removePane(root, 'c') as { sizes: number[] }).sizes;
    expect(sizes.reduce((x, y) => x + y)).toBeCloseTo(1);
  });

  it('moves a pane onto another pane\'s edge', () => {
    let root: PaneNode = splitAt(leaf('a'), 'a', leaf('b'), 'right', sid);
    root = splitAt(root, 'b', leaf('c'), 'right', sid); // row(a,b,c)
    expect(show(movePane(root, 'c', 'a', 'top', sid))).toBe('row(col(c,a),b)');
    expect(show(movePane(root, 'a', 'c', 'right', sid))).toBe('row(b,c,a)');
    expect(show(movePane(root, 'a', 'a', 'right', sid))).toBe('row(a,b,c)');
    expect(show(movePane(root, 'zz', 'a', 'right', sid))).toBe('row(a,b,c)');
  });

  it('finds neighbours by geometry and moves panes by keyboard', () => {
    let root: PaneNode = splitAt(leaf('a'), 'a', leaf('b'), 'right', sid);
    root = splitAt(root, 'b', leaf('c'), 'bottom', sid); // a | (b over c)
    const rects = paneRects(root);
    expect(rects.get('c')).toEqual({ x: 0.5, y: 0.5, w: 0.5, h: 0.5 });
    expect(neighbour(root, 'a', 'right')).toBe('b'); // equal overlap: the first found, top
    expect(neighbour(root, 'c', 'left')).toBe('a');
    expect(neighbour(root, 'b', 'bottom')).toBe('c');
    expect(neighbour(root, 'a', 'left')).toBeNull();
    expect(show(movePaneDirection(root, 'c', 'left', sid))).toBe('row(c,a,b)');
    expect(show(movePaneDirection(root, 'a', 'up' as never, sid))).toBe(show(root));
  });

  it('keeps sizes valid', () => {
    const root = splitAt(leaf('a'), 'a', leaf('b'), 'right', () => 'S');
    expect((setSizes(root, 'S', [30, 70]) as { sizes: number[] }).sizes).toEqual([0.3, 0.7]);
    expect(setSizes(root, 'S', [1])).toEqual(root);
    expect(leaves(root).map((l) => l.id)).toEqual(['a', 'b']);
  });
});

describe('gridTree', () => {
  const leaf = (id: string): TerminalPaneNode => ({ kind: 'terminal', id, host: id, login: 'root' });
  let n = 0;
  const newId = () => `s${++n}`;
  it('lays panes out row by row, about as many columns as rows, every leaf once', () => {
    expect(gridTree([leaf('a')], newId)).toEqual(leaf('a'));
    const five = gridTree(['a', 'b', 'c', 'd', 'e'].map(leaf), newId);
    expect(five.kind === 'split' && five.direction).toBe('column');
    expect(five.kind === 'split' && five.children.map((row) => leaves(row).map((l) => l.id))).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    const sixteen = gridTree(Array.from({ length: 16 }, (_, i) => leaf(`p${i}`)), newId);
    expect(leaves(sixteen)).toHaveLength(16);
    expect(sixteen.kind === 'split' && sixteen.children.every((row) => row.kind === 'split' && row.children.length === 4 && Math.abs(row.sizes.reduce((a, b) => a + b) - 1) < 1e-9)).toBe(true);
  });
});
