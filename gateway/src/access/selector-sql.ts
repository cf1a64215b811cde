// A selector as one SQL query over the inventory's indexes, returning the ids of the hosts it
// covers: the cost of listing a user's hosts follows the grants and the hosts they cover, not a
// scan of every host per grant (JumpServer's connect time grew with the assets granted).
import { pathKey } from '../store/hosts';
import type { HostSelector } from './selector';

export interface SelectorQuery {
  /** Selects one column, `host_id`. */
  sql: string;
  params: Array<string | number>;
}

export function selectorQuery(selector: HostSelector): SelectorQuery {
  switch (selector.kind) {
    case 'all':
      return { sql: 'SELECT id AS host_id FROM hosts WHERE removed_at IS NULL', params: [] }; // a removed host has no nodes or tags left
    case 'hosts':
      return { sql: 'SELECT id AS host_id FROM hosts WHERE removed_at IS NULL AND name IN (SELECT value FROM json_each(?))', params: [JSON.stringify(selector.names)] };
    case 'node': {
      // path_key is "seg/seg/": a subtree is the key range [prefix, prefix with its last "/" → "0").
      const prefix = pathKey(selector.path);
      return { sql: 'SELECT DISTINCT host_id FROM host_nodes WHERE path_key >= ? AND path_key < ?', params: [prefix, prefix.slice(0, -1) + '0'] };
    }
    case 'tags':
      return {
        sql: selector.terms.map(() => 'SELECT host_id FROM host_tags WHERE key = ? AND value IN (SELECT value FROM json_each(?))').join(' INTERSECT '),
        params: selector.terms.flatMap((t) => [t.key, JSON.stringify(t.values)]),
      };
  }
}
