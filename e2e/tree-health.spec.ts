// Tree health end to end in Chromium: the lab's real Prometheus and node_exporters, the gateway's
// metrics.health topic, the browser shell and the renderer's tree. The hosts on screen get a dot
// with their level and figures in words; their nodes the worst of them; the setting turns it off.
import { expect, shot, test } from './lab-fixture';
import { metricsInstalled } from '../lab/metrics-stack';

test('shows a health dot per host on screen and the worst per node, and turns off in the settings', async ({ app, lab }) => {
  test.skip(!metricsInstalled(), 'prometheus and prometheus-node-exporter are not installed');
  expect(lab.prometheusPid, 'Prometheus is installed but the lab did not start it').toBeTruthy();
  test.setTimeout(120_000);
  const row = app.locator('[data-testid="host-row"][data-host="web-01"]').first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  // The lab scrapes every 5 s: CPU needs two scrapes. The level is this machine's own.
  const dot = row.getByTestId('health-dot');
  await expect(dot).toHaveAttribute('data-level', /^(ok|warn|critical)$/, { timeout: 60_000 });
  // Not colour alone: the label says the level and the figures.
  await expect(dot).toHaveAttribute('aria-label', /^Health: (OK|warning|critical) — CPU \d+ %, memory \d+ %, fullest disk \d+ %\nWarning/);
  await expect(dot).toHaveAttribute('title', /Warning \/ critical from \(%\): CPU \d+\/\d+/);
  // The node above it: the worst of its known hosts on screen, and says so.
  const group = app.locator('[data-testid="group-row"]').filter({ hasText: 'frontend' }).first();
  await expect(group.getByTestId('group-health-dot')).toHaveAttribute('aria-label', /^Worst of the \d+ hosts? on screen below: (OK|warning|critical)$/);
  await shot(app, 'tree-health');
  await app.getByTestId('host-tree').screenshot({ path: 'test-results/screenshots/tree-health-tree.png' });

  // Off in the settings: no dot, and nothing watched.
  await app.keyboard.press('Control+,');
  await app.getByTestId('settings-tree-health').uncheck();
  await app.getByTestId('settings-dialog').getByRole('button', { name: 'Save' }).click();
  await expect(app.getByTestId('health-dot')).toHaveCount(0);
  await expect(app.getByTestId('group-health-dot')).toHaveCount(0);
});
