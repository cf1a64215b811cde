// What happens inside a terminal pane, as a user meets it: the context menu, copy on select and
// middle-click paste, font zoom, find as you type, and saving the scrollback to a file.
// Real renderer in Chromium → browser shell → client main side → gateway → real sshd.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { cellCentre, expect, mainSide, openHost, paneOf, rowOf, shot, terminals, test, typeLine, waitForText } from './lab-fixture';

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const setClipboard = (page: Page, text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text);
const snapshotOf = async (page: Page, id: string) => (await terminals(page)).find((t) => t.terminalId === id)!;

test.beforeEach(async ({ app }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
});

/** The settings are the lab's, kept across tests: a test that changes them puts them back. */
async function withSettings(page: Page, body: () => Promise<void>): Promise<void> {
  const before = await mainSide<Record<string, unknown>>(page, 'settings.get');
  try {
    await body();
  } finally {
    await mainSide(page, 'settings.save', { settings: before });
  }
}

async function rightClick(page: Page, id: string) {
  const box = (await paneOf(page, id).locator('.xterm-screen').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
  await expect(page.getByTestId('context-menu')).toBeVisible();
}

const menuItem = (page: Page, name: RegExp) => page.getByTestId('context-menu').getByRole('menuitem', { name });

test('the context menu copies, pastes, selects all, clears, finds and splits', async ({ app }) => {
  const id = await openHost(app, 'web-01');
  await typeLine(app, 'echo mark""er-$((6*7))');
  await waitForText(app, id, /^marker-42$/m);

  await rightClick(app, id);
  const items = await app.getByTestId('context-menu').getByRole('menuitem').allTextContents();
  expect(items).toEqual([
    'Copy selectionCtrl+Shift+C',
    'PasteCtrl+Shift+V',
    'Select all',
    'Clear scrollback',
    'Find in scrollbackCtrl+Shift+F',
    'Save scrollback to a fileCtrl+Shift+S',
    'Show / hide host metricsCtrl+Shift+U',
    'Split rightCtrl+Shift+D',
    'Split downCtrl+Shift+E',
    'Broadcast typing: this pane in or outCtrl+Shift+\\',
    'Broadcast typing: every pane of the tab in or outCtrl+Shift+Z',
  ]);
  await shot(app, 'pane-context-menu');
  await menuItem(app, /^Select all/).click();
  await expect(app.getByTestId('context-menu')).toHaveCount(0);
  await rightClick(app, id);
  await menuItem(app, /^Copy selection/).click();
  await expect.poll(() => clipboard(app)).toContain('marker-42');

  await setClipboard(app, 'echo pas""ted-$((7*8))');
  await rightClick(app, id);
  await menuItem(app, /^Paste/).click();
  await app.keyboard.press('Enter');
  await waitForText(app, id, /^pasted-56$/m);

  await rightClick(app, id);
  await menuItem(app, /^Clear scrollback/).click();
  await expect.poll(async () => (await snapshotOf(app, id)).text).not.toContain('marker-42');

  await rightClick(app, id);
  await menuItem(app, /^Find in scrollback/).click();
  await expect(app.getByTestId('find-input')).toBeFocused();
  await app.keyboard.press('Escape');

  await rightClick(app, id);
  await menuItem(app, /^Split right/).click();
  await expect(app.locator('[data-testid="pane"][data-host="web-01"]')).toHaveCount(2);
});

test('copy on select (off by default) and middle-click paste of the last selection', async ({ app }) => {
  await withSettings(app, async () => {
    const id = await openHost(app, 'web-02');
    await typeLine(app, 'clear; echo chos""en-word-$((5*5))');
    await waitForText(app, id, /^chosen-word-25$/m);
    const word = await cellCentre(app, id, 3, await rowOf(app, id, /^chosen-word-25$/));

    // Off: a selection leaves the clipboard alone, but a middle click still pastes it (primary).
    await setClipboard(app, 'untouched');
    await app.mouse.dblclick(word.x, word.y);
    await app.mouse.click(word.x, word.y, { button: 'middle' });
    await expect.poll(() => app.evaluate((tid) => (globalThis as unknown as { __portcullisTest: { cursorLine(id: string): string | null } }).__portcullisTest.cursorLine(tid), id)).toMatch(/chosen-word-25$/);
    expect(await clipboard(app)).toBe('untouched');
    await app.keyboard.press('Control+C');

    // On: the same selection is on the clipboard.
    await app.keyboard.press('Control+Comma');
    await app.getByTestId('settings-copy-on-select').check();
    await shot(app, 'settings-copy-on-select-zoom');
    await app.getByTestId('settings-dialog-submit').click();
    await expect(app.getByTestId('settings-dialog')).toHaveCount(0);
    await app.mouse.dblclick(word.x, word.y);
    await expect.poll(() => clipboard(app)).toBe('chosen-word-25');
  });
});

test('font zoom: Ctrl+= / Ctrl+- / Ctrl+0 on the focused pane, or every pane when set so', async ({ app }) => {
  await withSettings(app, async () => {
    const left = await openHost(app, 'web-01');
    const base = (await snapshotOf(app, left)).fontSize;
    await app.keyboard.press('Control+Shift+D');
    await expect.poll(async () => (await terminals(app)).filter((t) => t.terminalId).length).toBe(2);
    const right = (await terminals(app)).find((t) => t.terminalId && t.terminalId !== left)!.terminalId;
    await expect(app.locator(`[data-testid="tab"]`).first()).toHaveAttribute('data-status', 'live');
    const cols = (await snapshotOf(app, right)).cols;

    await app.keyboard.press('Control+Equal');
    await app.keyboard.press('Control+Equal');
    await expect.poll(async () => (await snapshotOf(app, right)).fontSize).toBe(base + 2);
    // Bigger letters: fewer columns in the same pane; the other pane keeps its size.
    await expect.poll(async () => (await snapshotOf(app, right)).cols).toBeLessThan(cols);
    expect((await snapshotOf(app, left)).fontSize).toBe(base);
    await shot(app, 'zoom-per-pane');
    await app.keyboard.press('Control+Minus');
    await expect.poll(async () => (await snapshotOf(app, right)).fontSize).toBe(base + 1);
    await app.keyboard.press('Control+Digit0');
    await expect.poll(async () => (await snapshotOf(app, right)).fontSize).toBe(base);
    await expect.poll(async () => (await snapshotOf(app, right)).cols).toBe(cols);

    await app.keyboard.press('Control+Comma');
    await app.getByTestId('settings-font-zoom').selectOption('global');
    await app.getByTestId('settings-dialog-submit').click();
    await expect(app.getByTestId('settings-dialog')).toHaveCount(0);
    await app.keyboard.press('Control+Minus');
    await expect.poll(async () => (await terminals(app)).map((t) => t.fontSize)).toEqual([base - 1, base - 1]);
  });
});

test('find as you type: from the newest match back, "n of m", case and regex, highlights follow the query', async ({ app }) => {
  const id = await openHost(app, 'web-01');
  // The command line spells it apart, so only the 17 output lines match.
  await typeLine(app, 'clear; for i in $(seq 1 17); do echo "Nee""dle-$i"; done');
  await waitForText(app, id, /^Needle-17$/m);
  await app.keyboard.press('Control+Shift+F');
  const input = app.getByTestId('find-input');
  const status = app.getByTestId('find-status');
  const highlights = paneOf(app, id).locator('.xterm-find-result-decoration');

  await input.pressSequentially('needle');
  await expect(status).toHaveText('17 of 17');
  await expect(highlights.first()).toBeVisible();
  await input.press('Enter');
  await expect(status).toHaveText('16 of 17');
  await input.press('Shift+Enter');
  await expect(status).toHaveText('17 of 17');
  await shot(app, 'find-as-you-type');

  await app.getByTestId('find-case').click();
  await expect(status).toHaveText('no matches');
  await expect(highlights).toHaveCount(0);
  await app.getByTestId('find-case').click();

  await app.getByTestId('find-regex').click();
  await input.fill('Needle-1[0-9]$');
  await expect(status).toHaveText('8 of 8');
  await input.fill('Needle-(');
  await expect(status).toHaveText('invalid regex');
  await expect(highlights).toHaveCount(0);
  await shot(app, 'find-invalid-regex');
  await input.press('Escape');
  await expect(app.getByTestId('find-bar')).toHaveCount(0);
});

test('saves the scrollback to a .txt named after the host and time', async ({ app }) => {
  const id = await openHost(app, 'web-02');
  await typeLine(app, 'for i in 1 2 3; do echo "sav""ed-line-$i"; done');
  await waitForText(app, id, /^saved-line-3$/m);
  const [download] = await Promise.all([app.waitForEvent('download'), app.keyboard.press('Control+Shift+S')]);
  expect(download.suggestedFilename()).toMatch(/^[a-z_][a-z0-9_-]*@web-02-\d{4}-\d\d-\d\d-\d{6}\.txt$/);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text).toMatch(/^saved-line-1\nsaved-line-2\nsaved-line-3\n/m);
  expect(text.endsWith('\n')).toBe(true);

  // The context menu saves too.
  await rightClick(app, id);
  const [again] = await Promise.all([app.waitForEvent('download'), menuItem(app, /^Save scrollback/).click()]);
  expect(again.suggestedFilename()).toMatch(/@web-02-.*\.txt$/);
});
