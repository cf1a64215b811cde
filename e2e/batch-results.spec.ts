// A batch job's results end to end in Chromium (the lab's real renderer, main side, gateway and
// sshd hosts): hosts chosen by a tag expression, one of them failing (the command fails on api-01
// by its HOME, which the lab names after the host), the job watched as status tiles, the results
// filtered by outcome and exported as JSON, and *Retry failed* running that host again, alone.
// And a selector that reaches an env=prod host asks in red before anything starts.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, mainSide, test } from './lab-fixture';

const SHOTS = '/tmp/shots-batch-ui';

interface Detail {
  hosts: Array<{ host: string; status: string; exitCode: number | null; sessionId: string | null }>;
}

test('a tag-chosen job with one failure: tiles, filter, JSON export, retry of the failed host only', async ({ app, lab }) => {
  test.setTimeout(90_000);
  const token = `pc-retry-${Date.now().toString(36)}`;
  // api-01 fails the first time (leaving a mark) and succeeds the second (taking the mark away).
  const mark = `"$HOME/.${token}"`;
  const command = `case "$HOME" in */api-01/home) if [ -e ${mark} ]; then rm ${mark}; else touch ${mark}; echo api-broken >&2; exit 3; fi;; esac; echo fine`;
  try {
    await app.keyboard.press('Control+Shift+J');
    const dialog = app.getByTestId('batch-run');
    await dialog.getByTestId('batch-selector').fill('role=web|api,env=lab');
    await dialog.getByTestId('batch-command').fill(command);
    await dialog.getByTestId('batch-preview').click();
    await expect(dialog.getByTestId('batch-preview-count')).toHaveText('3 hosts will run');
    await dialog.getByTestId('batch-run-submit').click();
    const confirm = app.getByTestId('batch-confirm');
    await expect(confirm.getByTestId('batch-confirm-prod')).toHaveCount(0);
    await confirm.getByTestId('batch-confirm-start').click();

    const view = app.getByTestId('batch-view');
    await expect(view).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(view.getByTestId('batch-counts')).toContainText('3 of 3 done · 2 ok · 1 failed');
    const jobId = /Batch job (\S+)/.exec((await view.locator('.batch-view-title').textContent()) ?? '')![1]!;

    // Status tiles, chosen: one per host with its status; a click shows that host's output.
    await view.getByTestId('batch-tiles-toggle').check();
    await expect(view.getByTestId('batch-panes')).toHaveCount(0);
    const tiles = view.getByTestId('batch-tile');
    await expect(tiles).toHaveCount(3);
    for (const [host, status] of [['web-01', 'ok'], ['web-02', 'ok'], ['api-01', 'failed']] as const) {
      const tile = view.locator(`[data-testid="batch-tile"][data-host="${host}"]`);
      await expect(tile).toHaveAttribute('data-status', status);
      await expect(tile).toHaveAttribute('title', `${host}: ${status}`);
    }
    await view.locator('[data-testid="batch-tile"][data-host="api-01"]').click();
    const shown = view.locator('.batch-compact-output');
    await expect(shown).toHaveAttribute('data-host', 'api-01');
    await expect(shown.locator('.xterm-rows')).toContainText('api-broken', { timeout: 10_000 });
    await app.screenshot({ path: `${SHOTS}/tiles.png` });

    // Filtered by outcome: the failed host alone, with its exit code and first error line.
    await view.getByTestId('batch-filter').selectOption('failed');
    await expect(view.getByTestId('batch-result')).toHaveCount(1);
    await expect(view.getByTestId('batch-fold')).toHaveCount(0);
    await expect(view.getByTestId('batch-result')).toHaveAttribute('data-host', 'api-01');
    await expect(view.getByTestId('batch-result')).toContainText('api-01failed3');
    await expect(view.getByTestId('batch-result')).toContainText('api-broken');
    await view.getByTestId('batch-filter').selectOption('ok');
    await expect(view.getByTestId('batch-fold')).toContainText('2 hosts: same output');
    await view.getByTestId('batch-filter').selectOption('');

    // The JSON export: the job and every host's result, as the file downloaded.
    const [download] = await Promise.all([app.waitForEvent('download'), view.getByTestId('batch-export-json').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^batch-${jobId.replaceAll(/[^A-Za-z0-9_-]/g, '_')}-.*\\.json$`));
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { job: { id: string; state: string; settings: { selector: string } }; hosts: Detail['hosts'] };
    expect(exported.job).toMatchObject({ id: jobId, state: 'done', settings: { selector: 'role=web|api,env=lab' } });
    expect(Object.fromEntries(exported.hosts.map((h) => [h.host, [h.status, h.exitCode]]))).toEqual({ 'web-01': ['ok', 0], 'web-02': ['ok', 0], 'api-01': ['failed', 3] });

    // Retry failed: api-01 runs again (a new session) and succeeds; the others are left as they were.
    const before = await mainSide<Detail>(app, 'batch.get', { job: jobId });
    await view.getByTestId('batch-retry-failed').click();
    await expect(view.locator('[data-testid="batch-tile"][data-host="api-01"]')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
    await expect(view).toHaveAttribute('data-state', 'done');
    await expect(view.getByTestId('batch-counts')).toContainText('3 of 3 done · 3 ok · 0 failed');
    await expect(view.getByTestId('batch-retry-failed')).toHaveCount(0);
    const after = await mainSide<Detail>(app, 'batch.get', { job: jobId });
    const sessionOf = (d: Detail, host: string) => d.hosts.find((h) => h.host === host)!.sessionId;
    for (const host of ['web-01', 'web-02']) expect(sessionOf(after, host)).toBe(sessionOf(before, host));
    expect(sessionOf(after, 'api-01')).not.toBe(sessionOf(before, 'api-01'));
    expect(sessionOf(after, 'api-01')).not.toBeNull();
    await app.screenshot({ path: `${SHOTS}/retried.png` });
    await view.getByTestId('batch-close').click();
  } finally {
    rmSync(join(lab.dataDir, 'hosts', 'api-01', 'home', `.${token}`), { force: true });
  }
});

test('a job that reaches an env=prod host asks in red first, naming it', async ({ app }) => {
  await app.keyboard.press('Control+Shift+J');
  const dialog = app.getByTestId('batch-run');
  await dialog.getByTestId('batch-selector').fill('role=cache|web');
  await dialog.getByTestId('batch-command').fill('hostname');
  await dialog.getByTestId('batch-run-submit').click();
  const confirm = app.getByTestId('batch-confirm');
  await expect(confirm.getByTestId('batch-confirm-count')).toHaveText('Run “hostname” on 3 hosts?');
  const warning = confirm.getByTestId('batch-confirm-prod');
  await expect(warning).toContainText('cache-01');
  await expect(warning).toHaveText('PRODUCTION: 1 host tagged env=prod is in this job: cache-01');
  // In red: the danger dialog (red frame and title), the warning and the start button red too.
  await expect(confirm).toHaveClass(/modal-danger/);
  await expect(confirm).toHaveAttribute('role', 'alertdialog');
  await expect(confirm.getByTestId('batch-confirm-start')).toHaveClass(/batch-start-prod/);
  await app.screenshot({ path: `${SHOTS}/confirm-prod.png` });
  // Nothing started: cancelled, the dialog is back as it was.
  await confirm.getByTestId('batch-confirm-cancel').click();
  await expect(dialog.getByTestId('batch-selector')).toHaveValue('role=cache|web');
  await dialog.getByTestId('batch-run-cancel').click();
  await expect(app.getByTestId('batch-view')).toHaveCount(0);
});
