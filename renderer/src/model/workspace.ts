// The workspace's shape: tabs, each a tree of split panes (./pane-tree) with one focused pane, and
// the active tab. Pure (no sessions, no React): the terminal area's store starts and ends a pane's
// session around these moves and turns the shape into views (workspaceViews).
import type { Layout, PaneNode, TerminalPaneNode } from '../../../shared/contract/layout';
import { copyTree, findLeaf, gridTree, leaves, movePane, movePaneDirection, neighbour, removePane, setSizes, splitAt, type Direction, type Edge } from './pane-tree';

export interface TabModel {
  id: string;
  root: PaneNode;
  focused: string;
  /** The name the user gave the tab; absent, it is named after its focused pane. */
  title?: string;
}

/** The longest tab name the user may give (the saved layout's bound). */
export const MAX_TAB_TITLE = 200;

export type NewId = (prefix: 'tab' | 'pane' | 'split') => string;

export class Workspace {
  private tabs: TabModel[] = [];
  private active: string | null = null;

  constructor(private readonly newId: NewId) {}

  get allTabs(): readonly TabModel[] {
    return this.tabs;
  }

  get activeKey(): string | null {
    return this.active;
  }

  activeTab(): TabModel | undefined {
    return this.tabs.find((t) => t.id === this.active);
  }

  tabOf(paneId: string): TabModel | undefined {
    return this.tabs.find((t) => findLeaf(t.root, paneId));
  }

  leaf(paneId: string): TerminalPaneNode | undefined {
    const tab = this.tabOf(paneId);
    return tab && findLeaf(tab.root, paneId);
  }

  newLeaf(host: string, login: string): TerminalPaneNode {
    return { kind: 'terminal', id: this.newId('pane'), host, login };
  }

  /** A new active tab holding `leaf`. */
  open(leaf: TerminalPaneNode): string {
    const tab: TabModel = { id: this.newId('tab'), root: leaf, focused: leaf.id };
    this.tabs.push(tab);
    this.active = tab.id;
    return tab.id;
  }

  /** A new active tab holding `panes` as a grid (model/pane-tree gridTree); the first is focused. */
  openGrid(panes: readonly TerminalPaneNode[]): void {
    if (!panes.length) return;
    const tab: TabModel = { id: this.newId('tab'), root: gridTree(panes, () => this.newId('split')), focused: panes[0]!.id };
    this.tabs.push(tab);
    this.active = tab.id;
  }

  /** `leaf` beside the active tab's focused pane (a new tab if there is none); it takes the focus. */
  openBeside(leaf: TerminalPaneNode, edge: Edge): void {
    const tab = this.activeTab();
    if (!tab) return void this.open(leaf);
    tab.root = splitAt(tab.root, tab.focused, leaf, edge, () => this.newId('split'));
    tab.focused = leaf.id;
  }

  /** False if nothing changed. */
  activate(key: string): boolean {
    if (!this.tabs.some((t) => t.id === key) || this.active === key) return false;
    this.active = key;
    return true;
  }

  cycleTab(step: 1 | -1): boolean {
    const index = this.tabs.findIndex((t) => t.id === this.active);
    const next = this.tabs[(index + step + this.tabs.length) % this.tabs.length];
    return next ? this.activate(next.id) : false;
  }

  focusPane(paneId: string): boolean {
    const tab = this.tabOf(paneId);
    if (!tab || (tab.focused === paneId && this.active === tab.id)) return false;
    tab.focused = paneId;
    this.active = tab.id;
    return true;
  }

  moveFocus(direction: Direction): boolean {
    const tab = this.activeTab();
    const target = tab && neighbour(tab.root, tab.focused, direction);
    return target ? this.focusPane(target) : false;
  }

  moveFocused(direction: Direction): boolean {
    const tab = this.activeTab();
    if (!tab) return false;
    tab.root = movePaneDirection(tab.root, tab.focused, direction, () => this.newId('split'));
    return true;
  }

