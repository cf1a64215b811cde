// The admin screen "Users and hosts…" in Chromium against the lab: the lab's admin (ada) creates a
// user with a public key, adds them to a new group, creates a host with a credential (shown only as
// "set"), edits it, then takes it all back through the screen (the user disabled after a
// confirmation, the membership and the host removed after one); the operator (lab) is not offered
// the screen. The user is removed in `finally` (a tombstone: the API has no
// removal); the group stays, empty.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createUserAdmin } from '../gateway/src/auth/user-admin';
import { removeHost } from '../gateway/src/inventory-import/remove-host';
import { openStore } from '../gateway/src/store';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';
import { test, expect, signInAs } from './lab-fixture';

const DOCS = join(import.meta.dirname, '..', 'docs');
// Users and groups are never deleted (their ids and names stay, as history): a name per run.
const RUN = Date.now().toString(36);
const USER = `e2e-dora-${RUN}`;
const GROUP = `e2e-night-${RUN}`;
const HOST = 'e2e-db-07';
const SECRET = 'e2e correct horse battery staple';

test('an admin manages users, groups, hosts and credentials in the app; an operator is not offered the screen', async ({ app, lab }) => {
  test.setTimeout(120_000);
  try {
    await signInAs(app, 'gateway admin (ada)');
    await usersAndGroups(app);
    await hostAndCredential(app);
    await app.getByTestId('directory-close').click();
    await signInAs(app, 'lab');
    // The operator is offered no such screen: the palette lists it disabled, and Enter opens nothing
    // (the gateway refuses the calls too: electron/core/directory/directory-service.test.ts).
    await app.keyboard.press('Control+Shift+P');
    const palette = app.getByRole('dialog', { name: 'Command palette' });
    await palette.locator('input').fill('Users and hosts');
    await expect(palette.getByRole('option', { name: /Users and hosts/ })).toHaveAttribute('aria-disabled', 'true');
    await app.keyboard.press('Enter');
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('directory')).toHaveCount(0);
  } finally {
    // The lab is shared: what this test added goes again, whatever happened.
    const store = openStore(join(lab.dataDir, 'gateway'));
    if (store.hosts.find(HOST)) removeHost(store, HOST, { actor: 'e2e', force: true });
    const user = store.users.find(USER);
    if (user && !user.removed) createUserAdmin(store, 'e2e').remove(USER); // a tombstone: it cannot log in, its name stays taken
    const group = store.groups.find(GROUP);
    if (group && user) store.groups.removeMember(group.id, user.id); // the group stays, empty
    store.close();
    await signInAs(app, 'lab');
  }
});

async function openScreen(app: Page) {
  await app.keyboard.press('Control+Shift+P');
  await app.getByRole('dialog', { name: 'Command palette' }).locator('input').fill('Users and hosts');
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('directory')).toBeVisible();
}

