// Several hosts chosen in the tree (Ctrl/Shift+click, Space, Shift+arrows): a set of host names,
// kept by the hosts panel outside row rendering; and what opening them in split panes opens. Pure.
import type { Host } from '../../../shared/contract/inventory';
import type { RowList } from './host-tree';

/**
 * The most panes "Open N hosts in split panes" puts in one tab: as many as a batch job's view
 * shows (a 4×4 grid); beyond that a terminal is too small to read.
 */
export const MAX_SPLIT_PANES = 16;

/** The selection with `name` added, or removed if it was there. */
export function toggleHost(selection: ReadonlySet<string>, name: string): Set<string> {
  const next = new Set(selection);
  if (!next.delete(name)) next.add(name);
  return next;
}

/** The selection plus every host on the rows from `from` to `to` (either order, both included). */
export function addRange(selection: ReadonlySet<string>, rows: RowList, from: number, to: number): Set<string> {
  const next = new Set(selection);
  const [start, end] = from <= to ? [from, to] : [to, from];
  for (let i = Math.max(0, start); i <= Math.min(rows.length - 1, end); i++) {
    const row = rows.at(i);
    if (row.kind === 'host') next.add(row.host.name);
  }
  return next;
}

export interface SplitPlan {
  /** What opens, in the tree's order: one pane each. */
  open: Array<{ host: string; login: string }>;
  /** Beyond MAX_SPLIT_PANES. */
  leftOut: string[];
  /** No login account granted: nothing to open. */
  noLogin: string[];
}

/** Which selected hosts open in split panes, each with its chosen login (else its first). */
export function planSplit(selected: readonly Host[], chosenLogin: (host: string) => string | undefined, limit = MAX_SPLIT_PANES): SplitPlan {
  const plan: SplitPlan = { open: [], leftOut: [], noLogin: [] };
  for (const host of selected) {
    const login = chosenLogin(host.name) ?? host.logins[0];
    if (!login) plan.noLogin.push(host.name);
    else if (plan.open.length >= limit) plan.leftOut.push(host.name);
    else plan.open.push({ host: host.name, login });
  }
  return plan;
}
