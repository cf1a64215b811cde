// Importing an inventory in the app, in Chromium against the lab: the lab's admin (ada) imports a
// CSV with one bad row, reads the row's error, applies the valid rows only; the operator (alice,
// granted every host in the lab) then finds the imported hosts in the tree.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { removeHost } from '../gateway/src/inventory-import/remove-host';
import { openStore } from '../gateway/src/store';
import { test, expect, signInAs } from './lab-fixture';

const DOCS = join(import.meta.dirname, '..', 'docs');

const CSV = [
  'name,address,node,tags,logins',
  'imported-01,127.0.0.1:2201,imports/csv/app,env=lab;origin=import,root',
  'imported-02,127.0.0.1:2202,imports/csv/app,env=lab;origin=import,root',
  'imported-bad,127.0.0.1:2203,imports/csv/app,envlab,root',
  '',
].join('\n');

test('an admin imports a CSV with a bad row: the error is listed, the valid rows applied, the hosts are in the tree', async ({ app, lab }) => {
  test.setTimeout(90_000);
  try {
    await importAndFind(app);
  } finally {
    // Other tests share this lab: the imported hosts go again (they would push hosts out of the tree's view).
    const store = openStore(join(lab.dataDir, 'gateway'));
    for (const name of ['imported-01', 'imported-02']) if (store.hosts.find(name)) removeHost(store, name, { actor: 'e2e' });
    store.close();
  }
});

async function importAndFind(app: Page) {
  mkdirSync(DOCS, { recursive: true });
  await signInAs(app, 'gateway admin (ada)');
  await app.keyboard.press('Control+Shift+P');
  await app.getByRole('dialog', { name: 'Command palette' }).locator('input').fill('Import inventory');
  await app.keyboard.press('Enter');
  const dialog = app.getByTestId('inventory-import');
  await dialog.getByTestId('inventory-file').setInputFiles({ name: 'hosts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });

  await expect(dialog.getByTestId('inventory-counts')).toContainText('2 to add, 0 to change, 0 unchanged, 1 rows with errors');
  await expect(dialog.getByTestId('inventory-format')).toContainText('from the file (CSV)');
  await expect(dialog.getByTestId('inventory-plan-row')).toHaveCount(2);
  const issue = dialog.getByTestId('inventory-issue');
  await expect(issue).toHaveCount(1);
  await expect(issue).toHaveText('line 4 imported-bad tags: "envlab" is not KEY=VALUE');
  // All or nothing (the default) would apply nothing: the button says so by being off.
  await expect(dialog.getByTestId('inventory-apply')).toBeDisabled();
  await dialog.getByTestId('inventory-mode-valid').check();
  await expect(dialog.getByTestId('inventory-apply')).toHaveText('Apply 2 valid hosts');
  await app.screenshot({ path: join(DOCS, 'inventory-import.png') });
  await dialog.getByTestId('inventory-apply').click();
  await expect(dialog.getByTestId('inventory-result')).toHaveText('Applied: 2 added, 0 changed, 0 unchanged, 1 rows with errors left out.');
  await dialog.getByTestId('inventory-close').click();

  await signInAs(app, 'lab');
  await app.getByTestId('host-filter').fill('origin=import');
  await expect(app.locator('[data-testid="host-row"]')).toHaveCount(2);
  await expect(app.locator('[data-testid="host-row"][data-host="imported-01"]')).toBeVisible();
  await expect(app.locator('[data-testid="host-row"][data-host="imported-bad"]')).toHaveCount(0);
  await app.getByTestId('host-filter').fill('');
}
