// Getting around: quick connect with favourites and recents, tabs (rename, duplicate, close
// others, overflow), and the resizable sidebar — each kept across a reload where it should be.
// Real renderer in Chromium → browser shell → client main side → gateway → real sshd.
import type { Page } from '@playwright/test';
import { expect, openHost, test } from './lab-fixture';

const SHOTS = '/tmp/shots-dd-nav';
const look = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });
const palette = (page: Page) => page.getByTestId('command-palette');
const tabTitles = (page: Page) => page.getByTestId('tab-title').allTextContents();

test('quick connect finds hosts as the filter does, opens them, and keeps favourites and recents first', async ({ app }) => {
  test.setTimeout(120_000); // a reload and three sessions
  // Ctrl+Shift+O: the palette on hosts alone, filtering as the tree does (a tag term here).
  await app.locator('body').press('Control+Shift+O');
  await expect(palette(app)).toContainText('Quick connect');
  await app.keyboard.type('role=web web-02');
  await expect(palette(app).locator('[data-entry]')).toHaveCount(1);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('tab')).toHaveCount(1);
  await expect(app.getByTestId('tab').first()).toHaveAttribute('data-status', 'live');

  // Star db-01 from the palette (Ctrl+D), then web-01 from the tree's context menu.
  await app.locator('body').press('Control+Shift+O');
  await app.keyboard.type('db-01');
  await app.keyboard.press('Control+D');
  await expect(palette(app).getByTestId('palette-star').first()).toHaveAttribute('aria-pressed', 'true');
  await app.keyboard.press('Escape');
  await app.locator('[data-testid="host-row"][data-host="web-01"]').first().click({ button: 'right' });
  await app.getByTestId('context-menu').getByText('Add to favourites').click();
  await expect(app.locator('[data-testid="host-row"][data-host="web-01"] [data-testid="host-star"]').first()).toHaveAttribute('aria-pressed', 'true');

  // After a reload: favourites (in the order starred), then the most recent host, with nothing typed.
  // Hosts opened by earlier tests in this lab may follow as older recents.
  await app.reload();
  await expect(app.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
  await app.locator('body').press('Control+Shift+O');
  const entries = palette(app).locator('[data-entry]');
  await expect(entries.nth(2)).toBeVisible();
  for (const [n, text] of [/Favourite\s*db-01/, /Favourite\s*web-01/, /Recent\s*web-02/].entries()) await expect(entries.nth(n)).toHaveText(text);
  await expect(palette(app).locator('[data-entry]', { hasText: /Favourite/ })).toHaveCount(2);
  await look(app, 'quick-connect-favourites');
  await app.keyboard.press('Escape');

  // The command palette finds hosts too, below the actions.
  await app.locator('body').press('Control+Shift+P');
  await app.keyboard.type('api-01');
  await expect(palette(app).locator('[data-entry="host:api-01"]')).toBeVisible();
  await look(app, 'palette-finds-host');
  await palette(app).locator('[data-entry="host:api-01"]').click();
  await expect(app.getByTestId('tab-title')).toHaveText(['root@web-02', /api-01/]);

  // Unstar both, so the lab is as it was.
  await app.locator('body').press('Control+Shift+O');
  for (const host of ['db-01', 'web-01']) await palette(app).locator(`[data-entry="host:${host}"] [data-testid="palette-star"]`).click();
  await expect(palette(app).locator('[data-testid="palette-star"][aria-pressed="true"]')).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expect(palette(app)).toBeHidden();
  await app.getByTestId('tab').first().click(); // the fixture closes tabs from the first, whose × shows when active
});

