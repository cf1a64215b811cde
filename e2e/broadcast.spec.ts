// Broadcast typing end to end in Chromium, on the real lab: two hosts chosen in the tree with
// Ctrl+click open side by side, typing goes to both (keys, Ctrl+C, ↑), each host's command log at
// the gateway has the command; one pane turned off gets nothing more; a group with the env=prod
// host (the lab's cache-01) asks first, in red, naming it, before typing reaches it; a paste goes to
// every pane of the group.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { GATEWAY_BIN } from '../lab/gateway-bin';
import { expect, terminals, test, typeLine, waitForPrompt, waitForText, type WorkerLab } from './lab-fixture';
import type { Page } from '@playwright/test';

const SHOTS = '/tmp/shots-broadcast';
const PROMPT = 'PC-BC> ';

/** Hosts in the command log at the gateway whose command contains `word` (the real CLI on its database). */
function loggedOn(lab: WorkerLab, word: string): string[] {
  const out = execFileSync(process.execPath, [GATEWAY_BIN, 'commands', 'search', word, '--json', '--data', join(lab.dataDir, 'gateway')], { encoding: 'utf8' });
  return [...new Set((JSON.parse(out) as Array<{ host: string }>).map((c) => c.host))].sort();
}

const pane = (app: Page, host: string) => app.locator(`[data-testid="pane"][data-host="${host}"]`);
const hostRow = (app: Page, host: string) => app.locator(`[data-testid="host-row"][data-host="${host}"]`).first();

/** Opens the hosts selected in the tree (by Ctrl+click) in split panes; returns their terminal ids once live. */
async function openSelected(app: Page, hosts: string[]): Promise<Record<string, string>> {
  for (const host of hosts) await hostRow(app, host).click({ modifiers: ['Control'] });
  await expect(app.getByTestId('host-selection-count')).toContainText(`${hosts.length} selected`);
  await hostRow(app, hosts[0]!).click({ button: 'right' });
  await app.getByRole('menuitem', { name: `Open ${hosts.length} hosts in split panes` }).click();
  const ids: Record<string, string> = {};
  for (const host of hosts) {
    await expect(pane(app, host)).toHaveAttribute('data-status', 'live', { timeout: 15_000 });
    ids[host] = (await pane(app, host).getByTestId('terminal-pane').getAttribute('data-terminal-id'))!;
  }
  return ids;
}

test('typing goes to every pane of the broadcast group, and to a pane turned off no more', async ({ app, lab }) => {
  test.setTimeout(90_000);
  const token = `bc${Date.now().toString(36)}`;
  const ids = await openSelected(app, ['web-01', 'web-02']);
  await expect(app.locator('[data-testid="pane"]')).toHaveCount(2);

  await pane(app, 'web-01').locator('.pane-body').click();
  await app.keyboard.press('Control+Shift+Z');
  for (const host of ['web-01', 'web-02']) {
    await expect(pane(app, host)).toHaveAttribute('data-broadcast', 'on');
    await expect(pane(app, host).getByTestId('broadcast-badge')).toHaveText('broadcast');
  }
  // Typed once, in web-01: both shells get the new prompt (quoted, so the echoed line is not the prompt).
  await typeLine(app, `PS1='PC-''BC> '`);
  for (const host of ['web-01', 'web-02']) await waitForPrompt(app, ids[host]!, PROMPT);

  await typeLine(app, `echo ${token}-one`);
  // Special keys too: ↑ recalls the line in each shell, Ctrl+C stops a command in each.
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('Enter');
  for (const host of ['web-01', 'web-02']) await waitForText(app, ids[host]!, new RegExp(`^${token}-one\\n[^\\n]*\\n${token}-one$`, 'm'));
  await typeLine(app, 'sleep 30');
  await app.keyboard.press('Control+C');
  for (const host of ['web-01', 'web-02']) await waitForPrompt(app, ids[host]!, PROMPT);
  await app.screenshot({ path: `${SHOTS}/broadcast-both.png` });
  await app.screenshot({ path: 'docs/broadcast.png' });

  // Each host's session recorded it as typed there: the command is in both hosts' command logs.
  await expect.poll(() => loggedOn(lab, `${token}-one`), { timeout: 10_000 }).toEqual(['web-01', 'web-02']);

  // web-02 out (its own key, on its pane): the chord is not typed into its shell.
  await pane(app, 'web-02').locator('.pane-body').click();
  await app.keyboard.press('Control+Shift+Backslash');
  await expect(pane(app, 'web-02')).toHaveAttribute('data-broadcast', 'off');
  await expect(pane(app, 'web-01')).toHaveAttribute('data-broadcast', 'on');
  await waitForPrompt(app, ids['web-02']!, PROMPT);

  await pane(app, 'web-01').locator('.pane-body').click();
  await typeLine(app, `echo ${token}-two`);
  await waitForText(app, ids['web-01']!, new RegExp(`^${token}-two$`, 'm'));
  await expect.poll(() => loggedOn(lab, `${token}-two`), { timeout: 10_000 }).toEqual(['web-01']);
  const web02 = (await terminals(app)).find((t) => t.terminalId === ids['web-02'])!;
  expect(web02.text).not.toContain(`${token}-two`);
  await app.screenshot({ path: `${SHOTS}/broadcast-one-off.png` });
});

