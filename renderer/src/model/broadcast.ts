// Broadcast typing: which panes of a tab receive what is typed in the focused one, and when the
// user must confirm first (hosts tagged env=prod). Pure: the terminal area's broadcast store keeps
// the state and the sessions store sends the input, each pane through its own normal input path.

/** A pane as broadcast sees it. */
export interface BroadcastPane {
  id: string;
  host: string;
  /** Its session is live: it can take input now. */
  live: boolean;
}

/** The group with `paneId` turned in or out. */
export function togglePane(group: ReadonlySet<string>, paneId: string): Set<string> {
  const next = new Set(group);
  if (!next.delete(paneId)) next.add(paneId);
  return next;
}

/** Every pane of the tab in the group, or (when all already are) none of them. */
export function toggleAll(group: ReadonlySet<string>, tabPanes: readonly string[]): Set<string> {
  const next = new Set(group);
  const allIn = tabPanes.length > 0 && tabPanes.every((id) => group.has(id));
  for (const id of tabPanes) {
    if (allIn) next.delete(id);
    else next.add(id);
  }
  return next;
}

/** The group's members among the tab's panes, in the tab's order. */
export function membersOf(group: ReadonlySet<string>, tabPanes: readonly BroadcastPane[]): BroadcastPane[] {
  return tabPanes.filter((p) => group.has(p.id));
}

/** A group broadcasts once it holds two panes or more (one pane alone is just typing). */
export const broadcasting = (members: readonly BroadcastPane[]): boolean => members.length >= 2;

/**
 * Who gets what is typed in pane `from` besides itself: the other live members of its tab's group,
 * when `from` is a member; members that are not live are skipped (and shown so).
 */
export function receivers(group: ReadonlySet<string>, from: string, tabPanes: readonly BroadcastPane[]): { send: string[]; skipped: string[] } {
  const members = membersOf(group, tabPanes);
  if (!group.has(from) || !broadcasting(members)) return { send: [], skipped: [] };
  const others = members.filter((p) => p.id !== from);
  return { send: others.filter((p) => p.live).map((p) => p.id), skipped: others.filter((p) => !p.live).map((p) => p.id) };
}

/** What the app knows of a host's tags; undefined when the host is not in the host list. */
export type TagsOf = (host: string) => Readonly<Record<string, string>> | undefined;

export const isProductionTags = (tags: Readonly<Record<string, string>>): boolean => tags.env?.toLowerCase() === 'prod';

/**
 * The hosts of a group the user must confirm before typing reaches them: tagged env=prod, or not in
 * the host list (their tags are unknown, so they may be). Panes already confirmed for this group do
 * not ask again; a group of one pane broadcasts nothing and asks nothing.
 */
export function needsConfirmation(members: readonly BroadcastPane[], confirmed: ReadonlySet<string>, tagsOf: TagsOf): { prod: string[]; unknown: string[] } | null {
  if (!broadcasting(members)) return null;
  const risky = members.filter((p) => {
    const tags = tagsOf(p.host);
    return !tags || isProductionTags(tags);
  });
  if (!risky.some((p) => !confirmed.has(p.id))) return null;
  const unique = (panes: BroadcastPane[]) => [...new Set(panes.map((p) => p.host))];
  return { prod: unique(risky.filter((p) => tagsOf(p.host))), unknown: unique(risky.filter((p) => !tagsOf(p.host))) };
}

/** The confirmation's wording: catalog keys of the terminal area and their values. */
export function confirmationText(hosts: { prod: readonly string[]; unknown: readonly string[] }, total: number): Array<{ key: string; values: Record<string, string | number> }> {
  const lines: Array<{ key: string; values: Record<string, string | number> }> = [{ key: 'broadcast.confirm.lead', values: { total } }];
  if (hosts.prod.length) lines.push({ key: 'broadcast.confirm.prod', values: { count: hosts.prod.length, hosts: hosts.prod.join(', ') } });
  if (hosts.unknown.length) lines.push({ key: 'broadcast.confirm.unknown', values: { count: hosts.unknown.length, hosts: hosts.unknown.join(', ') } });
  return lines;
}
