// `host edit`: the same field rules as an import row, applied to one host, audited as host.changed.
import type { HostChanges, InventoryHost, Store } from '../store';
import { ImportError } from './import';
import type { ImportIssue } from './types';
import { validateCandidates } from './validate';

export interface HostEdit {
  /** Host or host:port. */
  address?: string;
  port?: string;
  /** Replace the host's nodes with these paths (team/line/service/module). */
  nodes?: string[];
  /** key=value, added or replaced. */
  tags?: string[];
  /** Tag keys to remove. */
  untag?: string[];
  /** Login accounts to add. */
  logins?: string[];
}

const issueText = (i: ImportIssue) => `${i.field}: ${i.message}`;

export function editHost(store: Store, name: string, edit: HostEdit, actor: string): { host: InventoryHost; fields: string[] } {
  return store.db.transaction(() => {
    const host = store.hosts.inventory().find((h) => h.name === name);
    if (!host) throw new ImportError(`no host named "${name}"`);
    // A new port alone keeps the host part; a new address alone keeps no old port (22 unless it has one).
    const address = edit.address ?? (edit.port !== undefined ? hostPartOf(host.address) : host.address);
    const candidate = { where: 'host edit', name, address, port: edit.port, nodes: edit.nodes ?? [], tags: edit.tags ?? [], logins: edit.logins ?? [] };
    const { valid, issues } = validateCandidates([candidate]);
    if (issues.length > 0) throw new ImportError(issues.map(issueText).join('; '));
    const spec = valid[0]!;
    const changes: HostChanges = {};
    if (spec.address !== host.address) changes.address = spec.address;
    if (edit.nodes !== undefined && JSON.stringify(spec.nodes) !== JSON.stringify(host.nodes)) changes.nodes = spec.nodes;
    for (const k of edit.untag ?? []) if (!(k in host.tags)) throw new ImportError(`host "${name}" has no tag "${k}"`);
    const setTags = Object.fromEntries(Object.entries(spec.tags).filter(([k, v]) => host.tags[k] !== v));
    const removeTags = (edit.untag ?? []).filter((k) => !(k in spec.tags));
    if (Object.keys(setTags).length > 0 || removeTags.length > 0) Object.assign(changes, { setTags, removeTags });
    const addLogins = spec.logins.filter((l) => !host.logins.includes(l));
    if (addLogins.length > 0) changes.addLogins = addLogins;
    const fields = [changes.address && 'address', changes.nodes && 'node', changes.setTags && 'tags', changes.addLogins && 'logins'].filter((f): f is string => typeof f === 'string');
    if (fields.length > 0) {
      store.hosts.update(host.id, changes);
      store.audit.record({ type: 'host.changed', actor, data: { host: name, fields, ...changes } });
    }
    return { host: store.hosts.inventory().find((h) => h.name === name)!, fields };
  })();
}

/** "h:22" → "h", "[::1]:22" → "::1". */
const hostPartOf = (address: string) => address.slice(0, address.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1');
