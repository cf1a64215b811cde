// Login rules in the app, in Chromium against the lab's real gateway, as the lab's admin (ada):
// the palette's "Login rules…", a bad network answered with the suggested one, a rule added with
// its meaning in words (and ada's own connection said to stay allowed), listed, then removed
// through a confirmation that a single Enter does not accept.
import { join } from 'node:path';
import { test, expect, mainSide, signInAs } from './lab-fixture';

const DOCS = join(import.meta.dirname, '..', 'docs');

test('an admin adds a login rule, sees it listed with its sentence, and removes it', async ({ app: page }) => {
  const profiles = await mainSide<Array<{ id: string; name: string }>>(page, 'profiles.list');
  await mainSide(page, 'gateway.connect', { profileId: profiles.find((p) => p.name === 'gateway admin (ada)')!.id });
  await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');

  await page.keyboard.press('Control+Shift+P');
  await page.getByRole('dialog', { name: 'Command palette' }).locator('input').fill('Login rules');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toContainText('Login rules…');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('login-rules');
  await expect(dialog).toContainText('No login rules');

  await dialog.getByTestId('login-rule-new').click();
  const form = dialog.getByTestId('login-rule-add');
  await form.getByTestId('login-rule-name').fill('alice');
  await form.getByTestId('login-rule-cidrs').fill('10.1.2.3/8');
  await expect(form.getByTestId('login-rule-problem')).toHaveText('“10.1.2.3/8” has bits set after the prefix: did you mean 10.0.0.0/8?');
  await expect(form.getByTestId('login-rule-add-submit')).toBeDisabled();
  await form.getByTestId('login-rule-cidrs').fill('10.0.0.0/8');
  for (const day of ['sat', 'sun']) await form.getByTestId(`login-rule-day-${day}`).click();
  await form.getByTestId('login-rule-from').fill('08:00');
  await form.getByTestId('login-rule-to').fill('20:00');
  await form.getByTestId('login-rule-zone').fill('Europe/Berlin');
  const sentence = 'alice may log in from 10.0.0.0/8 on Mon–Fri 08:00–20:00 Europe/Berlin';
  await expect(form.getByTestId('login-rule-means')).toHaveText(`Means: ${sentence}`);
  await expect(form.getByTestId('login-rule-self')).toHaveText('The rule does not apply to you.');
  await page.screenshot({ path: join(DOCS, 'login-rules.png') });
  await form.getByTestId('login-rule-add-submit').click();

  const row = dialog.getByTestId('login-rule');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('login-rule-sentence')).toHaveText(sentence);
  await expect(row).toContainText('ada');

  // Removing asks first, Cancel focused: Enter cancels, the rule stays.
  await row.getByTestId('login-rule-remove').click();
  await expect(dialog.getByTestId('login-rule-remove-cancel')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('login-rule-remove-confirm')).toHaveCount(0);
  await expect(row).toHaveCount(1);
  await row.getByTestId('login-rule-remove').click();
  await dialog.getByTestId('login-rule-remove-submit').click();
  await expect(row).toHaveCount(0);
  await expect(dialog).toContainText('No login rules');
  await page.keyboard.press('Escape');
  // The lab is shared by the specs after this one: back to the operator's profile.
  await signInAs(page, 'lab');
});
