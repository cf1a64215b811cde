// The tree's health as rows read it: each host's last entry and each node's worst-of summary, with
// listeners per host and per node, so a report re-renders only the dots whose value changed —
// never the tree (rows subscribe through useSyncExternalStore, outside the tree's own state).
import type { HealthReport, HostHealth } from '../../../shared/contract/gateway-api/metrics-health';
import type { HealthThresholds } from '../../../shared/contract/host-health';
import { groupsHealth, type GroupHealth, type ScreenRow } from '../model/tree-health';

export interface HealthStore {
  host(name: string): HostHealth | undefined;
  group(key: string): GroupHealth | undefined;
  thresholds(): HealthThresholds | undefined;
  /** Subscribes to one host's or one node's changes (`key`: a host name, or a group key). */
  subscribe(key: string, listener: () => void): () => void;
  /** A report came: updates its hosts, then the nodes on screen. */
  apply(report: HealthReport): void;
  /** The rows now on screen: the nodes' summaries follow them. */
  setScreen(rows: readonly ScreenRow[]): void;
  clear(): void;
}

const sameHost = (a: HostHealth | undefined, b: HostHealth) =>
  a !== undefined && a.level === b.level && a.state === b.state && a.cpu === b.cpu && a.memory === b.memory && a.disk === b.disk;

export function createHealthStore(): HealthStore {
  const hosts = new Map<string, HostHealth>();
  let groups = new Map<string, GroupHealth>();
  let screen: readonly ScreenRow[] = [];
  let thresholds: HealthThresholds | undefined;
  const listeners = new Map<string, Set<() => void>>();
  const notify = (key: string) => listeners.get(key)?.forEach((l) => l());

  function regroup(): void {
    const next = groupsHealth(screen, (name) => hosts.get(name)?.level ?? 'unknown');
    const before = groups;
    groups = next;
    for (const [key, value] of next) {
      const old = before.get(key);
      if (!old || old.level !== value.level || old.known !== value.known) notify(key);
    }
  }

  return {
    host: (name) => hosts.get(name),
    group: (key) => groups.get(key),
    thresholds: () => thresholds,
    subscribe(key, listener) {
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (!set.size) listeners.delete(key);
      };
    },
    apply(report) {
      thresholds = report.thresholds;
      const changed: string[] = [];
      for (const entry of report.hosts) {
        if (sameHost(hosts.get(entry.host), entry)) continue;
        hosts.set(entry.host, entry);
        changed.push(entry.host);
      }
      changed.forEach(notify);
      if (changed.length) regroup();
    },
    setScreen(rows) {
      screen = rows;
      regroup();
    },
    clear() {
      const keys = [...hosts.keys(), ...groups.keys()];
      hosts.clear();
      groups = new Map();
      keys.forEach(notify);
    },
  };
}
