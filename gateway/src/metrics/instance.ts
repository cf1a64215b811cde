// Which Prometheus target is a host: its `instance` tag when it has one, else the configured
// template, where {host} is the host's address without its port and {name} the host's name
// (default `{host}:9100`: node_exporter's port on the host's address).
import { parseAddress } from '../address';
import type { HostRecord } from '../store';

export const DEFAULT_INSTANCE_TEMPLATE = '{host}:9100';

/**
 * `metrics.match`: how a host without an `instance` tag is found in Prometheus. instance: the
 * template; nodename: the target whose `node_uname_info` nodename is the host's name or address
 * (./nodename.ts).
 */
export const METRICS_MATCHES = ['instance', 'nodename'] as const;
export type MetricsMatch = (typeof METRICS_MATCHES)[number];
export const INSTANCE_TAG = 'instance';

export function instanceOf(host: Pick<HostRecord, 'name' | 'address' | 'tags'>, template: string = DEFAULT_INSTANCE_TEMPLATE): string {
  const tagged = host.tags[INSTANCE_TAG];
  if (tagged) return tagged;
  const address = parseAddress(host.address)?.host ?? host.address;
  const hostPart = address.includes(':') ? `[${address}]` : address;
  return template.replaceAll('{host}', hostPart).replaceAll('{name}', host.name);
}
