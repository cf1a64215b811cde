// Choosing a batch job's hosts: the selector for a tree node or a set of hosts (grant selector
// syntax, docs/GATEWAY.md), and which of the chosen hosts are production (they get a louder question).
import type { Host } from '../../../shared/contract/inventory';

/** The selector naming every host below a tree node (`node:platform/storefront`). */
export function nodeSelector(path: readonly string[]): string {
  return `node:${path.join('/')}`;
}

/** The selector naming these hosts: their names, comma-separated, each once, in the given order. */
export function namesSelector(names: readonly string[]): string {
  return [...new Set(names.map((n) => n.trim()).filter(Boolean))].join(',');
}

/** The hosts tagged env=prod among `names` (looked up in the host list; unknown names are not). */
export function productionHosts(names: readonly string[], hosts: readonly Host[]): string[] {
  const prod = new Set(hosts.filter((h) => h.tags.env?.toLowerCase() === 'prod').map((h) => h.name));
  return names.filter((n) => prod.has(n));
}
