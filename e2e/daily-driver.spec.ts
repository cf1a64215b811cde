// What a new user meets beyond the terminal core (issue 15, points 2 and 4): a refused session in
// red with the gateway's reason, the tree's details (Enter opens the only match, a no-match filter
// moves nothing below, "+N" for tags that do not fit) and form errors beside their fields.
// Real renderer in Chromium → browser shell → client main side → gateway → real sshd.
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { LAB_UNCREDENTIALED_HOSTS } from '../lab/topology';
import { expect, test } from './lab-fixture';

const SHOTS = '/tmp/shots-dd-rest';
mkdirSync(SHOTS, { recursive: true });
const snap = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });
const row = (page: Page, host: string) => page.locator(`[data-testid="host-row"][data-host="${host}"]`);
const legacy = LAB_UNCREDENTIALED_HOSTS[0]!;

/** The colour the theme uses for errors, as the browser computes it. */
const errorColour = (page: Page) =>
  page.evaluate(() => {
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.color = 'var(--error)';
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });
const colourOf = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).color);

test('Enter in the filter opens the only matching host, whose refusal shows in red with the reason', async ({ app }) => {
  const filter = app.getByTestId('host-filter');
  // Several matches: Enter goes to the tree and opens nothing.
  await filter.fill('role=web');
  await filter.press('Enter');
  await expect(app.getByTestId('host-tree')).toBeFocused();
  await expect(app.getByTestId('tab')).toHaveCount(0);

  // One match (the gateway holds no credential for it): Enter opens it.
  await filter.fill(legacy.name);
  await filter.press('Enter');
  const pane = app.locator(`[data-testid="pane"][data-host="${legacy.name}"]`);
  await expect(pane).toHaveAttribute('data-status', 'closed');
  const state = pane.getByTestId('pane-state');
  // Each fact once: the header says why, the line over the terminal who refused.
  await expect(state).toHaveText('the gateway holds no credential for this login');
  await expect(pane.getByTestId('pane-reopen')).toContainText('Refused by the gateway');
  const red = await errorColour(app);
  expect(await colourOf(state)).toBe(red);
  expect(await colourOf(pane.getByTestId('pane-reopen'))).toBe(red);
  await snap(app, 'refused-pane');
});

test('a no-match filter moves nothing below the tree', async ({ app }) => {
  await row(app, 'web-01').click();
  const detail = app.getByTestId('host-detail');
  await expect(detail).toContainText('web-01');
  const before = await app.locator('.host-detail').boundingBox();
  await app.getByTestId('host-filter').fill('no-such-host');
  await expect(app.getByTestId('tree-slot')).toContainText('No host matches “no-such-host”');
  const after = await app.locator('.host-detail').boundingBox();
  expect(after).toEqual(before);
  await snap(app, 'tree-no-match');
});

test('a row with more tags than fit says "+N", and its title lists them all', async ({ app }) => {
  const tags = Object.entries(legacy.tags).map(([k, v]) => `${k}=${v}`);
  const legacyRow = row(app, legacy.name);
  await legacyRow.scrollIntoViewIfNeeded();
  const more = legacyRow.getByTestId('tag-more');
  await expect(more).toBeVisible();
  // The chips in sight: those on the chip box's first line, every one whole inside the row.
  const box = (await legacyRow.locator('.chips').boundingBox())!;
  const chips = await legacyRow.getByTestId('tag-chip').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
  const inSight = chips.filter((c) => c.top < box.y + box.height);
  expect(inSight.length).toBeGreaterThan(0);
  expect(inSight.length).toBeLessThan(tags.length);
  for (const c of inSight) expect(c.right).toBeLessThanOrEqual(box.x + box.width + 0.5);
  await expect(more).toHaveText(`+${tags.length - inSight.length}`);
  expect((await more.getAttribute('title'))?.split('\n').sort()).toEqual(tags.sort());
  // Every row in view: the chips in sight and "+N" add up to its tags (none vanishes uncounted).
  for (const r of await app.getByTestId('host-row').all()) {
    const counts = await r.evaluate((el) => {
      const chips = el.querySelector('.chips')!;
      const bottom = chips.getBoundingClientRect().bottom;
      const inSight = Array.from(chips.querySelectorAll('[data-testid="tag-chip"]')).filter((c) => c.getBoundingClientRect().top < bottom).length;
      const more = Number(el.querySelector('[data-testid="tag-more"]')?.textContent?.slice(1) ?? 0);
      return { total: (chips.getAttribute('title') ?? '').split('\n').filter(Boolean).length, shown: inSight + more };
    });
    expect(counts.shown, await r.getAttribute('data-host') ?? '').toBe(counts.total);
  }
  await legacyRow.hover();
  await snap(app, 'tag-chips');
});

