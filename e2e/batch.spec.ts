// Batch jobs end to end in Chromium: the real renderer, browser shell, client main side, gateway
// and sshd hosts of the lab. Choose a tree node, run `hostname` in waves, watch each host's pane,
// read the folded results, re-open the job from the history.
import { expect, test } from './lab-fixture';

const SHOTS = '/tmp/shots-batch-ui';

test('runs a command on a tree node’s hosts in waves, in panes, with folded results', async ({ app }) => {
  // platform › … holds web-01, web-02 and api-01.
  await app.locator('[data-testid="group-row"][data-row-key=\'["platform"]\']').click({ button: 'right' });
  await app.getByRole('menuitem', { name: 'Run command on these hosts…' }).click();

  const dialog = app.getByTestId('batch-run');
  await expect(dialog.getByTestId('batch-selector')).toHaveValue('node:platform');
  await expect(dialog.getByTestId('batch-preview-count')).toHaveText('3 hosts will run');

  // Each wrong field says why, in plain words, and nothing starts.
  await dialog.getByTestId('batch-serial').fill('1,0');
  await dialog.getByTestId('batch-parallel').fill('many');
  await dialog.getByTestId('batch-run-submit').click();
  await expect(dialog.getByTestId('batch-problem-command')).toHaveText('This is needed.');
  await expect(dialog.getByTestId('batch-problem-serial')).toHaveText('A wave of 0 hosts would never end.');
  await expect(dialog.getByTestId('batch-problem-parallel')).toHaveText('Give a whole number.');
  await app.screenshot({ path: `${SHOTS}/run-dialog-problems.png` });

  await dialog.getByTestId('batch-command').fill('hostname');
  await dialog.getByTestId('batch-serial').fill('1,1');
  await dialog.getByTestId('batch-parallel').fill('2');
  await dialog.getByTestId('batch-run-submit').click();
  const confirm = app.getByTestId('batch-confirm');
  await expect(confirm.getByTestId('batch-confirm-count')).toHaveText('Run “hostname” on 3 hosts?');
  await expect(confirm.getByTestId('batch-confirm-prod')).toHaveCount(0);
  await app.screenshot({ path: `${SHOTS}/confirm.png` });
  await confirm.getByTestId('batch-confirm-start').click();

  const view = app.getByTestId('batch-view');
  await expect(view).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const panes = view.getByTestId('batch-pane');
  await expect(panes).toHaveCount(3);
  for (const host of ['web-01', 'web-02', 'api-01']) {
    const pane = view.locator(`[data-testid="batch-pane"][data-host="${host}"]`);
    await expect(pane).toHaveAttribute('data-status', 'ok');
    await expect(pane.locator('.batch-pane-title')).toContainText(`${host} ok`);
    await expect(pane.locator('.xterm-rows')).not.toHaveText('');
  }
  await expect(view.getByTestId('batch-counts')).toContainText('3 of 3 done · 3 ok · 0 failed');
  await expect(view.getByTestId('batch-counts')).toContainText('wave 3 of 3');
  // Every lab sshd runs on this machine: one hostname, folded into one row.
  await expect(view.getByTestId('batch-fold')).toContainText('3 hosts: same output');
  await app.screenshot({ path: `${SHOTS}/job-done-panes.png` });

  await view.getByTestId('batch-fold-toggle').uncheck();
  await expect(view.getByTestId('batch-result')).toHaveCount(3);
  await expect(view.locator('[data-testid="batch-result"][data-host="api-01"]')).toContainText('api-01ok0');
  const download = app.waitForEvent('download');
  await view.getByTestId('batch-export-csv').click();
  expect((await download).suggestedFilename()).toMatch(/^batch-.*\.csv$/);
  await app.screenshot({ path: `${SHOTS}/results-unfolded.png` });

  // The job is kept at the gateway: the history re-opens it.
  await view.getByTestId('batch-close').click();
  await app.keyboard.press('Control+Shift+H');
  const history = app.getByTestId('batch-history');
  await expect(history.getByTestId('batch-history-job').first()).toContainText('hostname');
  await app.screenshot({ path: `${SHOTS}/history.png` });
  await history.getByTestId('batch-history-job').first().click();
  await expect(app.getByTestId('batch-view')).toHaveAttribute('data-state', 'done');
  await expect(app.getByTestId('batch-pane')).toHaveCount(3);
  await expect(app.locator('[data-testid="batch-pane"][data-host="web-01"] .xterm-rows')).not.toHaveText('', { timeout: 10_000 });
  await app.getByTestId('batch-close').click();
});
