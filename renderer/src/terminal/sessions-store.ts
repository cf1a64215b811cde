// The open terminal tabs, as an external store for React (useSyncExternalStore). It subscribes to
// terminal events once, for the life of the app, so nothing is missed while React renders.
import type { PortcullisApi } from '../../../shared/contract/window';
import { TerminalEventRouter } from './event-router';
import { TerminalSession, type TabStatus, type TerminalSnapshot } from './session';

export interface TabView {
  key: string;
  title: string;
  host: string;
  login: string;
  terminalId: string | null;
  status: TabStatus;
  message: string | undefined;
}

export interface SessionsSnapshot {
  tabs: readonly TabView[];
  activeKey: string | null;
}

export class SessionsStore {
  private readonly router = new TerminalEventRouter();
  private readonly sessions = new Map<string, TerminalSession>();
  private readonly listeners = new Set<() => void>();
  private snapshot: SessionsSnapshot = { tabs: [], activeKey: null };
  private activeKey: string | null = null;
  private nextKey = 1;

  constructor(private readonly api: PortcullisApi) {
    api.on('terminal.data', (payload) => this.router.route(payload.terminalId, { kind: 'data', payload }));
    api.on('terminal.status', (payload) => this.router.route(payload.terminalId, { kind: 'status', payload }));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionsSnapshot => this.snapshot;

  session(key: string): TerminalSession | undefined {
    return this.sessions.get(key);
  }

  /** Opens a new tab for login@host and makes it active. Returns the tab's key. */
  open(host: string, login: string): string {
    const key = `tab-${this.nextKey++}`;
    const session = new TerminalSession(key, host, login, { api: this.api, router: this.router, onChange: () => this.publish() });
    this.sessions.set(key, session);
    this.activeKey = key;
    this.publish();
    return key;
  }

  activate(key: string): void {
    if (!this.sessions.has(key) || this.activeKey === key) return;
    this.activeKey = key;
    this.publish();
  }

  /** Closes a tab; the neighbour to its right (else left) becomes active. */
  close(key: string): void {
    const session = this.sessions.get(key);
    if (!session) return;
    const keys = [...this.sessions.keys()];
    const index = keys.indexOf(key);
    session.close();
    this.sessions.delete(key);
    if (this.activeKey === key) this.activeKey = keys[index + 1] ?? keys[index - 1] ?? null;
    this.publish();
  }

  closeActive(): void {
    if (this.activeKey) this.close(this.activeKey);
  }

  /** Every open terminal ends as lost (the main side went away). */
  loseAll(message: string): void {
    for (const session of this.sessions.values()) session.lose(message);
  }

  /** For the e2e test hook. */
  terminalSnapshots(): TerminalSnapshot[] {
    return [...this.sessions.values()].map((s) => s.snapshot());
  }

  private publish(): void {
    const tabs = [...this.sessions.values()].map(
      (s): TabView => ({ key: s.key, title: s.title, host: s.host, login: s.login, terminalId: s.terminalId, status: s.status, message: s.message }),
    );
    this.snapshot = { tabs, activeKey: this.activeKey };
    for (const listener of [...this.listeners]) listener();
  }
}