test('a group with a production host asks first, naming it; a pane that is not live is skipped, visibly', async ({ app, lab }) => {
  test.setTimeout(90_000);
  const token = `bp${Date.now().toString(36)}`;
  // A selection's menu also runs a batch command on its hosts: the batch dialog opens with them.
  await hostRow(app, 'web-01').click({ modifiers: ['Control'] });
  await hostRow(app, 'web-02').click({ modifiers: ['Shift'] });
  await expect(app.getByTestId('host-selection-count')).toContainText('2 selected');
  await hostRow(app, 'web-02').click({ button: 'right' });
  await app.getByRole('menuitem', { name: 'Run a command on 2 hosts…' }).click();
  await expect(app.getByTestId('batch-run').getByTestId('batch-selector')).toHaveValue('web-01,web-02');
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('batch-run')).toHaveCount(0);
  // Esc in the tree clears the selection.
  await hostRow(app, 'web-01').click();
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('host-selection-count')).toHaveCount(0);
  const ids = await openSelected(app, ['web-01', 'cache-01']);

  await pane(app, 'cache-01').locator('.pane-body').click();
  await app.keyboard.press('Control+Shift+Z');
  const confirm = app.getByTestId('broadcast-confirm');
  await expect(confirm).toContainText('What you type will go to 2 panes at once.');
  await expect(confirm).toContainText('cache-01 is tagged env=prod.');
  await app.screenshot({ path: `${SHOTS}/prod-confirm.png` });
  await confirm.getByTestId('broadcast-confirm-cancel').click();
  await expect(app.locator('[data-testid="pane"][data-broadcast="on"]')).toHaveCount(0);

  // From the pane's menu this time; confirmed once, the group asks no more.
  await pane(app, 'web-01').locator('.pane-body').click({ button: 'right' });
  await app.getByRole('menuitem', { name: /Broadcast typing: every pane of the tab/ }).click();
  await app.getByTestId('broadcast-confirm').getByTestId('broadcast-confirm-confirm').click();
  await expect(app.locator('[data-testid="pane"][data-broadcast="on"]')).toHaveCount(2);
  await pane(app, 'web-01').locator('.pane-body').click();
  await typeLine(app, `echo ${token}`);
  for (const host of ['web-01', 'cache-01']) await waitForText(app, ids[host]!, new RegExp(`^${token}$`, 'm'));
  await expect.poll(() => loggedOn(lab, token), { timeout: 10_000 }).toEqual(['cache-01', 'web-01']);

  // cache-01 leaves (the group of one left is over) and its session ends there; back in the group,
  // a new group asks again, and cache-01 is skipped, saying so, while web-01 still takes input.
  await pane(app, 'cache-01').locator('.pane-body').click();
  await app.keyboard.press('Control+Shift+Backslash');
  await typeLine(app, 'exit');
  await expect(pane(app, 'cache-01')).toHaveAttribute('data-status', 'closed');
  await expect(pane(app, 'web-01')).toHaveAttribute('data-status', 'live');
  await app.keyboard.press('Control+Shift+Backslash');
  await app.getByTestId('broadcast-confirm').getByTestId('broadcast-confirm-confirm').click();
  await expect(pane(app, 'cache-01')).toHaveAttribute('data-broadcast', 'skipped');
  await expect(pane(app, 'cache-01').getByTestId('broadcast-badge')).toHaveText('broadcast · skipped: not live');
  await pane(app, 'web-01').locator('.pane-body').click();
  await typeLine(app, `echo ${token}-after`);
  await waitForText(app, ids['web-01']!, new RegExp(`^${token}-after$`, 'm'));
  await app.screenshot({ path: `${SHOTS}/skipped.png` });
});

test('the production question comes before typing reaches cache-01, and a paste goes to every pane', async ({ app, lab }) => {
  test.setTimeout(90_000);
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const token = `bq${Date.now().toString(36)}`;
  const ids = await openSelected(app, ['web-01', 'cache-01']);

  // Asked, in red, before the group takes cache-01 in; declined, what web-01 gets stays there.
  await pane(app, 'web-01').locator('.pane-body').click();
  await app.keyboard.press('Control+Shift+Z');
  const confirm = app.getByTestId('broadcast-confirm');
  await expect(confirm).toContainText('cache-01 is tagged env=prod.');
  await expect(confirm).toHaveClass(/modal-danger/);
  await expect(confirm).toHaveAttribute('role', 'alertdialog');
  await expect(app.locator('[data-testid="pane"][data-broadcast="on"]')).toHaveCount(0);
  await confirm.getByTestId('broadcast-confirm-cancel').click();
  await pane(app, 'web-01').locator('.pane-body').click();
  await typeLine(app, `echo ${token}-declined`);
  await waitForText(app, ids['web-01']!, new RegExp(`^${token}-declined$`, 'm'));
  await expect.poll(() => loggedOn(lab, `${token}-declined`), { timeout: 10_000 }).toEqual(['web-01']);
  expect((await terminals(app)).find((t) => t.terminalId === ids['cache-01'])!.text).not.toContain(token);

  // Confirmed: a paste (Ctrl+Shift+V) in web-01 lands in both shells, each with its own paste.
  await app.keyboard.press('Control+Shift+Z');
  await app.getByTestId('broadcast-confirm').getByTestId('broadcast-confirm-confirm').click();
  await expect(app.locator('[data-testid="pane"][data-broadcast="on"]')).toHaveCount(2);
  await app.evaluate((text) => navigator.clipboard.writeText(text), `echo ${token}-pasted`);
  await pane(app, 'web-01').locator('.pane-body').click();
  await app.keyboard.press('Control+Shift+V');
  for (const host of ['web-01', 'cache-01']) await waitForText(app, ids[host]!, new RegExp(`echo ${token}-pasted$`, 'm'));
  await app.keyboard.press('Enter');
  for (const host of ['web-01', 'cache-01']) await waitForText(app, ids[host]!, new RegExp(`^${token}-pasted$`, 'm'));
  await expect.poll(() => loggedOn(lab, `${token}-pasted`), { timeout: 10_000 }).toEqual(['cache-01', 'web-01']);
  await app.screenshot({ path: `${SHOTS}/paste-both.png` });
});
