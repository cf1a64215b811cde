// `host remove`: the host leaves the inventory (a tombstone keeps its id and name for history).
// A host with live sessions is refused unless forced; forced, those sessions end within seconds as
// on a revocation (their access check no longer finds the host).
import type { Store } from '../store';
import { ImportError } from './import';

export function removeHost(store: Store, name: string, options: { force?: boolean; actor: string }): { liveSessions: number } {
  return store.db.transaction(() => {
    const host = store.hosts.find(name);
    if (!host) throw new ImportError(`no host named "${name}"`);
    const { n: liveSessions } = store.db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM sessions WHERE host = ? AND status = 'live'").get(name)!;
    if (liveSessions > 0 && !options.force) {
      throw new ImportError(`host "${name}" has ${liveSessions} live session(s): end them (session terminate) or pass --force, which ends them too`);
    }
    store.hosts.remove(host.id);
    store.audit.record({ type: 'host.removed', actor: options.actor, data: { host: name, address: host.address, liveSessions, forced: options.force === true } });
    return { liveSessions };
  })();
}
