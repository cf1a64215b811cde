// The terminal area's store: the workspace's shape (model/workspace) and the terminal session of
// each pane, as an external store for React (useSyncExternalStore). It subscribes to terminal
// events once, for the life of the app, so nothing is missed while React renders.
//
// A pane without a session is a placeholder (restored from the saved layout, or its session was
// closed): it shows the host and opens only when the user asks — never silently. A pane opened
// before the terminal code arrived (./terminal-code) is 'connecting' meanwhile. What the user opens
// passes the connect gate first (set by the app): while disconnected it waits for the connection.
import type { ITerminalOptions } from '@xterm/xterm';
import type { Layout, TerminalPaneNode } from '../../../shared/contract/layout';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { KeyLike } from '../model/actions';
import { nextZoom, type ZoomStep } from '../model/font-zoom';
import type { BroadcastPane } from '../model/broadcast';
import { leaves, type Direction, type Edge } from '../model/pane-tree';
import { WebglPool } from '../model/webgl-pool';
import { Workspace, workspaceViews, type PaneSession, type PaneStatus, type PaneView, type TabView, type WorkspaceViews } from '../model/workspace';
import { writeClipboard } from './clipboard';
import { TerminalEventRouter } from './event-router';
import { BroadcastStore } from './broadcast-store';
import type { TerminalSession, TerminalSnapshot, UserInput } from './session';
import { TerminalCode, type SessionModule } from './terminal-code';
import type { TerminalEnd } from './status-line';

export type { PaneStatus, PaneView, TabView };

/** Runs `run` once the gateway is connected; `what` names it for the user (root@web-01). */
export type ConnectGate = (what: string, run: () => void) => void;
export type SessionsSnapshot = WorkspaceViews;

/** The settings that change how panes behave rather than how they look. */
export interface PaneBehaviour {
  copyOnSelect: boolean;
  fontZoom: 'pane' | 'global';
}

interface StoreOptions {
  options: ITerminalOptions;
  onLink: (uri: string) => void;
  /** The key is the app's: the terminal does not type it. */
  isAppShortcut: (event: KeyLike) => boolean;
  webglCap?: number;
}

const uid = (() => {
  const run = Math.random().toString(36).slice(2, 6);
  let n = 0;
  return (prefix: string) => `${prefix}-${run}${(++n).toString(36)}`;
})();

export class SessionsStore {
  private readonly router = new TerminalEventRouter();
  private readonly workspace = new Workspace(uid);
  private readonly sessions = new Map<string, TerminalSession>();
  /** Panes whose session waits for the terminal code. */
  private readonly pending = new Set<string>();
  private readonly code = new TerminalCode();
  private readonly listeners = new Set<() => void>();
  private readonly webgl: WebglPool;
  /** Broadcast typing's groups: who else receives what is typed in a pane. */
  readonly broadcast = new BroadcastStore();
  private snapshot: SessionsSnapshot = { tabs: [], activeKey: null, panes: new Map() };
  private options: ITerminalOptions;
  private onLink: (uri: string) => void;
  private readonly isAppShortcut: (event: KeyLike) => boolean;
  /** The session whose link the user clicked last (see linkDialogClosed). */
  private linkSource: TerminalSession | null = null;
  private behaviour: PaneBehaviour = { copyOnSelect: false, fontZoom: 'pane' };
  /** The zoom of every pane, when zoom is global. */
  private globalZoom = 0;
  /** The last text the user selected in any terminal: what a middle click pastes. */
  private primary = '';
  /** Runs what needs the gateway once connected (offering to connect first); until set, at once. */
  private whenConnected: ConnectGate = (_what, run) => run();

