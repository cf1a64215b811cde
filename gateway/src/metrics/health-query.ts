// PromQL for the tree's health: CPU busy %, memory used % and the fullest mount's used % of many
// hosts in one instant query, each result tagged with a `metric` label and keeping `instance`, so
// one HTTP request per interval reads every watched host. The figures are computed as the panel's
// (./queries.ts), per instance instead of for one.
import type { HealthFigures } from '../../../shared/contract/host-health';
import type { PromSeries } from './prometheus';
import { NOT_DISKS, promString } from './queries';

/** A RE2 pattern matching exactly this text (instances are user data: a tag). */
export function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const tag = (metric: keyof HealthFigures, expression: string) => `label_replace(${expression}, "metric", "${metric}", "", "")`;

/** The health figures of every instance named, in one expression. */
export function healthQuery(instances: readonly string[], windowSec: number): string {
  const sel = `instance=~${promString(instances.map(regexLiteral).join('|'))}`;
  const w = `[${Math.max(1, Math.round(windowSec))}s]`;
  const fs = `${sel}, fstype!~"${NOT_DISKS}"`;
  return [
    tag('cpu', `100 * (1 - sum by (instance) (rate(node_cpu_seconds_total{${sel}, mode="idle"}${w})) / sum by (instance) (rate(node_cpu_seconds_total{${sel}}${w})))`),
    tag('memory', `100 * (1 - sum by (instance) (node_memory_MemAvailable_bytes{${sel}}) / sum by (instance) (node_memory_MemTotal_bytes{${sel}}))`),
    tag('disk', `max by (instance) (100 * (1 - max by (instance, mountpoint) (node_filesystem_avail_bytes{${fs}}) / max by (instance, mountpoint) (node_filesystem_size_bytes{${fs}} > 0)))`),
  ].join(' or ');
}

/** The answer per instance; an instance with no series is not in the map. */
export function healthFigures(series: readonly PromSeries[]): Map<string, HealthFigures> {
  const out = new Map<string, HealthFigures>();
  for (const s of series) {
    const { instance, metric } = s.labels;
    const value = s.points.at(-1)?.[1];
    if (!instance || value === undefined || (metric !== 'cpu' && metric !== 'memory' && metric !== 'disk')) continue;
    let figures = out.get(instance);
    if (!figures) out.set(instance, (figures = {}));
    figures[metric] = Math.round(value * 10) / 10;
  }
  return out;
}