test('forms say what is wrong beside each field, in plain words, and save nothing until it is right', async ({ app }) => {
  const fieldError = (field: string) => app.locator(`[data-testid="field-error"][data-field="${field}"]`);
  const beside = async (input: Locator, field: string) => {
    const i = (await input.boundingBox())!;
    const e = (await fieldError(field).boundingBox())!;
    expect(e.y).toBeGreaterThanOrEqual(i.y + i.height - 1); // right under its field…
    expect(e.y).toBeLessThan(i.y + i.height + 24);
    expect(Math.abs(e.x - i.x)).toBeLessThan(2); // …in the field's column
  };

  await app.keyboard.press('Control+Shift+G');
  await expect(app.locator('[data-testid="profile-row"][data-profile="lab"]')).toBeVisible();
  const profilesBefore = await app.getByTestId('profile-row').count();
  await app.getByTestId('profile-add').click();
  const form = app.getByTestId('profile-form');
  // A new form is not all red before the first Save.
  await expect(form.getByTestId('field-error')).toHaveCount(0);
  await form.locator('#pf-port').fill('');
  await app.getByTestId('profile-form-submit').click();
  await expect(fieldError('name')).toHaveText('Required');
  await expect(fieldError('host')).toHaveText('Required');
  await expect(fieldError('port')).toHaveText('Enter a number');
  await expect(fieldError('user')).toHaveText('Required');
  await expect(form.locator('#pf-name')).toHaveAttribute('aria-invalid', 'true');
  await beside(form.locator('#pf-host'), 'host');
  await expect(form).not.toContainText(/expected|Too small|Invalid input/);

  // Fixed as typed, field by field; the rest stays.
  await form.locator('#pf-name').fill('staging');
  await form.locator('#pf-host').fill('bastion host');
  await form.locator('#pf-port').fill('70000');
  await expect(fieldError('name')).toHaveCount(0);
  await expect(fieldError('host')).toHaveText('A host name or address, without spaces, / or @');
  await expect(fieldError('port')).toHaveText('At most 65,535');
  await beside(form.locator('#pf-port'), 'port');
  await snap(app, 'profile-form-errors');
  await app.getByTestId('profile-form-cancel').click();
  await expect(app.getByTestId('profile-row')).toHaveCount(profilesBefore);
  await app.keyboard.press('Escape');

  // The settings check as you type; Save waits until every field is right.
  await app.keyboard.press('Control+,');
  const settings = app.getByTestId('settings-dialog');
  await settings.locator('#set-size').fill('5');
  await settings.locator('#set-scrollback').fill('');
  await expect(fieldError('fontSize')).toHaveText('At least 6');
  await expect(fieldError('scrollback')).toHaveText('Enter a number');
  await beside(settings.locator('#set-size'), 'fontSize');
  await expect(app.getByTestId('settings-dialog-submit')).toBeDisabled();
  await snap(app, 'settings-errors');
  await settings.locator('#set-size').fill('14');
  await settings.locator('#set-scrollback').fill('5000');
  await expect(settings.getByTestId('field-error')).toHaveCount(0);
  await expect(app.getByTestId('settings-dialog-submit')).toBeEnabled();
  await app.getByTestId('settings-dialog-cancel').click();
});
