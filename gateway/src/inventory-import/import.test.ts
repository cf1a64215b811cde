// Imports against a real data directory: all-or-nothing vs valid-only, idempotency, the audit row,
// merging into hosts that exist, and 10,000 rows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccess } from '../access';
import { createAdmin } from '../admin';
import { openStore, type Store } from '../store';
import { removeHost } from './remove-host';
import { importInventory } from './import';
import { sampleInventoryCsv } from './sample-csv';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-inv-import-'));
  store = openStore(join(dir, 'data'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const names = () => store.hosts.inventory().map((h) => h.name);
const imports = () => store.audit.list({ type: 'inventory.imported' }).map((e) => e.data);

const GOOD = 'name,address,node,tags,logins\nweb-01,10.0.0.5,pay/web,env=prod;role=web,root;deploy\ndb-01,10.0.0.6:5022,pay/db,env=prod,postgres\n';
const WITH_ERROR = GOOD + 'bad host,10.0.0.7,,,\n';

describe('importInventory', () => {
  it('all-or-nothing by default: one bad row applies nothing', async () => {
    const report = await importInventory(store, { file: file('inv.csv', WITH_ERROR), actor: 'admin:cli:ops' });
    expect(report).toMatchObject({ format: 'csv', applied: false, counts: { add: 2, change: 0, unchanged: 0, invalid: 1 } });
    expect(report.issues).toEqual([{ where: 'line 4', host: 'bad host', field: 'name', code: 'field_invalid', params: { detail: expect.any(String) }, message: expect.any(String) }]);
    expect(names()).toEqual([]);
    expect(imports()).toEqual([expect.objectContaining({ applied: false, mode: 'all-or-nothing', added: 2, invalid: 1 })]);
  });

  it('--valid-only applies the valid rows and reports the rest', async () => {
    const report = await importInventory(store, { file: file('inv.csv', WITH_ERROR), validOnly: true, actor: 'admin:cli:ops' });
    expect(report.applied).toBe(true);
    expect(names()).toEqual(['db-01', 'web-01']);
    expect(report.issues.map((i) => i.where)).toEqual(['line 4']);
  });

  it('a dry run changes nothing and records nothing', async () => {
    const report = await importInventory(store, { file: file('inv.csv', GOOD), dryRun: true, actor: 'x' });
    expect(report.hosts.map((h) => [h.name, h.action])).toEqual([['web-01', 'add'], ['db-01', 'add']]);
    expect(names()).toEqual([]);
    expect(imports()).toEqual([]);
  });

  it('is idempotent: the same file twice changes nothing the second time', async () => {
    const path = file('inv.csv', GOOD);
    await importInventory(store, { file: path, actor: 'a' });
    const before = store.hosts.inventory();
    const again = await importInventory(store, { file: path, actor: 'a' });
    expect(again.hosts.map((h) => h.action)).toEqual(['unchanged', 'unchanged']);
    expect(store.hosts.inventory()).toEqual(before);
    expect(before.find((h) => h.name === 'web-01')).toMatchObject({ address: '10.0.0.5:22', nodes: [['pay', 'web']], tags: { env: 'prod', role: 'web' }, logins: ['deploy', 'root'] });
    expect(imports().map((d) => [d.added, d.unchanged])).toEqual([[2, 0], [0, 2]]);
  });

  it('merges into existing hosts: address replaced, nodes/tags/logins added, nothing removed; says which fields', async () => {
    await importInventory(store, { file: file('a.csv', GOOD), actor: 'a' });
    const changed = file('b.csv', 'name,address,node,tags,logins\nweb-01,10.0.0.50,pay/web,env=staging;tier=1,root\ndb-01,10.0.0.6:5022,,,postgres\n');
    const report = await importInventory(store, { file: changed, actor: 'a' });
    expect(report.hosts.map((h) => [h.name, h.action, h.fields])).toEqual([['web-01', 'change', ['address', 'tags']], ['db-01', 'unchanged', undefined]]);
    expect(store.hosts.inventory().find((h) => h.name === 'web-01')).toMatchObject({ address: '10.0.0.50:22', nodes: [['pay', 'web']], tags: { env: 'staging', role: 'web', tier: '1' }, logins: ['deploy', 'root'] });
  });

  it('an unreadable file or an unknown format is one clear error', async () => {
    await expect(importInventory(store, { file: join(dir, 'missing.csv'), actor: 'a' })).rejects.toThrow(/cannot read .*missing.csv: ENOENT/);
    await expect(importInventory(store, { file: file('notes', 'hello\n'), actor: 'a' })).rejects.toThrow(/cannot tell the format .* pass --format csv\|xlsx\|ansible\|ssh-config/);
  });

  it('a removed host leaves every selector (all, names, node, tags) and keeps its name', async () => {
    await importInventory(store, { file: file('inv.csv', GOOD), actor: 'a' });
    const admin = createAdmin(store);
    admin.addUser({ name: 'alice' });
    for (const hosts of ['*', 'web-01,db-01', 'node:pay', 'env=prod']) admin.addGrant({ user: 'alice', hosts, login: 'root' });
    expect(createAccess(store).reachableHosts('alice').map((r) => r.host.name)).toEqual(['db-01', 'web-01']);
    removeHost(store, 'web-01', { actor: 'a' });
    expect(createAccess(store).reachableHosts('alice').map((r) => r.host.name)).toEqual(['db-01']);
    expect(() => admin.addHost({ name: 'web-01', address: '10.0.0.5:22' })).toThrow(/belongs to a removed host/);
    expect(store.audit.list({ type: 'host.removed' }).map((e) => e.data)).toEqual([{ host: 'web-01', address: '10.0.0.5:22', liveSessions: 0, forced: false }]);
  });

  it('10,000 rows: all present, then re-imported unchanged', async () => {
    const path = file('big.csv', sampleInventoryCsv(10_000));
    const t0 = performance.now();
    const first = await importInventory(store, { file: path, actor: 'a' });
    const t1 = performance.now();
    const second = await importInventory(store, { file: path, actor: 'a' });
    const t2 = performance.now();
    console.log(`10,000-row CSV: first import ${Math.round(t1 - t0)} ms, re-import ${Math.round(t2 - t1)} ms`);
    expect(first.counts).toEqual({ add: 10_000, change: 0, unchanged: 0, invalid: 0 });
    const all = store.hosts.inventory();
    expect(all).toHaveLength(10_000);
    expect(all.find((h) => h.name === 'host-9999')).toMatchObject({ address: '10.0.39.15:22', nodes: [['team3', 'line0', 'svc49']], tags: { env: 'prod', shard: '15' }, logins: ['deploy', 'root'] });
    expect(second.counts).toEqual({ add: 0, change: 0, unchanged: 10_000, invalid: 0 });
  });
});
