// The workspace: tabs, each a tree of split panes (model/pane-tree), and the terminal sessions shown
// in them — an external store for React (useSyncExternalStore). It subscribes to terminal events
// once, for the life of the app, so nothing is missed while React renders.
//
// A pane without a session is a placeholder (restored from the saved layout, or its session was
// closed): it shows the host and opens only when the user asks — never silently.
//
// The terminal code (xterm.js, its WebGL renderer and addons: ./session) is a chunk of its own,
// loaded after the first screen (loadTerminalCode, at idle) or when a pane first opens, so the app
// starts without evaluating it. A pane opened before it arrived is 'connecting' meanwhile.
import type { ITerminalOptions } from '@xterm/xterm';
import type { Layout, PaneNode, TerminalPaneNode } from '../../../shared/contract/layout';
import type { PortcullisApi } from '../../../shared/contract/window';
import { findLeaf, leaves, movePane, movePaneDirection, neighbour, removePane, setSizes, splitAt, type Direction, type Edge } from '../model/pane-tree';
import { WebglPool } from '../model/webgl-pool';
import { TerminalEventRouter } from './event-router';
import type * as SessionCode from './session';
import type { TabStatus, TerminalSession, TerminalSnapshot } from './session';
import type { TerminalEnd } from './status-line';

type SessionModule = typeof SessionCode;

export type PaneStatus = TabStatus | 'placeholder';

export interface PaneView {
  id: string;
  host: string;
  login: string;
  title: string;
  status: PaneStatus;
  terminalId: string | null;
  message: string | undefined;
}

export interface TabView {
  key: string;
  title: string;
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

export interface SessionsSnapshot {
  tabs: readonly TabView[];
  activeKey: string | null;
  panes: ReadonlyMap<string, PaneView>;
}

interface TabModel {
  id: string;
  root: PaneNode;
  focused: string;
}

interface StoreOptions {
  options: ITerminalOptions;
  onLink: (uri: string) => void;
  webglCap?: number;
}

const uid = (() => {
  const run = Math.random().toString(36).slice(2, 6);
  let n = 0;
  return (prefix: string) => `${prefix}-${run}${(++n).toString(36)}`;
})();

export class SessionsStore {
  private readonly router = new TerminalEventRouter();
  private readonly sessions = new Map<string, TerminalSession>();
  /** Panes whose session waits for the terminal code. */
  private readonly pending = new Set<string>();
  private sessionModule: SessionModule | null = null;
  private sessionModuleLoad: Promise<SessionModule> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly webgl: WebglPool;
  private tabs: TabModel[] = [];
  private activeKey: string | null = null;
  private snapshot: SessionsSnapshot = { tabs: [], activeKey: null, panes: new Map() };
  private options: ITerminalOptions;
  private onLink: (uri: string) => void;
  /** The session whose link the user clicked last (see linkDialogClosed). */
  private linkSource: TerminalSession | null = null;

