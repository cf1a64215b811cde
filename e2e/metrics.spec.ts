// The host metrics panel end to end in Chromium: the lab's real Prometheus scraping a real
// node_exporter per host, the gateway reading it, the browser shell and the renderer. Open a host,
// show the panel (Ctrl+Shift+U), read real numbers in every chart, switch the range, pause
// Prometheus (SIGSTOP: it stops answering) and see *source down*, then see it recover; *no data*
// for a host Prometheus does not know, *not permitted* for a host the signed-in user may not reach.
import { expect, openHost, shot, signInAs, test } from './lab-fixture';
import { metricsInstalled } from '../lab/metrics-stack';

const CHARTS = ['cpu', 'memory', 'load', 'disk_used', 'disk_io', 'net'] as const;
/** What each chart's latest value reads like: a percent, a load, a byte rate. */
const NUMBER = { cpu: /\d+(\.\d)? %/, memory: /\d+(\.\d)? %/, load: /\d+\.\d\d/, disk_used: /\d+(\.\d)? %/, disk_io: /\d+(\.\d)? [kMGT]?B\/s/, net: /\d+(\.\d)? [kMGT]?B\/s/ };
/** The load chart's readings: the host's load over 1, 5 and 15 minutes, each with its per-core value (what the lines draw). */
const LOAD_READINGS = /^1 min (\d+\.\d\d) \((\d+\.\d\d) per core\) · 5 min (\d+\.\d\d) \((\d+\.\d\d) per core\) · 15 min (\d+\.\d\d) \((\d+\.\d\d) per core\)$/;
/** The chart line colours of each theme (metrics.css), and each theme's chart box background (theme.css --bg). */
const DARK_LINES = '#6ea8fe #4fc285 #e2b340 #f0616d #b792f5 #4cc9d0';
const LIGHT_LINES = '#2f6fd6 #1f8a55 #b07d0a #cc3340 #7b4fcf #1b8a91';
const BOX_BACKGROUND = { dark: 'rgb(20, 22, 27)', light: 'rgb(251, 251, 252)' };

test('shows a host’s live metrics beside the terminal, by range, and says when the source is down', async ({ app, lab }) => {
  // Skipped only where Debian's prometheus and prometheus-node-exporter are not installed (CI installs
  // them); installed, a lab that did not start them is a failure, not a skip.
  test.skip(!metricsInstalled(), 'prometheus and prometheus-node-exporter are not installed');
  expect(lab.prometheusPid, 'Prometheus is installed but the lab did not start it').toBeTruthy();
  test.setTimeout(120_000);
  await openHost(app, 'web-01');
  await app.keyboard.press('Control+Shift+U');
  const panel = app.getByTestId('metrics-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Metrics of web-01' })).toBeVisible();
  // The lab's Prometheus scrapes every 5 s: the first rates need two scrapes.
  for (const id of CHARTS) await expect(panel.getByTestId(`metrics-chart-${id}`).getByTestId('metrics-latest')).toHaveText(NUMBER[id], { timeout: 40_000 });
  await expect(panel.getByTestId(`metrics-chart-load`).getByRole('heading')).toHaveText(/^Load per core \(\d+ cores\)$/);
  // Load as the host has it (what uptime says), each beside its per-core value: load = per core × cores
  // (both rounded to 2 places).
  const loadLatest = panel.getByTestId('metrics-chart-load').getByTestId('metrics-latest');
  await expect(loadLatest).toHaveText(LOAD_READINGS);
  const cores = Number(/\((\d+) cores\)/.exec(await panel.getByTestId('metrics-chart-load').getByRole('heading').innerText())![1]);
  const loads = LOAD_READINGS.exec(await loadLatest.innerText())!.slice(1).map(Number);
  for (let i = 0; i < 6; i += 2) expect(Math.abs(loads[i]! - loads[i + 1]! * cores)).toBeLessThanOrEqual(0.005 * cores + 0.005);
  // Each chart draws on its canvas, beside the terminal (not over it).
  for (const id of CHARTS) await expect(panel.getByTestId(`metrics-chart-${id}`).locator('canvas')).toHaveCount(1);
  const terminalBox = (await app.getByTestId('pane').first().boundingBox())!;
  const panelBox = (await panel.boundingBox())!;
  expect(panelBox.x).toBeGreaterThanOrEqual(terminalBox.x + terminalBox.width - 1);
  await shot(app, 'metrics-panel');

  // Another range: the buttons say which is chosen, and the charts stay filled.
  await panel.getByTestId('metrics-range-1h').click();
  await expect(panel.getByTestId('metrics-range-1h')).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByTestId('metrics-range-15m')).toHaveAttribute('aria-pressed', 'false');
  await expect(panel.getByTestId('metrics-chart-cpu').getByTestId('metrics-latest')).toHaveText(NUMBER.cpu);

  // The panel is wider when dragged by its edge, and its charts follow (each fills its box).
  const panelBefore = (await panel.boundingBox())!;
  const edge = (await panel.getByTestId('metrics-resizer').boundingBox())!;
  await app.mouse.move(edge.x + edge.width / 2, edge.y + 200);
  await app.mouse.down();
  await app.mouse.move(edge.x - 300, edge.y + 200, { steps: 5 });
  await app.mouse.up();
  await expect.poll(async () => (await panel.boundingBox())!.width).toBeGreaterThan(panelBefore.width + 250);
  for (const id of CHARTS) {
    const chart = panel.getByTestId(`metrics-chart-${id}`);
    await expect.poll(async () => Math.abs((await chart.locator('canvas').boundingBox())!.width - (await chart.locator('.metrics-canvas').boundingBox())!.width)).toBeLessThan(2);
  }
  await shot(app, 'metrics-panel-wide');

  // The README's picture: the last 15 minutes, full at once (the e2e lab's Prometheus starts with an hour of history).
  await panel.getByTestId('metrics-range-15m').click();
  await expect.poll(async () => Number(await panel.getByTestId('metrics-chart-cpu').getAttribute('data-points'))).toBeGreaterThanOrEqual(30);
  await shot(app, 'metrics-panel-readme');

  // The light theme: the panel follows the app's, each chart redrawn in the light colours on a light box.
  const expectChartsIn = async (theme: 'dark' | 'light') => {
    for (const id of CHARTS) {
      const chart = panel.getByTestId(`metrics-chart-${id}`);
      await expect(chart.locator('.metrics-canvas')).toHaveAttribute('data-line-colors', theme === 'light' ? LIGHT_LINES : DARK_LINES);
      await expect(chart).toHaveCSS('background-color', BOX_BACKGROUND[theme]);
    }
  };
  await expectChartsIn('dark');
  await app.keyboard.press('Control+Shift+L');
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectChartsIn('light');
  await shot(app, 'metrics-panel-light');
  await app.keyboard.press('Control+Shift+L');
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectChartsIn('dark');

  // Prometheus stops answering: the gateway's query times out, and the panel says so.
  process.kill(lab.prometheusPid!, 'SIGSTOP');
  try {
    await expect(panel.getByTestId('metrics-state')).toHaveText(/^Source down: the monitoring system does not answer/, { timeout: 30_000 });
    await shot(app, 'metrics-source-down');
  } finally {
    process.kill(lab.prometheusPid!, 'SIGCONT');
  }
  // Back by itself.
  await expect(panel.getByTestId('metrics-state')).toHaveCount(0, { timeout: 30_000 });
  await expect(panel.getByTestId('metrics-chart-cpu').getByTestId('metrics-latest')).toHaveText(NUMBER.cpu);

  // Hidden by the pane's menu item, and nothing stays subscribed.
  await app.getByTestId('pane').first().click({ button: 'right' });
  await app.getByRole('menuitem', { name: 'Show / hide host metrics' }).click();
  await expect(panel).toHaveCount(0);
});

