// Command rules end to end in Chromium: the real renderer, browser shell, client main side, gateway
// and sshd hosts of the lab. Ada (the lab's admin) adds a reject rule for `rm -rf` on web-01 (the
// draft tried on the bypass corpus first), sees it listed, tries lines in the rule tester, and a
// single Enter on "Remove" removes nothing; alice then types the line on web-01 and the gateway
// refuses it in her pane.
import { join } from 'node:path';
import { test, expect, openHost, signInAs, typeLine, waitForText } from './lab-fixture';

const DOCS = join(import.meta.dirname, '..', 'docs');

test('an admin adds a command rule and tries it; the operator is refused the line in her terminal', async ({ app: page }) => {
  test.setTimeout(120_000);
  await signInAs(page, 'gateway admin (ada)');
  await page.keyboard.press('Control+Shift+P');
  await page.getByRole('dialog', { name: 'Command palette' }).locator('input').fill('Command rules');
  await page.keyboard.press('Enter');
  const screen = page.getByTestId('command-rules');
  await expect(screen.getByTestId('command-rules-aid')).toContainText('audit aid that scripts can get around, not a sandbox');

  const add = screen.getByTestId('command-rule-add');
  await add.getByTestId('command-rule-hosts').fill('web-01');
  await expect(add.getByTestId('access-preview')).toContainText('1 host: web-01');
  await add.getByTestId('command-rule-regex').check();
  await add.getByTestId('command-rule-pattern').fill('(a+)+$');
  await expect(add.getByTestId('command-rule-refused')).toContainText('could backtrack for ages');
  await expect(add.getByTestId('command-rule-add-submit')).toBeDisabled();
  await add.getByTestId('command-rule-regex').uncheck();
  await add.getByTestId('command-rule-pattern').fill('rm -rf');
  await expect(add.getByTestId('command-rule-corpus-caught')).toHaveText(/catches (\d+) of \1 lines/);
  await expect(add.getByTestId('command-rule-corpus-lookalikes')).toContainText('No look-alike hit');
  await add.getByTestId('command-rule-add-submit').click();
  const row = screen.getByTestId('command-rule');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('web-01');
  await expect(row).toContainText('rm -rf');
  await expect(row).toContainText('reject');
  await expect(row).toContainText('ada');

  const tester = screen.getByTestId('command-rule-tester');
  await tester.getByTestId('command-rule-test-line').fill('vim rm.txt');
  await expect(tester.getByTestId('command-rule-test-none')).toBeVisible();
  await tester.getByTestId('command-rule-test-line').fill('sudo /bin/rm -rf /tmp/x');
  await expect(tester.getByTestId('command-rule-test-hit')).toHaveText('Matches "rm -rf" on web-01 (reject): the command rm -rf /tmp/x.');
  await expect(tester.getByTestId('command-rule-test-result')).toContainText('2 commands read from the line');
  // For the README: a sloppy draft beside the tester's answer, the whole screen in view.
  await add.getByTestId('command-rule-regex').check();
  await add.getByTestId('command-rule-pattern').fill('rm.*');
  await expect(add.getByTestId('command-rule-corpus-lookalike').first()).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 1150 });
  await page.screenshot({ path: join(DOCS, 'command-rules.png') });

  // Removing asks first with Cancel focused: Enter keeps the rule.
  await row.getByTestId('command-rule-remove').click();
  await expect(screen.getByTestId('command-rule-remove-cancel')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(screen.getByTestId('command-rule-remove-confirm')).toHaveCount(0);
  await expect(row).toHaveCount(1);
  await screen.getByTestId('command-rules-close').click();

  // Alice (the operator) types the line on web-01: the gateway does not send it and says why.
  await signInAs(page, 'lab');
  const id = await openHost(page, 'web-01');
  await typeLine(page, 'rm -rf /tmp/x');
  await waitForText(page, id, /matches "rm -rf" \(rule \d+\): rejected, the line was not sent/, 15_000);
});
