// Choosing a batch job's hosts: the selector for a tree node or a set of hosts (grant selector
// syntax, docs/GATEWAY.md), which of the chosen hosts are production (they get a louder question),
// and the access request for those the preview says are not permitted.
import type { ClientMethods } from '../../../shared/contract/client-api';
import type { Host } from '../../../shared/contract/inventory';
import type { ResultOf } from '../../../shared/rpc/protocol';

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

/** A host the batch preview left out, and why. */
export type NotPermittedHost = ResultOf<ClientMethods, 'batch.preview'>['notPermitted'][number];

/** What to ask access for: a names selector, the job's login, how many it names and how many did not fit. */
export interface AccessAskForJob {
  hosts: string;
  login: string;
  count: number;
  left: number;
}

/** The gateway takes selectors of at most this many characters (grants and requests alike). */
export const SELECTOR_MAX_CHARS = 4096;

/**
 * The access request that would let the job run on its not-permitted hosts, or null when there is
 * nothing to ask: a host with several logins needs a login chosen, not a grant. Names past the
 * selector's length limit are left for a second request (`left` counts them).
 */
export function accessToAsk(notPermitted: readonly NotPermittedHost[], login: string): AccessAskForJob | null {
  const names = [...new Set(notPermitted.filter((n) => n.reason !== 'several_logins').map((n) => n.host))];
  const fitting: string[] = [];
  let chars = -1;
  for (const name of names) {
    if (chars + 1 + name.length > SELECTOR_MAX_CHARS) break;
    chars += 1 + name.length;
    fitting.push(name);
  }
  if (fitting.length === 0) return null;
  return { hosts: namesSelector(fitting), login: login.trim(), count: fitting.length, left: names.length - fitting.length };
}