test('says no data for a host Prometheus knows nothing of', async ({ app, lab }) => {
  test.skip(!metricsInstalled(), 'prometheus and prometheus-node-exporter are not installed');
  expect(lab.prometheusPid, 'Prometheus is installed but the lab did not start it').toBeTruthy();
  // legacy-01 has no exporter (its address is a closed port): its instance is unknown to Prometheus.
  // It has no credential, so its pane shows the refusal; the panel still shows its metrics' state.
  await app.locator('[data-testid="host-row"][data-host="legacy-01"]').first().dblclick();
  await app.keyboard.press('Control+Shift+U');
  const panel = app.getByTestId('metrics-panel');
  await expect(panel.getByRole('heading', { name: 'Metrics of legacy-01' })).toBeVisible();
  await expect(panel.getByTestId('metrics-state')).toHaveText(/^No data: the monitoring system has nothing for this host/, { timeout: 20_000 });
  await shot(app, 'metrics-no-data');
  await app.keyboard.press('Control+Shift+U');
  await expect(panel).toHaveCount(0);
});

test('says not permitted for a host the signed-in user has no grant for', async ({ app, lab }) => {
  test.skip(!metricsInstalled(), 'prometheus and prometheus-node-exporter are not installed');
  expect(lab.prometheusPid, 'Prometheus is installed but the lab did not start it').toBeTruthy();
  // alice (the lab's operator) may reach web-01 and sees its metrics; sam (security) has no grant
  // at all. Signed in as sam, the pane stays on web-01, and the gateway refuses its metrics.
  await openHost(app, 'web-01');
  await app.keyboard.press('Control+Shift+U');
  const panel = app.getByTestId('metrics-panel');
  await expect(panel.getByTestId('metrics-chart-cpu').getByTestId('metrics-latest')).toHaveText(NUMBER.cpu, { timeout: 40_000 });
  try {
    await signInAs(app, 'security reviewer (sam)');
    await expect(panel.getByRole('heading', { name: 'Metrics of web-01' })).toBeVisible();
    await expect(panel.getByTestId('metrics-state')).toHaveText('Not permitted: you may not reach this host, so its metrics are not shown.', { timeout: 20_000 });
    await expect(panel.locator('.metrics-panel')).toHaveAttribute('data-state', 'not_permitted');
    await expect(panel.getByTestId('metrics-chart-cpu')).toHaveCount(0); // nothing of the host is shown
    await shot(app, 'metrics-not-permitted');
  } finally {
    await signInAs(app, 'lab');
  }
  // Back as alice: the same pane's host shows its metrics again.
  await expect(panel.getByTestId('metrics-state')).toHaveCount(0, { timeout: 20_000 });
  await expect(panel.getByTestId('metrics-chart-cpu').getByTestId('metrics-latest')).toHaveText(NUMBER.cpu, { timeout: 20_000 });
  await app.keyboard.press('Control+Shift+U');
  await expect(panel).toHaveCount(0);
});