  constructor(
    private readonly api: PortcullisApi,
    opts: StoreOptions,
  ) {
    this.options = opts.options;
    this.onLink = opts.onLink;
    this.isAppShortcut = opts.isAppShortcut;
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

  setConnectGate(gate: ConnectGate): void {
    this.whenConnected = gate;
  }

  /** The link's dialog is gone: the link's terminal finds the link under the pointer again. */
  linkDialogClosed(): void {
    this.linkSource?.repeatPointer();
    this.linkSource = null;
  }

  session(paneId: string): TerminalSession | undefined {
    return this.sessions.get(paneId);
  }

  /** Opens login@host in a new tab and makes it active (once connected). */
  open(host: string, login: string): void {
    this.whenConnected(`${login}@${host}`, () => {
      const leaf = this.workspace.newLeaf(host, login);
      this.workspace.open(leaf);
      this.startSession(leaf);
      this.publish();
    });
  }

  /** Opens each login@host in one new tab of split panes (a grid), once connected. */
  openSplit(targets: ReadonlyArray<{ host: string; login: string }>): void {
    if (!targets.length) return;
    this.whenConnected(targets.map((t) => `${t.login}@${t.host}`).join(', '), () => {
      const panes = targets.map((t) => this.workspace.newLeaf(t.host, t.login));
      this.workspace.openGrid(panes);
      for (const leaf of panes) this.startSession(leaf);
      this.publish();
    });
  }

  /** Opens login@host beside the focused pane of the active tab (a new tab if there is none), once connected. */
  openBeside(host: string, login: string, edge: Edge): void {
    this.whenConnected(`${login}@${host}`, () => {
      const leaf = this.workspace.newLeaf(host, login);
      this.workspace.openBeside(leaf, edge);
      this.startSession(leaf);
      this.publish();
    });
  }

  /** Splits the focused pane, opening the same login@host again. */
  splitFocused(edge: Edge): void {
    const leaf = this.workspace.leaf(this.focusedPaneId() ?? '');
    if (leaf) this.openBeside(leaf.host, leaf.login, edge);
  }

  activate(key: string): void {
    if (this.workspace.activate(key)) this.publish();
  }

  cycleTab(step: 1 | -1): void {
    if (this.workspace.cycleTab(step)) this.publish();
  }

  focusPane(paneId: string): void {
    if (this.workspace.focusPane(paneId)) this.publish();
  }

  moveFocus(direction: Direction): void {
    if (this.workspace.moveFocus(direction)) this.publish();
  }

  moveFocused(direction: Direction): void {
    if (this.workspace.moveFocused(direction)) this.publish();
  }

  /** Drag and drop: pane `paneId` (of any tab) docks on `edge` of `targetId`. */
  dropPane(paneId: string, targetId: string, edge: Edge): void {
    if (this.workspace.dropPane(paneId, targetId, edge)) this.publish();
  }

  /** Drag and drop of a whole tab onto a pane: its focused pane moves there. */
  dropTab(tabKey: string, targetId: string, edge: Edge): void {
    const tab = this.workspace.allTabs.find((t) => t.id === tabKey);
    if (tab) this.dropPane(tab.focused, targetId, edge);
  }

  resize(tabKey: string, splitId: string, sizes: number[]): void {
    if (this.workspace.resize(tabKey, splitId, sizes)) this.publish();
  }

  /** Closes one pane (and its session); the last pane of a tab closes the tab. */
  closePane(paneId: string): void {
    if (!this.workspace.tabOf(paneId)) return;
    this.endSession(paneId);
    this.workspace.closePane(paneId);
    this.publish();
  }

  closeFocusedPane(): void {
    const id = this.focusedPaneId();
    if (id) this.closePane(id);
  }

  /** Closes a tab and every pane in it; the neighbour to its right (else left) becomes active. */
  close(key: string): void {
    const closed = this.workspace.closeTab(key);
    if (!closed.length) return;
    for (const id of closed) this.endSession(id);
    this.publish();
  }

  /** Closes every tab but `key` (and their sessions). */
  closeOthers(key: string): void {
    const closed = this.workspace.closeOthers(key);
    for (const id of closed) this.endSession(id);
    if (closed.length) this.publish();
  }

  /** Names a tab; an empty name gives it back its pane's name. */
  renameTab(key: string, title: string): void {
    if (this.workspace.rename(key, title)) this.publish();
  }

  /** Opens a tab's hosts again in a copy of it (same splits), right after it. */
  duplicateTab(key: string): void {
    const panes = this.workspace.duplicate(key);
    if (!panes.length) return;
    for (const leaf of panes) this.startSession(leaf);
    this.publish();
  }

  closeActive(): void {
    const key = this.workspace.activeKey;
    if (key) this.close(key);
  }

  /** Opens a fresh session in a placeholder or ended pane (the user asked), once connected. */
  reopen(paneId: string): void {
    const leaf = this.workspace.leaf(paneId);
    if (leaf) this.whenConnected(`${leaf.login}@${leaf.host}`, () => this.reopenNow(paneId));
  }

  /** After a reconnect (connected by then): every pane whose connection was lost opens again. */
  reopenLost(): number {
    let count = 0;
    for (const [paneId, session] of [...this.sessions]) {
      if (session.status === 'lost') {
        this.reopenNow(paneId);
        count++;
      }
    }
    return count;
  }

  focusedSession(): TerminalSession | undefined {
    const id = this.focusedPaneId();
    return id ? this.sessions.get(id) : undefined;
  }

  /** The panes of the tab holding `paneId` (the active tab's by default), as broadcast typing sees them. */
  broadcastPanes(paneId = this.focusedPaneId() ?? ''): BroadcastPane[] {
    const tab = this.workspace.tabOf(paneId);
    return tab ? leaves(tab.root).map((leaf) => ({ id: leaf.id, host: leaf.host, live: this.sessions.get(leaf.id)?.status === 'live' })) : [];
  }

  focusedPaneId(): string | null {
    return this.workspace.activeTab()?.focused ?? null;
  }

  setTerminalOptions(options: ITerminalOptions): void {
    this.options = options;
    for (const session of this.sessions.values()) session.setOptions(options);
  }

  setPaneBehaviour(behaviour: PaneBehaviour): void {
    // Another scope: the zooms of the old one no longer mean anything.
    if (behaviour.fontZoom !== this.behaviour.fontZoom) {
      this.globalZoom = 0;
      for (const session of this.sessions.values()) session.setZoom(0);
    }
    this.behaviour = behaviour;
  }

  /** Ctrl+= / Ctrl+- / Ctrl+0: the focused pane, or every pane when zoom is global. */
  zoom(step: ZoomStep): void {
    if (this.behaviour.fontZoom === 'global') {
      this.globalZoom = nextZoom(this.options.fontSize ?? 13, this.globalZoom, step);
      for (const session of this.sessions.values()) session.setZoom(this.globalZoom);
      return;
    }
    const session = this.focusedSession();
    session?.setZoom(nextZoom(session.settingsFontSize, session.zoom, step));
  }

  /** Every open terminal ends as lost (the gateway connection or the main side went away). */
  loseAll(end: TerminalEnd & { status: 'lost' }): void {
    for (const session of this.sessions.values()) session.lose(end);
  }

  /** The saved shape: tabs, splits and the host of each pane — no sessions. */
  toLayout(): Layout {
    return this.workspace.toLayout();
  }

  /** Restores a saved layout as placeholders, only into an empty workspace. */
  restore(layout: Layout): boolean {
    if (!this.workspace.restore(layout)) return false;
    this.publish();
    return true;
  }

  /** For the e2e test hook. */
  terminalSnapshots(): TerminalSnapshot[] {
    return this.workspace.paneIds().flatMap((id) => {
      const s = this.sessions.get(id);
      return s ? [s.snapshot()] : [];
    });
  }

  /** The cursor line of the terminal named `terminalId` (null if no tab shows it). */
  cursorLine(terminalId: string): string | null {
    for (const session of this.sessions.values()) if (session.terminalId === terminalId) return session.cursorLine();
    return null;
  }

  /** Loads the terminal code (once); the app calls it when idle after the first screen. */
  loadTerminalCode(): Promise<SessionModule> {
    return this.code.load();
  }

  /** An ended pane starts again in the same terminal (its scrollback kept); a placeholder gets its first session. */
  private reopenNow(paneId: string): void {
    const leaf = this.workspace.leaf(paneId);
    const current = this.sessions.get(paneId);
    if (!leaf || this.pending.has(paneId) || (current && (current.status === 'live' || current.status === 'connecting'))) return;
    if (current) current.restart();
    else this.startSession(leaf);
    this.publish();
  }

  private startSession(leaf: TerminalPaneNode): void {
    if (this.code.loaded) return this.createSession(this.code.loaded, leaf);
    this.pending.add(leaf.id);
    this.code.load().then(
      (module) => {
        // Closed meanwhile, or closed and reopened (a newer wait owns it).
        if (!this.pending.delete(leaf.id) || !this.workspace.tabOf(leaf.id)) return;
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
      isAppShortcut: this.isAppShortcut,
      onUserSelection: (text) => this.userSelected(text),
      primarySelection: () => this.primary,
      onUserInput: (input) => this.broadcastInput(leaf.id, input),
    });
    if (this.behaviour.fontZoom === 'global') session.setZoom(this.globalZoom);
    this.sessions.set(leaf.id, session);
  }

  /** Each other live pane of the broadcast group gets the input, through its own session. */
  private broadcastInput(from: string, input: UserInput): void {
    for (const id of this.broadcast.receivers(from, this.broadcastPanes(from))) this.sessions.get(id)?.receiveBroadcast(input);
  }

  private userSelected(text: string): void {
    if (!text) return;
    this.primary = text;
    if (this.behaviour.copyOnSelect) writeClipboard(text);
  }

  private endSession(paneId: string): void {
    this.pending.delete(paneId);
    const session = this.sessions.get(paneId);
    if (session && session === this.linkSource) this.linkSource = null; // not kept alive for a dialog
    session?.close();
    this.sessions.delete(paneId);
    this.broadcast.forget(paneId);
  }

  private paneSession = (paneId: string): PaneSession => {
    const s = this.sessions.get(paneId);
    if (s) return { status: s.status, terminalId: s.terminalId ?? null, message: s.message, ...(s.refused ? { refused: true, refusal: s.refusal } : {}) };
    return { status: this.pending.has(paneId) ? 'connecting' : 'placeholder', terminalId: null, message: undefined };
  };

  private publish(): void {
    this.snapshot = workspaceViews(this.workspace, this.paneSession);
    for (const listener of [...this.listeners]) listener();
  }
}
