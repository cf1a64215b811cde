// Gateway profiles from the user's own OpenSSH set-up: import ~/.ssh/config entries, and connect
// without a trust prompt when ~/.ssh/known_hosts already vouches for the gateway's key.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAB_USER } from '../lab/topology';
import { expect, mainSide, shot, startLab, stopLab, test } from './lab-fixture';

test('imports gateways from ~/.ssh/config and connects to one that ~/.ssh/known_hosts already trusts', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-e2e-profiles-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const { info, child } = await startLab(join(dir, 'lab'), [], { HOME: home });
  try {
    const { host, port } = info.gateway;
    writeFileSync(
      join(home, '.ssh', 'config'),
      [
        'Host prod-bastion',
        `  HostName ${host}`,
        `  Port ${port}`,
        `  User ${LAB_USER}`,
        `  IdentityFile ${join(dir, 'lab', 'keys', `${LAB_USER}_ed25519`)}`,
        '',
        'Host *.corp',
        '  User nobody',
        '',
      ].join('\n'),
    );
    // The gateway's key as OpenSSH itself records it.
    const scanned = execFileSync('ssh-keyscan', ['-p', String(port), '-t', 'ed25519', host], { encoding: 'utf8', timeout: 10_000 });
    writeFileSync(join(home, '.ssh', 'known_hosts'), scanned);

    await page.goto(info.url);
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
    await page.getByTestId('open-profiles').click();
    // Start as a newcomer would: without the lab's own profile for this gateway (an import does
    // not add a second profile for the same user@host:port).
    const lab = page.locator('[data-testid="profile-row"][data-profile="lab"]');
    await lab.getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'disconnected');
    page.once('dialog', (d) => void d.accept());
    await lab.getByRole('button', { name: 'Remove' }).click();
    await expect(lab).toHaveCount(0);

    await page.getByTestId('profiles-import').click();
    const result = page.getByTestId('import-result');
    await expect(result).toContainText('Imported 1 profile: prod-bastion');
    await expect(result).toContainText('*.corp'); // a pattern, not a gateway: skipped with the reason
    const row = page.locator('[data-testid="profile-row"][data-profile="prod-bastion"]');
    await expect(row).toContainText(`${LAB_USER}@${host}:${port}`);
    await shot(page, 'profiles-imported');

    await row.getByTestId('profile-connect').click();
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
    await expect(page.getByTestId('hostkey-trust')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('gateway-status')).toContainText('prod-bastion');
    await expect(page.locator('[data-testid="host-row"][data-host="web-01"]')).toBeVisible();
  } finally {
    await stopLab(child);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('adding a gateway by hand: a bad entry is explained and nothing is saved; Enter saves a good one', async ({ app }) => {
  await app.getByTestId('open-profiles').click();
  await app.getByTestId('profile-add').click();
  await app.getByLabel('Name').fill('hand-made');
  await app.getByLabel('Address').fill('bastion with spaces');
  await app.getByTestId('profile-form-submit').click();
  // The problem is said beside the field, in words (the form's messages: model/form-errors.ts).
  await expect(app.getByTestId('profile-form').locator('[data-testid="field-error"][data-field="host"]')).toContainText('host name');
  expect((await mainSide<Array<{ name: string }>>(app, 'profiles.list')).map((p) => p.name)).not.toContain('hand-made');

  await app.getByLabel('Address').fill('bastion.example.test');
  await app.getByLabel('User').fill('alice');
  await app.getByLabel('User').press('Enter');
  await expect(app.locator('[data-testid="profile-row"][data-profile="hand-made"]')).toContainText('alice@bastion.example.test:22');
  const made = (await mainSide<Array<{ id: string; name: string }>>(app, 'profiles.list')).find((p) => p.name === 'hand-made')!;
  await mainSide(app, 'profiles.remove', { id: made.id });
});

test('terminal settings: Enter saves, an impossible size cannot be saved', async ({ app }) => {
  const before = await mainSide<{ fontSize: number }>(app, 'settings.get');
  await app.locator('body').press('Control+Comma');
  const size = app.getByTestId('settings-dialog').getByLabel('Size', { exact: true });
  await size.fill('99');
  await expect(app.getByTestId('settings-dialog-submit')).toBeDisabled();
  await expect(app.getByTestId('settings-dialog').locator('[data-testid="field-error"]')).toContainText('At most 48');
  await size.fill(String(before.fontSize + 1));
  await size.press('Enter');
  await expect(app.getByTestId('settings-dialog')).toHaveCount(0);
  await expect.poll(async () => (await mainSide<{ fontSize: number }>(app, 'settings.get')).fontSize).toBe(before.fontSize + 1);
  await mainSide(app, 'settings.save', { settings: { ...(await mainSide<Record<string, unknown>>(app, 'settings.get')), fontSize: before.fontSize } });
});
