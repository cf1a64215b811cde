// Hosts of the inventory, with their tree nodes, tags and pinned host keys.
import type Database from 'better-sqlite3';

export interface HostRecord {
  id: number;
  name: string;
  /** host:port */
  address: string;
  nodes: string[][];
  tags: Record<string, string>;
}

/** Index form of a tree path: each segment URI-encoded and followed by "/", so a subtree is a prefix. */
export function pathKey(path: readonly string[]): string {
  return path.map((segment) => encodeURIComponent(segment) + '/').join('');
}

/** A host with the login accounts it offers (host_logins): what the inventory import and `host list` see. */
export interface InventoryHost extends HostRecord {
  logins: string[];
}

/** What an import or `host edit` changes on one host; absent fields stay as they are. */
export interface HostChanges {
  address?: string;
  /** Replaces the host's nodes. */
  nodes?: string[][];
  /** Added or replaced, key by key. */
  setTags?: Record<string, string>;
  removeTags?: string[];
  /** Added to the host's logins. */
  addLogins?: string[];
}

interface HostRow {
  id: number;
  name: string;
  address: string;
}

export function createHostRepo(db: Database.Database) {
  // Removed hosts (removed_at set) are tombstones: no query here returns them.
  const byName = db.prepare<[string], HostRow>('SELECT id, name, address FROM hosts WHERE name = ? AND removed_at IS NULL');
  const all = db.prepare<[], HostRow>('SELECT id, name, address FROM hosts WHERE removed_at IS NULL ORDER BY name');
  const removedByName = db.prepare<[string], { id: number }>('SELECT id FROM hosts WHERE name = ? AND removed_at IS NOT NULL');
  const markRemoved = db.prepare('UPDATE hosts SET removed_at = ? WHERE id = ?');
  const removeParts = ['host_nodes', 'host_tags', 'host_logins', 'credentials', 'host_keys'].map((table) => db.prepare(`DELETE FROM ${table} WHERE host_id = ?`));
  const nodesOf = db.prepare<[number], { path: string }>('SELECT path FROM host_nodes WHERE host_id = ? ORDER BY path_key');
  const tagsOf = db.prepare<[number], { key: string; value: string }>('SELECT key, value FROM host_tags WHERE host_id = ? ORDER BY key');
  // Bulk loads: ids as one JSON array parameter (no statement per host, no parameter limit).
  // (A join from json_each walks the ids once; "IN (SELECT …)" builds a temporary index first.)
  const manyHosts = db.prepare<[string], HostRow>('SELECT h.id, h.name, h.address FROM json_each(?) j JOIN hosts h ON h.id = j.value WHERE h.removed_at IS NULL ORDER BY h.name');
  const manyNodes = db.prepare<[string], { host_id: number; path: string }>(
    'SELECT n.host_id, n.path FROM json_each(?) j JOIN host_nodes n ON n.host_id = j.value ORDER BY n.host_id, n.path_key',
  );
  const manyTags = db.prepare<[string], { host_id: number; key: string; value: string }>(
    'SELECT t.host_id, t.key, t.value FROM json_each(?) j JOIN host_tags t ON t.host_id = j.value ORDER BY t.host_id, t.key',
  );
  const insertHost = db.prepare('INSERT INTO hosts (name, address, created_at) VALUES (?, ?, ?)');
  const insertNode = db.prepare('INSERT OR IGNORE INTO host_nodes (host_id, path, path_key) VALUES (?, ?, ?)');
  const insertTag = db.prepare('INSERT OR REPLACE INTO host_tags (host_id, key, value) VALUES (?, ?, ?)');

  const allNodes = db.prepare<[], { host_id: number; path: string }>('SELECT host_id, path FROM host_nodes ORDER BY host_id, path_key');
  const allTags = db.prepare<[], { host_id: number; key: string; value: string }>('SELECT host_id, key, value FROM host_tags ORDER BY host_id, key');
  const allLogins = db.prepare<[], { host_id: number; login: string }>('SELECT host_id, login FROM host_logins ORDER BY host_id, login');
  const updateAddress = db.prepare('UPDATE hosts SET address = ? WHERE id = ?');
  const deleteNodes = db.prepare('DELETE FROM host_nodes WHERE host_id = ?');
  const deleteTag = db.prepare('DELETE FROM host_tags WHERE host_id = ? AND key = ?');
  const insertLogin = db.prepare('INSERT OR IGNORE INTO host_logins (host_id, login) VALUES (?, ?)');

  // Inside the caller's transaction (an import of 10,000 rows), no savepoint per host.
  const atomically = <T>(fn: () => T): T => (db.inTransaction ? fn() : db.transaction(fn)());

  const load = (row: HostRow): HostRecord => ({
    ...row,
    nodes: nodesOf.all(row.id).map((n) => JSON.parse(n.path) as string[]),
    tags: Object.fromEntries(tagsOf.all(row.id).map((t) => [t.key, t.value])),
  });

  return {
    find(name: string): HostRecord | undefined {
      const row = byName.get(name);
      return row && load(row);
    },
    /** These hosts (unknown ids skipped), by name, in three queries whatever their number. */
    loadMany(ids: readonly number[]): HostRecord[] {
      if (ids.length === 0) return [];
      const json = JSON.stringify(ids);
      const nodes = new Map<number, string[][]>();
      for (const n of manyNodes.all(json)) nodes.set(n.host_id, [...(nodes.get(n.host_id) ?? []), JSON.parse(n.path) as string[]]);
      const tags = new Map<number, Record<string, string>>();
      for (const t of manyTags.all(json)) (tags.get(t.host_id) ?? tags.set(t.host_id, {}).get(t.host_id)!)[t.key] = t.value;
      return manyHosts.all(json).map((row) => ({ ...row, nodes: nodes.get(row.id) ?? [], tags: tags.get(row.id) ?? {} }));
    },
    /** Every host; fine at today's sizes, the later tree API pages and indexes this. */
    list(): HostRecord[] {
      return all.all().map(load);
    },
    /** Every host with its nodes, tags and logins, by name, in four queries whatever their number. */
    inventory(): InventoryHost[] {
      const hosts = new Map<number, InventoryHost>();
      for (const row of all.all()) hosts.set(row.id, { ...row, nodes: [], tags: {}, logins: [] });
      for (const n of allNodes.all()) hosts.get(n.host_id)?.nodes.push(JSON.parse(n.path) as string[]);
      for (const t of allTags.all()) {
        const host = hosts.get(t.host_id);
        if (host) host.tags[t.key] = t.value;
      }
      for (const l of allLogins.all()) hosts.get(l.host_id)?.logins.push(l.login);
      return [...hosts.values()];
    },
    create(host: Omit<HostRecord, 'id'> & { logins?: readonly string[] }, now = Date.now()): HostRecord {
      return atomically(() => {
        const id = Number(insertHost.run(host.name, host.address, now).lastInsertRowid);
        for (const path of host.nodes) insertNode.run(id, JSON.stringify(path), pathKey(path));
        for (const [key, value] of Object.entries(host.tags)) insertTag.run(id, key, value);
        for (const login of host.logins ?? []) insertLogin.run(id, login);
        return { id, name: host.name, address: host.address, nodes: host.nodes, tags: host.tags };
      });
    },
    /** True when `name` belongs to a removed host: the name stays taken. */
    isRemoved(name: string): boolean {
      return removedByName.get(name) !== undefined;
    },
    /** Removes host `id`: its nodes, tags, logins, credentials and pinned key go; the row stays, marked. */
    remove(id: number, now = Date.now()): void {
      db.transaction(() => {
        for (const statement of removeParts) statement.run(id);
        markRemoved.run(now, id);
      })();
    },
    /** Applies `changes` to host `id` (in the caller's transaction when there is one). */
    update(id: number, changes: HostChanges): void {
      atomically(() => {
        if (changes.address !== undefined) updateAddress.run(changes.address, id);
        if (changes.nodes !== undefined) {
          deleteNodes.run(id);
          for (const path of changes.nodes) insertNode.run(id, JSON.stringify(path), pathKey(path));
        }
        for (const [key, value] of Object.entries(changes.setTags ?? {})) insertTag.run(id, key, value);
        for (const key of changes.removeTags ?? []) deleteTag.run(id, key);
        for (const login of changes.addLogins ?? []) insertLogin.run(id, login);
      });
    },
  };
}
export type HostRepo = ReturnType<typeof createHostRepo>;

