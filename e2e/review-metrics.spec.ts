// The host's metrics under the review player, in Chromium against the lab's real Prometheus and
// node_exporters: alice (operator) runs a session on web-01; sam (security) opens it in the review
// window and sees CPU and memory over the session's time range; a click on the strip seeks the
// player, and a seek of the player moves the strip's cursor.
import type { Page } from '@playwright/test';
import { metricsInstalled } from '../lab/metrics-stack';
import { expect, openHost, shot, signInAs, test, typeLine, waitForText } from './lab-fixture';

const position = async (page: Page) => Number(await page.getByTestId('review-player').getAttribute('data-pos'));
const cursorAt = async (page: Page) => Number(await page.getByTestId('player-strip-cursor').getAttribute('data-fraction'));

test('the session’s host metrics under the player, its cursor synced with playback both ways', async ({ app, lab }) => {
  test.skip(!metricsInstalled(), 'prometheus and prometheus-node-exporter are not installed');
  expect(lab.prometheusPid, 'Prometheus is installed but the lab did not start it').toBeTruthy();
  test.setTimeout(120_000);
  const id = await openHost(app, 'web-01');
  await typeLine(app, 'echo strip-start; sleep 12; echo strip-end');
  await waitForText(app, id, /^strip-end$/m, 20_000);
  await typeLine(app, 'exit');
  await expect(app.locator(`[data-testid="tab"][data-terminal-id="${id}"]`)).not.toHaveAttribute('data-status', 'live');
  // The lab's Prometheus scrapes every 5 s: one scrape past the session's end.
  await app.waitForTimeout(6000);

  await signInAs(app, 'security reviewer (sam)');
  await app.keyboard.press('Control+Shift+Y');
  const window = app.getByTestId('review-window');
  const row = window.getByTestId('review-session-row').filter({ hasText: 'alice' }).first();
  await expect(row).toContainText('web-01');
  await row.dblclick();

  const player = window.getByTestId('review-player');
  const strip = player.getByTestId('player-strip');
  await expect(strip).toHaveAttribute('data-state', 'ok', { timeout: 20_000 });
  await expect(strip.getByTestId('player-strip-figures')).toHaveText(/CPU \d+(\.\d)? % · Memory used \d+(\.\d)? %/);
  await expect(strip.locator('canvas')).toHaveCount(1);
  expect(await cursorAt(app)).toBeLessThan(0.15); // the player opens at the start

  // Click at three quarters of the strip: the player goes there (the session is ~13 s long).
  const seek = strip.getByTestId('player-strip-seek');
  const box = (await seek.boundingBox())!;
  await app.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
  await expect.poll(() => position(app)).toBeGreaterThan(7);
  await expect.poll(() => cursorAt(app)).toBeCloseTo(0.75, 1);
  await expect.poll(async () => player.getByTestId('review-screen').locator('.xterm-rows').innerText()).toContain('strip-start');
  await shot(app, 'player-metrics'); // docs/player-metrics.png

  // Drag back to the start: the cursor follows, the player seeks where it is let go.
  await app.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
  await app.mouse.down();
  await app.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 4 });
  await expect.poll(() => cursorAt(app)).toBeCloseTo(0.3, 1);
  await app.mouse.move(box.x + 1, box.y + box.height / 2, { steps: 2 });
  await app.mouse.up();
  await expect.poll(() => position(app)).toBeLessThan(1);

  // The player's own seek (→ 5 s) moves the strip's cursor (by 5 s of the session's length,
  // which depends on how fast this machine typed and ran it).
  const before = await cursorAt(app);
  await player.focus();
  await app.keyboard.press('ArrowRight');
  await expect.poll(() => position(app)).toBeGreaterThan(4);
  await expect.poll(() => cursorAt(app)).toBeGreaterThan(before + 0.02);

  // Folded away, and back.
  await strip.getByTestId('player-strip-toggle').click();
  await expect(strip.getByTestId('player-strip-seek')).toHaveCount(0);
  await strip.getByTestId('player-strip-toggle').click();
  await expect(strip.getByTestId('player-strip-seek')).toBeVisible();

  await app.keyboard.press('Escape');
  await signInAs(app, 'lab');
});