  constructor(
    private readonly api: PortcullisApi,
    opts: StoreOptions,
  ) {
    this.options = opts.options;
    this.onLink = opts.onLink;
    this.webgl = new WebglPool(opts.webglCap ?? 8);
    api.on('terminal.data', (payload) => this.router.route(payload.terminalId, { kind: 'data', payload }));
    api.on('terminal.status', (payload) => this.router.route(payload.terminalId, { kind: 'status', payload }));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionsSnapshot => this.snapshot;

  setLinkHandler(onLink: (uri: string) => void): void {
    this.onLink = onLink;
  }

  /** The link's dialog is gone: the link's terminal finds the link under the pointer again. */
  linkDialogClosed(): void {
    this.linkSource?.repeatPointer();
    this.linkSource = null;
  }

  session(paneId: string): TerminalSession | undefined {
    return this.sessions.get(paneId);
  }

  /** Opens login@host in a new tab and makes it active. Returns the tab's key. */
  open(host: string, login: string): string {
    const pane = this.newLeaf(host, login);
    const tab: TabModel = { id: uid('tab'), root: pane, focused: pane.id };
    this.tabs.push(tab);
    this.startSession(pane);
    this.activeKey = tab.id;
    this.publish();
    return tab.id;
  }

  /** Opens login@host beside the focused pane of the active tab (a new tab if there is none). */
  openBeside(host: string, login: string, edge: Edge): void {
    const tab = this.activeTab();
    if (!tab) return void this.open(host, login);
    const pane = this.newLeaf(host, login);
    tab.root = splitAt(tab.root, tab.focused, pane, edge, () => uid('split'));
    tab.focused = pane.id;
    this.startSession(pane);
    this.publish();
  }

  /** Splits the focused pane, opening the same login@host again. */
  splitFocused(edge: Edge): void {
    const tab = this.activeTab();
    const leaf = tab && findLeaf(tab.root, tab.focused);
    if (leaf) this.openBeside(leaf.host, leaf.login, edge);
  }

  activate(key: string): void {
    if (!this.tabs.some((t) => t.id === key) || this.activeKey === key) return;
    this.activeKey = key;
    this.publish();
  }

  cycleTab(step: 1 | -1): void {
    const index = this.tabs.findIndex((t) => t.id === this.activeKey);
    const next = this.tabs[(index + step + this.tabs.length) % this.tabs.length];
    if (next) this.activate(next.id);
  }

  focusPane(paneId: string): void {
    const tab = this.tabOf(paneId);
    if (!tab || (tab.focused === paneId && this.activeKey === tab.id)) return;
    tab.focused = paneId;
    this.activeKey = tab.id;
    this.publish();
  }

  moveFocus(direction: Direction): void {
    const tab = this.activeTab();
    const target = tab && neighbour(tab.root, tab.focused, direction);
    if (target) this.focusPane(target);
  }

  moveFocused(direction: Direction): void {
    const tab = this.activeTab();
    if (!tab) return;
    tab.root = movePaneDirection(tab.root, tab.focused, direction, () => uid('split'));
    this.publish();
  }

  /** Drag and drop: pane `paneId` (of any tab) docks on `edge` of `targetId`. */
  dropPane(paneId: string, targetId: string, edge: Edge): void {
    const from = this.tabOf(paneId);
    const to = this.tabOf(targetId);
    if (!from || !to || paneId === targetId) return;
    if (from === to) {
      to.root = movePane(to.root, paneId, targetId, edge, () => uid('split'));
    } else {
      const leaf = findLeaf(from.root, paneId)!;
      const rest = removePane(from.root, paneId);
      if (rest) {
        from.root = rest;
        if (from.focused === paneId) from.focused = leaves(rest)[0]!.id;
      } else this.tabs = this.tabs.filter((t) => t !== from);
      to.root = splitAt(to.root, targetId, leaf, edge, () => uid('split'));
    }
    to.focused = paneId;
    this.activeKey = to.id;
    this.publish();
  }

  /** Drag and drop of a whole tab onto a pane: its focused pane moves there. */
  dropTab(tabKey: string, targetId: string, edge: Edge): void {
    const tab = this.tabs.find((t) => t.id === tabKey);
    if (tab) this.dropPane(tab.focused, targetId, edge);
  }

  resize(tabKey: string, splitId: string, sizes: number[]): void {
    const tab = this.tabs.find((t) => t.id === tabKey);
    if (!tab) return;
    const root = setSizes(tab.root, splitId, sizes);
    if (root === tab.root) return;
    tab.root = root;
    this.publish();
  }

  /** Closes one pane (and its session); the last pane of a tab closes the tab. */
  closePane(paneId: string): void {
    const tab = this.tabOf(paneId);
    if (!tab) return;
    this.endSession(paneId);
    const rest = removePane(tab.root, paneId);
    if (!rest) return this.removeTab(tab.id);
    const next = tab.focused === paneId ? (neighbour(tab.root, paneId, 'left') ?? neighbour(tab.root, paneId, 'top') ?? leaves(rest)[0]!.id) : tab.focused;
    tab.root = rest;
    tab.focused = findLeaf(rest, next) ? next : leaves(rest)[0]!.id;
    this.publish();
  }

  closeFocusedPane(): void {
    const tab = this.activeTab();
    if (tab) this.closePane(tab.focused);
  }

  /** Closes a tab and every pane in it; the neighbour to its right (else left) becomes active. */
  close(key: string): void {
    const tab = this.tabs.find((t) => t.id === key);
    if (!tab) return;
    for (const leaf of leaves(tab.root)) this.endSession(leaf.id);
    this.removeTab(key);
  }

  closeActive(): void {
    if (this.activeKey) this.close(this.activeKey);
  }

  /** Opens a fresh session in a placeholder or ended pane (the user asked). */
  reopen(paneId: string): void {
    const tab = this.tabOf(paneId);
    const leaf = tab && findLeaf(tab.root, paneId);
    if (!leaf) return;
    const current = this.sessions.get(paneId);
    if (this.pending.has(paneId) || (current && (current.status === 'live' || current.status === 'connecting'))) return;
    this.endSession(paneId);
    this.startSession(leaf);
    this.publish();
  }

  /** After a reconnect: every pane whose connection was lost opens again. */
  reopenLost(): number {
    let count = 0;
    for (const [paneId, session] of [...this.sessions]) {
      if (session.status === 'lost') {
        this.reopen(paneId);
        count++;
      }
    }
    return count;
  }

  focusedSession(): TerminalSession | undefined {
    const tab = this.activeTab();
    return tab ? this.sessions.get(tab.focused) : undefined;
  }

  focusedPaneId(): string | null {
    return this.activeTab()?.focused ?? null;
  }

  setTerminalOptions(options: ITerminalOptions): void {
    this.options = options;
    for (const session of this.sessions.values()) session.setOptions(options);
  }

  /** Every open terminal ends as lost (the gateway connection or the main side went away). */
  loseAll(end: TerminalEnd & { status: 'lost' }): void {
    for (const session of this.sessions.values()) session.lose(end);
  }

  /** The saved shape: tabs, splits and the host of each pane — no sessions. */
  toLayout(): Layout {
    return { version: 1, tabs: this.tabs.map((t) => ({ id: t.id, root: t.root })), activeTab: this.activeKey };
  }

  /** Restores a saved layout as placeholders, only into an empty workspace. */
  restore(layout: Layout): boolean {
    if (this.tabs.length || !layout.tabs.length) return false;
    this.tabs = layout.tabs.map((t) => ({ id: t.id, root: t.root, focused: leaves(t.root)[0]!.id }));
    this.activeKey = layout.activeTab && this.tabs.some((t) => t.id === layout.activeTab) ? layout.activeTab : this.tabs[0]!.id;
    this.publish();
    return true;
  }

  /** For the e2e test hook. */
  terminalSnapshots(): TerminalSnapshot[] {
    const order = this.tabs.flatMap((t) => leaves(t.root).map((l) => l.id));
    return order.flatMap((id) => {
      const s = this.sessions.get(id);
      return s ? [s.snapshot()] : [];
    });
  }

  /** The cursor line of the terminal named `terminalId` (null if no tab shows it). */
  cursorLine(terminalId: string): string | null {
    for (const session of this.sessions.values()) if (session.terminalId === terminalId) return session.cursorLine();
    return null;
  }

  private newLeaf(host: string, login: string): TerminalPaneNode {
    return { kind: 'terminal', id: uid('pane'), host, login };
  }

  /** Loads the terminal code (once); the app calls it when idle after the first screen. */
  loadTerminalCode(): Promise<SessionModule> {
    this.sessionModuleLoad ??= import('./session').then(
      (module) => (this.sessionModule = module),
      (error: unknown) => {
        this.sessionModuleLoad = null; // a later pane may try again
        throw error;
      },
    );
    return this.sessionModuleLoad;
  }

  private startSession(leaf: TerminalPaneNode): void {
    if (this.sessionModule) return this.createSession(this.sessionModule, leaf);
    this.pending.add(leaf.id);
    this.loadTerminalCode().then(
      (module) => {
        // Closed meanwhile, or closed and reopened (a newer wait owns it).
        if (!this.pending.delete(leaf.id) || !this.tabOf(leaf.id)) return;
        this.createSession(module, leaf);
        this.publish();
      },
      (error: unknown) => {
        console.error('portcullis: the terminal code did not load', error);
        if (this.pending.delete(leaf.id)) this.publish(); // back to a placeholder: Enter tries again
      },
    );
  }

  private createSession(module: SessionModule, leaf: TerminalPaneNode): void {
    const session = new module.TerminalSession(leaf.id, leaf.host, leaf.login, {
      api: this.api,
      router: this.router,
      onChange: () => this.publish(),
      options: this.options,
      webgl: this.webgl,
      onLink: (uri) => {
        this.linkSource = session;
        this.onLink(uri);
      },
      onFocus: () => this.focusPane(leaf.id),
    });
    this.sessions.set(leaf.id, session);
  }

  private endSession(paneId: string): void {
    this.pending.delete(paneId);
    const session = this.sessions.get(paneId);
    if (session && session === this.linkSource) this.linkSource = null; // not kept alive for a dialog
    session?.close();
    this.sessions.delete(paneId);
  }

  private removeTab(key: string): void {
    const index = this.tabs.findIndex((t) => t.id === key);
    this.tabs.splice(index, 1);
    if (this.activeKey === key) this.activeKey = (this.tabs[index] ?? this.tabs[index - 1])?.id ?? null;
    this.publish();
  }

  private activeTab(): TabModel | undefined {
    return this.tabs.find((t) => t.id === this.activeKey);
  }

  private tabOf(paneId: string): TabModel | undefined {
    return this.tabs.find((t) => findLeaf(t.root, paneId));
  }

  private publish(): void {
    const panes = new Map<string, PaneView>();
    const tabs = this.tabs.map((tab): TabView => {
      const all = leaves(tab.root);
      for (const leaf of all) {
        const s = this.sessions.get(leaf.id);
        panes.set(leaf.id, {
          id: leaf.id,
          host: leaf.host,
          login: leaf.login,
          title: `${leaf.login}@${leaf.host}`,
          status: s ? s.status : this.pending.has(leaf.id) ? 'connecting' : 'placeholder',
          terminalId: s?.terminalId ?? null,
          message: s?.message,
        });
      }
      const focused = panes.get(tab.focused) ?? panes.get(all[0]!.id)!;
      return {
        key: tab.id,
        title: all.length > 1 ? `${focused.title} +${all.length - 1}` : focused.title,
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
    this.snapshot = { tabs, activeKey: this.activeKey, panes };
    for (const listener of [...this.listeners]) listener();
  }
}