  /** Drag and drop: pane `paneId` (of any tab) docks on `edge` of `targetId`. */
  dropPane(paneId: string, targetId: string, edge: Edge): boolean {
    const from = this.tabOf(paneId);
    const to = this.tabOf(targetId);
    if (!from || !to || paneId === targetId) return false;
    if (from === to) {
      to.root = movePane(to.root, paneId, targetId, edge, () => this.newId('split'));
    } else {
      const leaf = findLeaf(from.root, paneId)!;
      const rest = removePane(from.root, paneId);
      if (rest) {
        from.root = rest;
        if (from.focused === paneId) from.focused = leaves(rest)[0]!.id;
      } else this.tabs = this.tabs.filter((t) => t !== from);
      to.root = splitAt(to.root, targetId, leaf, edge, () => this.newId('split'));
    }
    to.focused = paneId;
    this.active = to.id;
    return true;
  }

  resize(tabKey: string, splitId: string, sizes: number[]): boolean {
    const tab = this.tabs.find((t) => t.id === tabKey);
    if (!tab) return false;
    const root = setSizes(tab.root, splitId, sizes);
    if (root === tab.root) return false;
    tab.root = root;
    return true;
  }

  /** Removes one pane; the last pane of a tab removes the tab. The focus goes to its left (else upper) neighbour. */
  closePane(paneId: string): boolean {
    const tab = this.tabOf(paneId);
    if (!tab) return false;
    const rest = removePane(tab.root, paneId);
    if (!rest) return this.closeTab(tab.id).length > 0;
    const next = tab.focused === paneId ? (neighbour(tab.root, paneId, 'left') ?? neighbour(tab.root, paneId, 'top') ?? leaves(rest)[0]!.id) : tab.focused;
    tab.root = rest;
    tab.focused = findLeaf(rest, next) ? next : leaves(rest)[0]!.id;
    return true;
  }

  /** Removes a tab; the neighbour to its right (else left) becomes active. Returns its panes' ids. */
  closeTab(key: string): string[] {
    const index = this.tabs.findIndex((t) => t.id === key);
    if (index < 0) return [];
    const [tab] = this.tabs.splice(index, 1);
    if (this.active === key) this.active = (this.tabs[index] ?? this.tabs[index - 1])?.id ?? null;
    return leaves(tab!.root).map((l) => l.id);
  }

  /** Names a tab; an empty (or blank) title gives it back its pane's name. False if nothing changed. */
  rename(key: string, title: string): boolean {
    const tab = this.tabs.find((t) => t.id === key);
    const name = title.trim().slice(0, MAX_TAB_TITLE);
    if (!tab || (tab.title ?? '') === name) return false;
    if (name) tab.title = name;
    else delete tab.title;
    return true;
  }

  /** A copy of a tab (same splits, same hosts, new panes) right after it, active. Returns the new panes. */
  duplicate(key: string): TerminalPaneNode[] {
    const index = this.tabs.findIndex((t) => t.id === key);
    if (index < 0) return [];
    const tab = this.tabs[index]!;
    const ids = new Map<string, string>();
    const root = copyTree(tab.root, (node) => {
      const id = this.newId(node.kind === 'split' ? 'split' : 'pane');
      ids.set(node.id, id);
      return id;
    });
    const copy: TabModel = { id: this.newId('tab'), root, focused: ids.get(tab.focused)!, ...(tab.title ? { title: tab.title } : {}) };
    this.tabs.splice(index + 1, 0, copy);
    this.active = copy.id;
    return leaves(root);
  }

  /** Removes every tab but `key`, which becomes active. Returns the removed panes' ids. */
  closeOthers(key: string): string[] {
    const keep = this.tabs.find((t) => t.id === key);
    if (!keep) return [];
    const closed = this.tabs.filter((t) => t !== keep).flatMap((t) => leaves(t.root).map((l) => l.id));
    this.tabs = [keep];
    this.active = key;
    return closed;
  }