export type HostKeySource = 'admin' | 'first-use';

export function createHostKeyRepo(db: Database.Database) {
  const get = db.prepare<[number], { public_key: string }>('SELECT public_key FROM host_keys WHERE host_id = ?');
  const upsert = db.prepare(
    `INSERT INTO host_keys (host_id, public_key, pinned_at, source) VALUES (?, ?, ?, ?)
     ON CONFLICT (host_id) DO UPDATE SET public_key = excluded.public_key, pinned_at = excluded.pinned_at, source = excluded.source`,
  );
  const insertIfAbsent = db.prepare('INSERT OR IGNORE INTO host_keys (host_id, public_key, pinned_at, source) VALUES (?, ?, ?, ?)');

  return {
    pinned(hostId: number): string | undefined {
      return get.get(hostId)?.public_key;
    },
    /** An admin's pin replaces whatever was pinned. */
    pin(hostId: number, publicKey: string, now = Date.now()): void {
      upsert.run(hostId, publicKey, now, 'admin');
    },
    /**
     * Trust on first use: pins only when nothing is pinned yet (two sessions racing both end up
     * comparing against the same winner). Returns the key that is pinned afterwards.
     */
    pinIfAbsent(hostId: number, publicKey: string, now = Date.now()): string {
      insertIfAbsent.run(hostId, publicKey, now, 'first-use');
      return get.get(hostId)!.public_key;
    },
  };
}
export type HostKeyRepo = ReturnType<typeof createHostKeyRepo>;
