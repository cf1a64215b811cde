// Inventory import over the API, end to end: a real gateway, files sent in chunks over ssh2, the
// plan previewed, applied all-or-nothing or by valid rows, a stale plan refused, roles, the size
// bound, the XLSX template back through the importer, and 10,000 rows (timed by printing).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_IMPORT_LIMITS, type ImportPlan } from '../../../shared/contract/gateway-api/inventory-import';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { silentLogger, startGateway, type Gateway } from '..';
import { openStore } from '../store';
import { auditEntries, openApiClient, withAdmin } from '../testing';
import { sampleInventoryCsv } from './sample-csv';

const keys = { ada: generateEd25519KeyPair(), alice: generateEd25519KeyPair() };
let dir: string;
let dataDir: string;
let gw: Gateway;

const api = (user: keyof typeof keys) => openApiClient({ port: gw.address.port, username: user, privateKey: keys[user].private, hostPublicKey: gw.hostPublicKey });
type Api = Awaited<ReturnType<typeof api>>;
const failure = (p: Promise<unknown>) => p.then(
  () => ({ code: 'none', message: '' }),
  (e: Error & { code: string }) => ({ code: e.code, message: e.message }),
);

/** Sends `bytes` as the app does, in chunks of INVENTORY_IMPORT_LIMITS.chunkBytes; the upload's id. */
async function send(client: Api, bytes: Buffer): Promise<string> {
  let upload: string | undefined;
  for (let at = 0; at === 0 || at < bytes.length; at += INVENTORY_IMPORT_LIMITS.chunkBytes) {
    const data = bytes.subarray(at, at + INVENTORY_IMPORT_LIMITS.chunkBytes).toString('base64');
    upload = (await client.call<{ upload: string }>('inventory.upload', { ...(upload && { upload }), data })).upload;
  }
  return upload!;
}
const inventory = () => {
  const store = openStore(dataDir);
  try {
    return Object.fromEntries(store.hosts.inventory().map((h) => [h.name, h.address]));
  } finally {
    store.close();
  }
};

const GOOD = 'name,address,node,tags,logins\nimp-web-01,10.1.0.5,pay/web,env=prod;role=web,root\nimp-db-01,10.1.0.6:5022,pay/db,env=prod,postgres\n';
const WITH_BAD_ROW = GOOD + 'imp-bad,10.1.0.7,,envprod,\n';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-inv-api-'));
  dataDir = join(dir, 'data');
  withAdmin(dataDir, (a) => {
    a.addUser({ name: 'ada', roles: ['admin'], publicKeys: [keys.ada.public] });
    a.addUser({ name: 'alice', roles: ['operator'], publicKeys: [keys.alice.public] });
  });
  gw = await startGateway({ dataDir, logger: silentLogger });
});

