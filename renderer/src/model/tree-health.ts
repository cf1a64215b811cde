// Tree health, pure: which hosts the tree shows (to watch them), and per node on screen the worst
// level of the hosts on screen below it. A group's key is the JSON of its path; a host row's key
// is its group's key, NUL, the host's name (model/host-tree.ts).
import { MAX_HEALTH_HOSTS, worstLevel, type HealthLevel } from '../../../shared/contract/host-health-levels';

/** A row on screen, as tree health needs it. */
export type ScreenRow = { kind: 'group'; key: string } | { kind: 'host'; key: string; host: string };

/** The distinct hosts on screen, in order, at most what one subscription may name. */
export function hostsOnScreen(rows: readonly ScreenRow[]): string[] {
  const names = new Set<string>();
  for (const row of rows) if (row.kind === 'host' && names.size < MAX_HEALTH_HOSTS) names.add(row.host);
  return [...names];
}

/** The group a host row sits in. */
const groupOf = (hostRowKey: string) => hostRowKey.slice(0, hostRowKey.indexOf('\u0000'));

/** Whether the group `groupKey` (a JSON path) is `ancestor` itself or below it. */
export function isWithin(groupKey: string, ancestor: string): boolean {
  return groupKey === ancestor || groupKey.startsWith(`${ancestor.slice(0, -1)},`);
}

export interface GroupHealth {
  level: HealthLevel;
  /** Hosts on screen below the group whose level is known. */
  known: number;
}

/** Per group row on screen: the worst known level of the host rows on screen below it. */
export function groupsHealth(rows: readonly ScreenRow[], levelOf: (host: string) => HealthLevel): Map<string, GroupHealth> {
  const out = new Map<string, GroupHealth>();
  const hosts = rows.filter((r): r is ScreenRow & { kind: 'host' } => r.kind === 'host').map((r) => ({ group: groupOf(r.key), level: levelOf(r.host) }));
  for (const row of rows) {
    if (row.kind !== 'group') continue;
    const levels = hosts.filter((h) => h.level !== 'unknown' && isWithin(h.group, row.key)).map((h) => h.level);
    out.set(row.key, { level: worstLevel(levels), known: levels.length });
  }
  return out;
}
