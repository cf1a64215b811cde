// The plan: what importing valid hosts would do to the inventory, computed without touching it.
// An import adds and updates, never removes: the address (with port) is replaced, nodes, tags
// and logins are added to what the host has (a tag's value replaced). Credentials and pinned
// host keys are not part of it.
import type { HostChanges, InventoryHost } from '../store';
import type { HostSpec } from './types';

export type PlannedHost =
  | { action: 'add'; spec: HostSpec }
  | { action: 'change'; spec: HostSpec; hostId: number; fields: string[]; changes: HostChanges }
  | { action: 'unchanged'; spec: HostSpec };

const pathText = (path: readonly string[]) => JSON.stringify(path);

export function planImport(specs: readonly HostSpec[], existing: ReadonlyMap<string, InventoryHost>): PlannedHost[] {
  return specs.map((spec): PlannedHost => {
    const host = existing.get(spec.name);
    if (!host) return { action: 'add', spec };
    const changes: HostChanges = {};
    const fields: string[] = [];
    if (host.address !== spec.address) {
      changes.address = spec.address;
      fields.push('address');
    }
    const known = new Set(host.nodes.map(pathText));
    const newNodes = spec.nodes.filter((p) => !known.has(pathText(p)));
    if (newNodes.length > 0) {
      changes.nodes = [...host.nodes, ...newNodes];
      fields.push('node');
    }
    const setTags = Object.fromEntries(Object.entries(spec.tags).filter(([k, v]) => host.tags[k] !== v));
    if (Object.keys(setTags).length > 0) {
      changes.setTags = setTags;
      fields.push('tags');
    }
    const addLogins = spec.logins.filter((l) => !host.logins.includes(l));
    if (addLogins.length > 0) {
      changes.addLogins = addLogins;
      fields.push('logins');
    }
    return fields.length === 0 ? { action: 'unchanged', spec } : { action: 'change', spec, hostId: host.id, fields, changes };
  });
}