async function usersAndGroups(app: Page) {
  mkdirSync(DOCS, { recursive: true });
  await openScreen(app);
  const dialog = app.getByTestId('directory');
  await dialog.getByTestId('directory-user-new').click();
  const create = dialog.getByTestId('directory-user-create');
  await create.getByTestId('directory-user-create-submit').click();
  await expect(create.locator('[data-field="name"]')).toHaveText('Required');
  await create.getByTestId('directory-user-name').fill(USER);
  await create.getByTestId('directory-user-keys').fill('not a key');
  await create.getByTestId('directory-user-create-submit').click();
  await expect(create.locator('[data-field="publicKeys"]')).toHaveText('Line 1 is not an OpenSSH public key (ssh-ed25519 AAAA…)');
  await create.getByTestId('directory-user-keys').fill('');
  await create.getByTestId('directory-user-keys-file').setInputFiles({ name: 'dora.pub', mimeType: 'text/plain', buffer: Buffer.from(`${generateEd25519KeyPair().public}\n`) });
  await expect(create.getByTestId('directory-user-keys')).toHaveValue(/^ssh-ed25519 /);
  await create.getByTestId('directory-user-create-submit').click();
  const row = dialog.locator(`[data-testid="directory-user"][data-name="${USER}"]`);
  await expect(row).toContainText('operator');
  await expect(row.locator('td').nth(3)).toHaveText('1');

  await row.getByTestId('directory-user-manage').click();
  await expect(dialog.getByTestId('directory-user-key')).toHaveCount(1);
  await expect(dialog.getByTestId('directory-user-key')).toContainText('SHA256:');
  await dialog.getByTestId('directory-users-filter').fill('e2e');
  await app.screenshot({ path: join(DOCS, 'admin-users.png') });
  await dialog.getByTestId('directory-users-filter').fill('');
  await dialog.getByTestId('directory-user-detail-close').click();

  await dialog.getByTestId('directory-tab-groups').click();
  await dialog.getByTestId('directory-group-name').fill(GROUP);
  await dialog.getByTestId('directory-group-create').click();
  const group = dialog.locator(`[data-testid="directory-group"][data-name="${GROUP}"]`);
  await group.getByTestId('directory-member-name').fill(USER);
  await group.getByTestId('directory-member-add').click();
  await expect(group.getByTestId('directory-member')).toHaveText(`${USER}×`);
  await dialog.getByTestId('directory-tab-users').click();
  await expect(row.locator('td').nth(2)).toHaveText(GROUP);

  // Disabling asks first, Cancel focused: Enter cancels.
  await row.getByTestId('directory-user-disable-open').click();
  await expect(dialog.getByTestId('directory-user-disable')).toContainText('their live sessions end now');
  await app.keyboard.press('Enter');
  await expect(dialog.getByTestId('directory-user-disable')).toHaveCount(0);
  await expect(row.getByTestId('directory-user-state')).toHaveText('enabled');
  await row.getByTestId('directory-user-disable-open').click();
  await dialog.getByTestId('directory-user-disable-submit').click();
  await expect(row.getByTestId('directory-user-state')).toHaveText('disabled');

  await dialog.getByTestId('directory-tab-groups').click();
  await group.getByTestId('directory-member-remove-open').click();
  await dialog.getByTestId('directory-member-remove-submit').click();
  await expect(group.getByTestId('directory-member')).toHaveCount(0);
}

async function hostAndCredential(app: Page) {
  const dialog = app.getByTestId('directory');
  await dialog.getByTestId('directory-tab-hosts').click();
  await dialog.getByTestId('directory-host-new').click();
  const editor = dialog.getByTestId('directory-host-editor');
  await editor.getByTestId('directory-host-name').fill(HOST);
  await editor.getByTestId('directory-host-address').fill('127.0.0.1');
  await editor.getByTestId('directory-host-port').fill('2299');
  await editor.getByTestId('directory-host-nodes').fill('e2e/data/db');
  await editor.getByTestId('directory-host-tags').fill('env=e2e; role=db');
  await editor.getByTestId('directory-host-logins').fill('app');
  await editor.getByTestId('directory-host-save').click();
  const row = dialog.locator(`[data-testid="directory-host"][data-name="${HOST}"]`);
  await expect(row.getByTestId('directory-host-address')).toHaveText('127.0.0.1:2299');

  await dialog.getByTestId('directory-hosts-filter').fill(HOST);
  await row.getByTestId('directory-host-credentials').click();
  const creds = dialog.getByTestId('directory-credentials');
  await expect(creds.getByTestId('directory-credential-state')).toHaveText('not set');
  await creds.getByTestId('directory-credential-secret').fill(SECRET);
  await creds.getByTestId('directory-credential-submit').click();
  await expect(creds.getByTestId('directory-credential-state')).toContainText('set (password,');
  await expect(creds.getByTestId('directory-credential-secret')).toHaveValue('');
  await expect(dialog).not.toContainText(SECRET);
  await expect(creds.getByTestId('directory-credential-submit')).toHaveText('Replace credential');
  await app.screenshot({ path: join(DOCS, 'admin-hosts.png') });
  await creds.getByTestId('directory-credentials-close').click();

  await row.getByTestId('directory-host-edit').click();
  await editor.getByTestId('directory-host-port').fill('2298');
  await editor.getByTestId('directory-host-tags').fill('env=e2e; role=primary');
  await editor.getByTestId('directory-host-save').click();
  await expect(editor.getByTestId('directory-host-saved')).toBeVisible();
  await expect(row.getByTestId('directory-host-address')).toHaveText('127.0.0.1:2298');
  await expect(row).toContainText('role=primary');
  await editor.getByTestId('directory-host-editor-cancel').click();

  await row.getByTestId('directory-host-remove-open').click();
  const remove = dialog.getByTestId('directory-host-remove');
  await expect(remove.getByTestId('directory-host-remove-submit')).toHaveText(`Remove ${HOST}`);
  await expect(remove.getByTestId('directory-host-remove-cancel')).toBeFocused();
  await remove.getByTestId('directory-host-remove-submit').click();
  await expect(row).toHaveCount(0);
}
