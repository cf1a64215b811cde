import { describe, expect, it } from 'vitest';
import { leaves } from './pane-tree';
import { Workspace, workspaceViews, type PaneSession } from './workspace';

function workspace() {
  let n = 0;
  const w = new Workspace((prefix) => `${prefix}${++n}`);
  const open = (host: string) => w.open(w.newLeaf(host, 'root'));
  const beside = (host: string, edge: 'right' | 'bottom' = 'right') => {
    const leaf = w.newLeaf(host, 'root');
    w.openBeside(leaf, edge);
    return leaf.id;
  };
  const hostsOf = (key: string) => leaves(w.allTabs.find((t) => t.id === key)!.root).map((l) => l.host);
  return { w, open, beside, hostsOf };
}
const live = (): PaneSession => ({ status: 'live', terminalId: 't1', message: undefined });

describe('the workspace: tabs of split panes', () => {
  it('opens a tab active, splits beside the focused pane, and names a split tab by its focused pane', () => {
    const { w, open, beside, hostsOf } = workspace();
    const a = open('a');
    beside('b');
    expect(w.activeKey).toBe(a);
    expect(hostsOf(a)).toEqual(['a', 'b']);
    const views = workspaceViews(w, live);
    expect(views.tabs[0]).toMatchObject({ title: 'root@b +1', paneCount: 2, status: 'live' });
    expect(views.panes.size).toBe(2);
  });

  it('closing the focused pane focuses its left neighbour; the last pane closes the tab and the right neighbour tab activates', () => {
    const { w, open, beside } = workspace();
    const first = open('a');
    const second = open('b');
    const c = beside('c');
    const third = open('d');
    w.activate(second);
    expect(w.closePane(c)).toBe(true);
    expect(w.activeTab()!.focused).toBe(leaves(w.activeTab()!.root)[0]!.id);
    expect(w.closeTab(second)).toHaveLength(1);
    expect(w.activeKey).toBe(third);
    w.closeTab(third);
    expect(w.activeKey).toBe(first);
    expect(w.closeTab('nope')).toEqual([]);
  });

  it('cycles tabs both ways, wrapping around', () => {
    const { w, open } = workspace();
    const a = open('a');
    open('b');
    const c = open('c');
    w.cycleTab(1);
    expect(w.activeKey).toBe(a);
    w.cycleTab(-1);
    expect(w.activeKey).toBe(c);
  });

  it('moves a pane into another tab by drag and drop, closing the tab it leaves empty', () => {
    const { w, open, hostsOf } = workspace();
    const a = open('a');
    const b = open('b');
    const paneB = w.activeTab()!.focused;
    const paneA = w.allTabs.find((t) => t.id === a)!.focused;
    expect(w.dropPane(paneB, paneA, 'bottom')).toBe(true);
    expect(w.allTabs.map((t) => t.id)).toEqual([a]);
    expect(hostsOf(a)).toEqual(['a', 'b']);
    expect(w.activeTab()!.focused).toBe(paneB);
    expect(w.dropPane(paneA, paneA, 'left')).toBe(false);
    expect(b).not.toBe(a);
  });

  it('restores a saved layout only into an empty workspace, with placeholders', () => {
    const { w, open, beside } = workspace();
    open('a');
    beside('b');
    const layout = w.toLayout();
    const fresh = workspace().w;
    expect(fresh.restore(layout)).toBe(true);
    expect(fresh.toLayout()).toEqual(layout);
    expect(fresh.restore(layout)).toBe(false);
    const views = workspaceViews(fresh, () => ({ status: 'placeholder', terminalId: null, message: undefined }));
    expect([...views.panes.values()].map((p) => p.status)).toEqual(['placeholder', 'placeholder']);
  });
});

describe('tabs: rename, duplicate, close others, told apart', () => {
  it('renames a tab (trimmed, bounded), and an empty name gives it back its pane name', () => {
    const { w, open } = workspace();
    const a = open('web-01');
    expect(w.rename(a, '  prod shell ')).toBe(true);
    expect(workspaceViews(w, live).tabs[0]).toMatchObject({ title: 'prod shell', renamed: true });
    expect(w.rename(a, 'prod shell')).toBe(false);
    expect(w.rename(a, 'x'.repeat(500))).toBe(true);
    expect(workspaceViews(w, live).tabs[0]!.title).toHaveLength(200);
    expect(w.rename(a, '   ')).toBe(true);
    expect(workspaceViews(w, live).tabs[0]).toMatchObject({ title: 'root@web-01', renamed: false });
    expect(w.rename('nope', 'x')).toBe(false);
  });

  it('a renamed tab keeps its name through the saved layout', () => {
    const { w, open } = workspace();
    const a = open('web-01');
    open('web-02');
    w.rename(a, 'db work');
    const restored = new Workspace((p) => `${p}-r`);
    restored.restore(JSON.parse(JSON.stringify(w.toLayout())));
    expect(workspaceViews(restored, live).tabs.map((t) => t.title)).toEqual(['db work', 'root@web-02']);
  });

  it('duplicates a tab right after it, with the same splits and hosts in new panes, active', () => {
    const { w, open, beside, hostsOf } = workspace();
    const a = open('a');
    beside('b', 'bottom');
    const last = open('z');
    w.rename(a, 'pair');
    const panes = w.duplicate(a);
    expect(panes.map((p) => p.host)).toEqual(['a', 'b']);
    expect(w.allTabs.map((t) => t.id)).toEqual([a, w.activeKey, last]);
    const copy = w.activeTab()!;
    expect(hostsOf(copy.id)).toEqual(['a', 'b']);
    expect(copy.root).toMatchObject({ kind: 'split', direction: 'column' });
    expect(leaves(copy.root).map((l) => l.id)).not.toContain(leaves(w.allTabs[0]!.root)[0]!.id);
    expect(copy.focused).toBe(panes[1]!.id); // the copy of the focused pane
    expect(workspaceViews(w, live).tabs.map((t) => t.title)).toEqual(['pair', 'pair (2)', 'root@z']);
    expect(w.duplicate('nope')).toEqual([]);
  });

  it('closes every other tab, returning their panes, and activates the kept one', () => {
    const { w, open, beside } = workspace();
    const a = open('a');
    const b = open('b');
    const c = beside('c');
    open('d');
    const closed = w.closeOthers(a);
    expect(closed).toHaveLength(3);
    expect(closed).toContain(c);
    expect(w.allTabs.map((t) => t.id)).toEqual([a]);
    expect(w.activeKey).toBe(a);
    expect(w.closeOthers(b)).toEqual([]);
  });

  it('tells tabs of the same host apart by number, in tab order', () => {
    const { w, open } = workspace();
    open('web-01');
    open('db');
    open('web-01');
    open('web-01');
    expect(workspaceViews(w, live).tabs.map((t) => t.title)).toEqual(['root@web-01', 'root@db', 'root@web-01 (2)', 'root@web-01 (3)']);
  });
});