test('tabs: told apart, renamed, duplicated, others closed, and reachable when they overflow', async ({ app }) => {
  test.setTimeout(120_000); // twelve sessions, each a real SSH login through the gateway
  await openHost(app, 'web-01');
  await openHost(app, 'web-01');
  expect(await tabTitles(app)).toEqual(['root@web-01', 'root@web-01 (2)']);

  // Rename by double-click: Escape cancels, Enter saves.
  const second = app.getByTestId('tab').nth(1);
  await second.dblclick();
  await app.getByTestId('tab-rename').fill('scratch');
  await app.getByTestId('tab-rename').press('Escape');
  expect(await tabTitles(app)).toEqual(['root@web-01', 'root@web-01 (2)']);
  await second.dblclick();
  await app.getByTestId('tab-rename').fill('deploy shell');
  await look(app, 'tab-renaming');
  await app.getByTestId('tab-rename').press('Enter');
  expect(await tabTitles(app)).toEqual(['root@web-01', 'deploy shell']);

  // The context menu: duplicate opens the same host in a new live tab right after it.
  await second.click({ button: 'right' });
  await look(app, 'tab-context-menu');
  await app.getByTestId('context-menu').getByText('Duplicate').click();
  expect(await tabTitles(app)).toEqual(['root@web-01', 'deploy shell', 'deploy shell (2)']);
  await expect(app.getByTestId('tab').nth(2)).toHaveAttribute('data-status', 'live');
  await expect(app.getByTestId('tab').nth(2)).toHaveAttribute('aria-selected', 'true');

  // Close others keeps only the chosen one; picked with the keyboard, which stays with the menu
  // although the right-click showed another tab's terminal (↑ wraps to the last item).
  await app.getByTestId('tab').first().click({ button: 'right' });
  await expect(app.getByTestId('context-menu')).toBeFocused();
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('Enter');
  expect(await tabTitles(app)).toEqual(['root@web-01']);

  // Overflow: many tabs in a narrow window; the active one stays in view, the list reaches all.
  await app.setViewportSize({ width: 900, height: 600 });
  for (let i = 0; i < 9; i++) await app.getByTestId('tab').first().click({ button: 'right' }).then(() => app.getByTestId('context-menu').getByText('Duplicate').click());
  await expect(app.getByTestId('tab')).toHaveCount(10);
  const bar = app.getByRole('tablist');
  expect(await bar.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await app.getByTestId('tab-list').click();
  await expect(app.getByTestId('context-menu').getByRole('menuitem')).toHaveCount(10);
  await look(app, 'tab-list');
  await app.getByTestId('context-menu').getByRole('menuitem').last().click();
  const active = app.locator('[data-testid="tab"][aria-selected="true"]');
  await expect(active).toHaveText(/\(10\)/);
  await expect(active).toBeInViewport({ ratio: 0.95 });
  await look(app, 'tab-overflow-active-visible');
  await app.getByTestId('tab').first().click({ button: 'right' });
  await app.getByTestId('context-menu').getByText('Close other tabs').click();
  await expect(app.getByTestId('tab')).toHaveCount(1);
});

test('the sidebar resizes by its edge, hides with Ctrl+Shift+B, and keeps its width after a reload', async ({ app }) => {
  const sidebar = app.getByTestId('sidebar');
  const width = async () => (await sidebar.boundingBox())!.width;
  expect(Math.round(await width())).toBe(300);
  const edge = (await app.getByTestId('sidebar-separator').boundingBox())!;
  await app.mouse.move(edge.x + edge.width / 2, edge.y + 200);
  await app.mouse.down();
  await app.mouse.move(edge.x + 150, edge.y + 200, { steps: 8 });
  await app.mouse.up();
  await expect.poll(width).toBeGreaterThan(420);
  const dragged = Math.round(await width());
  await look(app, 'sidebar-wide');

  await app.locator('body').press('Control+Shift+B');
  await expect(sidebar).toBeHidden();
  await look(app, 'sidebar-hidden');
  await app.locator('body').press('Control+Shift+B');
  await expect(sidebar).toBeVisible();

  await app.waitForTimeout(800); // the save is debounced: wait it out before reloading
  await app.reload();
  await expect(app.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
  await expect.poll(async () => Math.round(await width())).toBe(dragged);
  // Back to the default for the tests after this one.
  await app.evaluate(() => (globalThis as unknown as { portcullis: { request(m: string, p: unknown): Promise<unknown> } }).portcullis.request('view.save', { view: { sidebar: { width: 300, collapsed: false } } }));
});
