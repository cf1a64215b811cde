// Broadcast typing's state: which panes receive what is typed in a member pane of the same tab
// (model/broadcast), which production panes the user already confirmed for their group, and the
// change waiting for that confirmation. Kept apart from the sessions store, which only asks it who
// receives a pane's input. An external store for React (useSyncExternalStore).
import { broadcasting, membersOf, needsConfirmation, receivers, type BroadcastPane, type TagsOf } from '../model/broadcast';

/** A change of a tab's group that waits for the user to confirm its production hosts. */
export interface PendingBroadcast {
  next: ReadonlySet<string>;
  tabPanes: readonly BroadcastPane[];
  hosts: { prod: string[]; unknown: string[] };
  /** How many panes the group would hold. */
  total: number;
}

export interface BroadcastSnapshot {
  members: ReadonlySet<string>;
  pending: PendingBroadcast | null;
}

export class BroadcastStore {
  private snapshot: BroadcastSnapshot = { members: new Set(), pending: null };
  /** Production (or unknown) panes the user confirmed for the group they are in. */
  private confirmed = new Set<string>();
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): BroadcastSnapshot => this.snapshot;

  /**
   * Makes `next` the group, for the tab whose panes are `tabPanes`, unless it would reach hosts the
   * user must confirm first: then it waits (`pending`) and this answers 'confirm'.
   */
  request(next: ReadonlySet<string>, tabPanes: readonly BroadcastPane[], tagsOf: TagsOf): 'applied' | 'confirm' {
    const hosts = needsConfirmation(membersOf(next, tabPanes), this.confirmed, tagsOf);
    if (!hosts) {
      this.apply(next, tabPanes);
      return 'applied';
    }
    this.set({ members: this.snapshot.members, pending: { next, tabPanes, hosts, total: membersOf(next, tabPanes).length } });
    return 'confirm';
  }

  /** The user confirmed the pending change: its production panes need no question while the group lasts. */
  confirm(): void {
    const pending = this.snapshot.pending;
    if (!pending) return;
    for (const pane of membersOf(pending.next, pending.tabPanes)) this.confirmed.add(pane.id);
    this.apply(pending.next, pending.tabPanes);
  }

  /** The user declined: the group stays as it was. */
  cancel(): void {
    if (this.snapshot.pending) this.set({ members: this.snapshot.members, pending: null });
  }

  /** Who gets what is typed in pane `from` besides itself (see model/broadcast `receivers`). */
  receivers(from: string, tabPanes: readonly BroadcastPane[]): string[] {
    return receivers(this.snapshot.members, from, tabPanes).send;
  }

  /** A pane closed: it leaves its group. */
  forget(paneId: string): void {
    this.confirmed.delete(paneId);
    if (!this.snapshot.members.has(paneId)) return;
    const members = new Set(this.snapshot.members);
    members.delete(paneId);
    this.set({ members, pending: this.snapshot.pending });
  }

  private apply(next: ReadonlySet<string>, tabPanes: readonly BroadcastPane[]): void {
    // A group that no longer broadcasts is over: a new one asks again.
    if (!broadcasting(membersOf(next, tabPanes))) for (const pane of tabPanes) this.confirmed.delete(pane.id);
    this.set({ members: new Set(next), pending: null });
  }

  private set(snapshot: BroadcastSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of [...this.listeners]) listener();
  }
}