afterAll(async () => {
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('inventory import over the API', () => {
  it('previews with per-row errors, all-or-nothing applies nothing, valid rows apply the rest, audited as the admin; re-importing changes nothing', async () => {
    const ada = await api('ada');
    try {
      const upload = await send(ada, Buffer.from(WITH_BAD_ROW));
      const preview = await ada.call<ImportPlan>('inventory.preview', { upload, name: 'hosts.csv' });
      expect(preview).toMatchObject({ format: 'csv', applied: false, stale: false, counts: { add: 2, change: 0, unchanged: 0, invalid: 1 } });
      expect(preview.hosts.map((h) => [h.line, h.name, h.action])).toEqual([[2, 'imp-web-01', 'add'], [3, 'imp-db-01', 'add']]);
      expect(preview.issues).toEqual([{ where: 'line 4', line: 4, host: 'imp-bad', field: 'tags', code: 'tag_syntax', params: { text: 'envprod' } }]);
      expect(inventory()).toEqual({});
      expect(auditEntries(dataDir, 'inventory.imported')).toEqual([]); // a preview records nothing

      const strict = await ada.call<ImportPlan>('inventory.apply', { upload, name: 'hosts.csv', mode: 'all_or_nothing', planHash: preview.planHash });
      expect(strict).toMatchObject({ applied: false, stale: false });
      expect(inventory()).toEqual({});

      const lenient = await ada.call<ImportPlan>('inventory.apply', { upload, name: 'hosts.csv', mode: 'valid_rows', planHash: preview.planHash });
      expect(lenient).toMatchObject({ applied: true, counts: { add: 2, invalid: 1 } });
      expect(inventory()).toEqual({ 'imp-web-01': '10.1.0.5:22', 'imp-db-01': '10.1.0.6:5022' });
      expect(auditEntries(dataDir, 'inventory.imported').map((e) => [e.actor, e.data])).toEqual([
        ['ada', expect.objectContaining({ file: 'hosts.csv', mode: 'all-or-nothing', applied: false, added: 2, invalid: 1 })],
        ['ada', expect.objectContaining({ file: 'hosts.csv', mode: 'valid-only', applied: true, added: 2, invalid: 1 })],
      ]);

      const again = await ada.call<ImportPlan>('inventory.preview', { upload: await send(ada, Buffer.from(GOOD)), name: 'hosts.csv' });
      expect(again.counts).toEqual({ add: 0, change: 0, unchanged: 2, invalid: 0 });
    } finally {
      ada.close();
    }
  });

  it('refuses a stale plan: the inventory changed since the preview, nothing is written and the new plan comes back', async () => {
    const ada = await api('ada');
    try {
      const file = 'name,address\nstale-01,10.2.0.1\nstale-02,10.2.0.2\n';
      const upload = await send(ada, Buffer.from(file));
      const preview = await ada.call<ImportPlan>('inventory.preview', { upload, name: 'stale.csv' });
      withAdmin(dataDir, (a) => a.addHost({ name: 'stale-02', address: '10.9.9.9:22' })); // someone else, meanwhile
      const refused = await ada.call<ImportPlan>('inventory.apply', { upload, name: 'stale.csv', mode: 'all_or_nothing', planHash: preview.planHash });
      expect(refused).toMatchObject({ stale: true, applied: false, counts: { add: 1, change: 1 } });
      expect(refused.planHash).not.toBe(preview.planHash);
      expect(inventory()).toMatchObject({ 'stale-02': '10.9.9.9:22' });
      expect(inventory()['stale-01']).toBeUndefined();
      expect(auditEntries(dataDir, 'inventory.imported').filter((e) => e.data.file === 'stale.csv')).toEqual([]);

      const applied = await ada.call<ImportPlan>('inventory.apply', { upload, name: 'stale.csv', mode: 'all_or_nothing', planHash: refused.planHash });
      expect(applied).toMatchObject({ stale: false, applied: true });
      expect(inventory()).toMatchObject({ 'stale-01': '10.2.0.1:22', 'stale-02': '10.2.0.2:22' });
    } finally {
      ada.close();
    }
  });

  it('denies every import method to a non-admin, whatever the params', async () => {
    const alice = await api('alice');
    try {
      expect(await failure(alice.call('inventory.upload', { data: Buffer.from(GOOD).toString('base64') }))).toMatchObject({ code: 'denied' });
      expect(await failure(alice.call('inventory.preview', { upload: 'x', name: 'hosts.csv' }))).toMatchObject({ code: 'denied' });
      expect(await failure(alice.call('inventory.apply', { upload: 'x', name: 'hosts.csv', mode: 'valid_rows', planHash: 'x' }))).toMatchObject({ code: 'denied' });
      expect(await failure(alice.call('inventory.template', {}))).toMatchObject({ code: 'denied' });
    } finally {
      alice.close();
    }
  });

  it('refuses a file over 20 MiB with a clear error, and an upload of another channel is not found', async () => {
    const ada = await api('ada');
    const other = await api('ada');
    try {
      const upload = await send(ada, Buffer.alloc(INVENTORY_IMPORT_LIMITS.fileBytes, 'a')); // exactly the limit: taken
      expect(await failure(ada.call('inventory.upload', { upload, data: Buffer.from('b').toString('base64') }))).toEqual({ code: 'bad_request', message: expect.stringContaining('larger than 20 MiB') });
      expect(await failure(ada.call('inventory.preview', { upload, name: 'big.csv' }))).toMatchObject({ code: 'not_found' }); // dropped
      const mine = await send(ada, Buffer.from(GOOD));
      expect(await failure(other.call('inventory.preview', { upload: mine, name: 'hosts.csv' }))).toMatchObject({ code: 'not_found' });
    } finally {
      ada.close();
      other.close();
    }
  });

  it('the template: its CSV and its XLSX (binary, base64) both preview as the documented example rows', async () => {
    const ada = await api('ada');
    try {
      const template = await ada.call<{ columns: string[]; csv: string; xlsx: string }>('inventory.template', {});
      expect(template.columns).toEqual(['name', 'address', 'port', 'node', 'tags', 'logins']);
      for (const [name, bytes] of [['template.csv', Buffer.from(template.csv)], ['template.xlsx', Buffer.from(template.xlsx, 'base64')]] as const) {
        const plan = await ada.call<ImportPlan>('inventory.preview', { upload: await send(ada, bytes), name });
        expect(plan.issues).toEqual([]);
        expect(plan.hosts.map((h) => [h.name, h.address, h.action])).toEqual([['web-01', '10.0.0.5:22', 'add'], ['db-01', 'db.internal:5432', 'add']]);
      }
    } finally {
      ada.close();
    }
  });

  it('an ssh_config sent over the API never makes the gateway read its own files (Include listed as skipped)', async () => {
    const ada = await api('ada');
    try {
      const config = `Include ${join(dataDir, 'gateway.yaml')}\nHost jump-01\n  HostName 10.3.0.1\n  User ops\n`;
      const plan = await ada.call<ImportPlan>('inventory.preview', { upload: await send(ada, Buffer.from(config)), name: 'config' });
      expect(plan.format).toBe('ssh-config');
      expect(plan.hosts.map((h) => h.name)).toEqual(['jump-01']);
      expect(plan.skipped).toMatchObject([{ code: 'include_not_followed' }]);
    } finally {
      ada.close();
    }
  });

  it('10,000 rows: preview and apply (times printed, not asserted)', async () => {
    const ada = await api('ada');
    try {
      const csv = Buffer.from(sampleInventoryCsv(10_000));
      let t = performance.now();
      const upload = await send(ada, csv);
      const sent = performance.now() - t;
      t = performance.now();
      const preview = await ada.call<ImportPlan>('inventory.preview', { upload, name: 'big.csv' });
      const previewed = performance.now() - t;
      t = performance.now();
      const applied = await ada.call<ImportPlan>('inventory.apply', { upload, name: 'big.csv', mode: 'all_or_nothing', planHash: preview.planHash });
      const done = performance.now() - t;
      console.log(`inventory import over the API, 10,000 rows (${(csv.length / 1024).toFixed(0)} KiB): upload ${sent.toFixed(0)} ms, preview ${previewed.toFixed(0)} ms, apply ${done.toFixed(0)} ms`);
      expect(preview.counts.add).toBe(10_000);
      expect(applied).toMatchObject({ applied: true, counts: { add: 10_000, invalid: 0 } });
    } finally {
      ada.close();
    }
  });
});
