// `metrics.match: nodename`: a host without an `instance` tag is the Prometheus target whose
// `node_uname_info` reports its name as `nodename` (node_exporter's uname collector), so hosts are
// found however their exporters are addressed. One query maps every target's nodename to its
// instance; the map is kept for `ttlMs` and shared by every lookup (one query a minute however
// many hosts are watched). A nodename several targets report goes to the first instance by name.
import type { Logger } from '../logger';
import { parseAddress } from '../address';
import type { HostRecord } from '../store';
import type { PrometheusClient } from './prometheus';

export interface NodenameIndex {
  /** The instance of the first of `names` some target reports as its nodename; undefined when none does. Throws SourceDown. */
  instanceOf(names: readonly string[]): Promise<string | undefined>;
}

/** The nodenames a host may go by, in order: its name, its address without the port, its name's first DNS label. */
export function nodenamesOf(host: Pick<HostRecord, 'name' | 'address'>): string[] {
  const address = parseAddress(host.address)?.host ?? host.address;
  return [...new Set([host.name, address, host.name.split('.')[0]!])];
}

export function createNodenameIndex(client: PrometheusClient, logger: Logger, ttlMs = 60_000): NodenameIndex {
  let cached: { at: number; map: Map<string, string> } | undefined;
  let loading: Promise<Map<string, string>> | undefined;
  const warned = new Set<string>();

  async function load(): Promise<Map<string, string>> {
    const series = await client.instant('node_uname_info');
    const map = new Map<string, string>();
    const sorted = series.map((s) => s.labels).filter((l) => l.nodename && l.instance).sort((a, b) => a.instance!.localeCompare(b.instance!));
    for (const { nodename, instance } of sorted) {
      if (!map.has(nodename!)) map.set(nodename!, instance!);
      else if (!warned.has(nodename!)) {
        warned.add(nodename!);
        logger.warn({ nodename, instance: map.get(nodename!), also: instance }, 'several Prometheus targets report this nodename: using the first; tag the host with its instance to choose');
      }
    }
    cached = { at: Date.now(), map };
    return map;
  }

  return {
    async instanceOf(names) {
      const fresh = cached && Date.now() - cached.at < ttlMs ? cached.map : undefined;
      const map = fresh ?? (await (loading ??= load().finally(() => (loading = undefined))));
      for (const name of names) {
        const instance = map.get(name);
        if (instance) return instance;
      }
      return undefined;
    },
  };
}
