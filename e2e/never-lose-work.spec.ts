// Never lose work by accident (issue 15, point 1): Enter in Profiles changes nothing, disconnecting
// with live sessions asks first, every Connect asks a cancelled trust question again, opening a host
// while disconnected offers to connect first, and reconnecting a pane keeps its scrollback.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, nextTerminal, openHost, paneOf, startLab, stopLab, terminals, test, typeLine, waitForText } from './lab-fixture';

const SHOTS = '/tmp/shots-dd-safety';
const snap = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });
const card = (page: Page) => page.getByTestId('gateway-status');
const cardButton = (page: Page, name: string) => card(page).getByRole('button', { name, exact: true });

test('Enter in Profiles while connected ends nothing; disconnecting with live sessions asks first, from the dialog, the card and the palette', async ({ app }) => {
  await openHost(app, 'web-01');
  await openHost(app, 'db-01');

  await app.keyboard.press('Control+Shift+G');
  await expect(app.getByTestId('profiles-close')).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('profiles-dialog')).toHaveCount(0);
  await expect(card(app)).toHaveAttribute('data-status', 'connected');
  await expect(app.locator('[data-testid="pane"][data-status="live"]')).toHaveCount(2);

  // From the dialog: the question says how many sessions end; Cancel has the focus; back to the profiles.
  await app.getByTestId('open-profiles').click();
  await app.locator('[data-testid="profile-row"][data-profile="lab"]').getByRole('button', { name: 'Disconnect' }).click();
  const confirm = app.getByTestId('disconnect-confirm');
  await expect(confirm).toContainText('Disconnect and end 2 live sessions?');
  await expect(app.getByTestId('disconnect-confirm-cancel')).toBeFocused();
  await snap(app, 'disconnect-confirm');
  await app.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(app.getByTestId('profiles-dialog')).toBeVisible();
  await app.keyboard.press('Escape');

  // From the card.
  await cardButton(app, 'Disconnect').click();
  await expect(confirm).toContainText('2 live sessions');
  await app.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(card(app)).toHaveAttribute('data-status', 'connected');

  // From the palette, and this time disconnect.
  await app.keyboard.press('Control+Shift+P');
  await app.getByTestId('command-palette').getByLabel('Search actions').fill('disconnect');
  await app.keyboard.press('Enter');
  await expect(confirm).toBeVisible();
  await app.getByTestId('disconnect-confirm-confirm').click();
  await expect(card(app)).toHaveAttribute('data-status', 'disconnected');
  await expect(app.locator('[data-testid="pane"][data-status="live"]')).toHaveCount(0);

  // Nothing live any more: Connect, then Disconnect asks nothing.
  await cardButton(app, 'Connect').click();
  await expect(card(app)).toHaveAttribute('data-status', 'connected');
  await cardButton(app, 'Disconnect').click();
  await expect(card(app)).toHaveAttribute('data-status', 'disconnected');
  await expect(confirm).toHaveCount(0);
  await cardButton(app, 'Connect').click();
  await expect(card(app)).toHaveAttribute('data-status', 'connected');
  // Two tabs: close them here (the fixture's clean-up clicks only a visible close button).
  for (let n = 2; n > 0; n--) await app.keyboard.press('Control+Shift+W');
  await expect(app.locator('[data-testid="tab"]')).toHaveCount(0);
});

test('opening a host while disconnected offers to connect first; cancelling opens nothing, connecting opens it', async ({ app }) => {
  await cardButton(app, 'Disconnect').click();
  await expect(card(app)).toHaveAttribute('data-status', 'disconnected');

  const row = app.locator('[data-testid="host-row"][data-host="web-01"]').first();
  await row.dblclick();
  const offer = app.getByTestId('connect-first');
  await expect(offer).toContainText('root@web-01');
  await expect(app.getByTestId('connect-first-cancel')).toBeFocused();
  await snap(app, 'connect-first');
  await app.keyboard.press('Enter'); // Cancel
  await expect(offer).toHaveCount(0);
  await expect(app.locator('[data-testid="tab"]')).toHaveCount(0);
  expect(await terminals(app)).toHaveLength(0);
  await expect(card(app)).toHaveAttribute('data-status', 'disconnected');

  await row.dblclick();
  await app.getByTestId('connect-first-confirm').click();
  await expect(card(app)).toHaveAttribute('data-status', 'connected');
  await expect(app.locator('[data-testid="tab"]')).toHaveCount(1);
  const id = await nextTerminal(app, '');
  await typeLine(app, 'echo opened-$((20+1))');
  await waitForText(app, id, /^opened-21$/m);
});

test('reconnecting a pane keeps its scrollback, with a divider saying when the new session began', async ({ app, lab }) => {
  const first = await openHost(app, 'web-01');
  await typeLine(app, 'echo before-$((6*7))');
  await waitForText(app, first, /^before-42$/m);
  // The shell ends inside a full-screen program's screen (as when vim's session dies).
  await typeLine(app, "printf '\\033[?1049h\\033[?1003h'; exit 3");
  await expect(paneOf(app, first)).toHaveAttribute('data-status', 'closed');

  await app.keyboard.press('Enter'); // reconnect this pane
  const second = await nextTerminal(app, first);
  await typeLine(app, 'echo after-$((1+1))');
  const divider = /── new session \d\d:\d\d:\d\d ──/;
  const text = (await waitForText(app, second, /^after-2$/m)).text;
  expect(text).toMatch(/^before-42$/m);
  expect(text.indexOf('before-42')).toBeLessThan(text.search(divider));
  expect(text.search(divider)).toBeLessThan(text.lastIndexOf('after-2'));
  await snap(app, 'reconnect-divider');

  // R after a lost connection (the client's TCP connection cut under it): same terminal, same scrollback.
  execFileSync('ss', ['-K', 'dst', lab.gateway.host, 'dport', '=', `${lab.gateway.port}`]);
  await expect(paneOf(app, second)).toHaveAttribute('data-status', 'lost', { timeout: 20_000 });
  await app.keyboard.press('r');
  const third = await nextTerminal(app, second);
  await paneOf(app, third).locator('.pane-body').click();
  await typeLine(app, 'echo third');
  const after = (await waitForText(app, third, /^third$/m)).text;
  expect(after).toMatch(/^before-42$/m);
  expect(after).toMatch(/^after-2$/m);
  expect(after.match(new RegExp(divider.source, 'g'))).toHaveLength(2);
  await snap(app, 'reconnect-after-lost');
});

test('Connect after a cancelled trust prompt asks again, from the card as from the profiles', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-e2e-safety-'));
  const { info, child } = await startLab(dir, ['--no-trust']);
  try {
    await page.goto(info.url);
    const trust = page.getByTestId('hostkey-trust');
    await expect(trust).toBeVisible();
    await page.getByTestId('hostkey-cancel').click();
    await expect(trust).toHaveCount(0);

    await cardButton(page, 'Connect').click();
    await expect(trust).toBeVisible();
    await snap(page, 'trust-asked-again');
    await page.getByTestId('hostkey-cancel').click();
    await cardButton(page, 'Connect').click();
    await page.getByTestId('hostkey-trust-button').click();
    await expect(card(page)).toHaveAttribute('data-status', 'connected');
  } finally {
    await stopLab(child);
    rmSync(dir, { recursive: true, force: true });
  }
});