  /** The saved shape: tabs (with the names the user gave them), splits and the host of each pane. */
  toLayout(): Layout {
    return { version: 1, tabs: this.tabs.map((t) => ({ id: t.id, ...(t.title ? { title: t.title } : {}), root: t.root })), activeTab: this.active };
  }

  /** Restores a saved layout, only into an empty workspace. */
  restore(layout: Layout): boolean {
    if (this.tabs.length || !layout.tabs.length) return false;
    this.tabs = layout.tabs.map((t) => ({ id: t.id, root: t.root, focused: leaves(t.root)[0]!.id, ...(t.title?.trim() ? { title: t.title.trim() } : {}) }));
    this.active = layout.activeTab && this.tabs.some((t) => t.id === layout.activeTab) ? layout.activeTab : this.tabs[0]!.id;
    return true;
  }

  /** Every pane id, in tab order. */
  paneIds(): string[] {
    return this.tabs.flatMap((t) => leaves(t.root).map((l) => l.id));
  }
}

export type PaneStatus = 'connecting' | 'live' | 'closed' | 'lost' | 'placeholder';

/** What the store knows of a pane's session (none: a placeholder). */
export interface PaneSession {
  status: PaneStatus;
  terminalId: string | null;
  message: string | undefined;
  /** The gateway refused the session (an error, not an ordinary end). */
  refused?: boolean;
  /** The gateway's reason for a refusal (shared/contract/refusal.ts). */
  refusal?: string;
}

export interface PaneView extends PaneSession {
  id: string;
  host: string;
  login: string;
  title: string;
}

export interface TabView {
  key: string;
  /** What the tab shows: the user's name for it, else its focused pane's, numbered among tabs of the same name ("root@web-01 (2)"). */
  title: string;
  /** Named by the user (rename), not after its pane. */
  renamed: boolean;
  host: string;
  login: string;
  /** Of the tab's focused pane, which is what the tab shows as its status. */
  terminalId: string | null;
  status: PaneStatus;
  message: string | undefined;
  root: PaneNode;
  focusedPane: string;
  paneCount: number;
}

export interface WorkspaceViews {
  tabs: readonly TabView[];
  activeKey: string | null;
  panes: ReadonlyMap<string, PaneView>;
}

/** What the UI shows: a view per tab and per pane, each pane with its session's state. */
export function workspaceViews(workspace: Workspace, sessionOf: (paneId: string) => PaneSession): WorkspaceViews {
  const panes = new Map<string, PaneView>();
  const titles = tabTitles(workspace.allTabs.map((tab) => tab.title ?? leafTitle(findLeaf(tab.root, tab.focused) ?? leaves(tab.root)[0]!)));
  const tabs = workspace.allTabs.map((tab, index): TabView => {
    const all = leaves(tab.root);
    for (const leaf of all) panes.set(leaf.id, { id: leaf.id, host: leaf.host, login: leaf.login, title: leafTitle(leaf), ...sessionOf(leaf.id) });
    const focused = panes.get(tab.focused) ?? panes.get(all[0]!.id)!;
    const title = titles[index]!;
    return {
      key: tab.id,
      title: all.length > 1 && !tab.title ? `${title} +${all.length - 1}` : title,
      renamed: !!tab.title,
      host: focused.host,
      login: focused.login,
      terminalId: focused.terminalId,
      status: focused.status,
      message: focused.message,
      root: tab.root,
      focusedPane: tab.focused,
      paneCount: all.length,
    };
  });
  return { tabs, activeKey: workspace.activeKey, panes };
}

const leafTitle = (leaf: TerminalPaneNode) => `${leaf.login}@${leaf.host}`;

/** Tabs of the same name told apart: the second "web-01" becomes "web-01 (2)", in tab order. */
export function tabTitles(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}
