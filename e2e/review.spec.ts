// Security review as a reviewer meets it: the operator (alice) runs a few commands; signed in as
// sam (security) the app lists her session, finds a command, opens the player just before it with
// its marker selected, seeks with the keyboard, and exports the .cast and the evidence bundle.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openHost, shot, signInAs, test, typeLine, waitForText } from './lab-fixture';

const screenText = (page: Page) => page.getByTestId('review-screen').locator('.xterm-rows').innerText();
const position = async (page: Page) => Number(await page.getByTestId('review-player').getAttribute('data-pos'));

test('search a command → open the player at it → seek → export .cast and the evidence bundle', async ({ app }) => {
  test.setTimeout(120_000);
  const id = await openHost(app, 'web-01');
  await typeLine(app, 'echo review-first-$((2*3))');
  await waitForText(app, id, /^review-first-6$/m);
  await typeLine(app, 'sleep 3; echo review-second');
  await waitForText(app, id, /^review-second$/m);
  await typeLine(app, 'echo review-needle-$((7*6))');
  await waitForText(app, id, /^review-needle-42$/m);
  await typeLine(app, 'sleep 6; echo review-after');
  await waitForText(app, id, /^review-after$/m);
  await typeLine(app, 'exit');
  await expect(app.locator(`[data-testid="tab"][data-terminal-id="${id}"]`)).not.toHaveAttribute('data-status', 'live');

  await signInAs(app, 'security reviewer (sam)');
  await app.keyboard.press('Control+Shift+Y');
  const window = app.getByTestId('review-window');
  await expect(window).toBeVisible();
  const row = window.getByTestId('review-session-row').filter({ hasText: 'alice' }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText('web-01');
  await expect(row.getByTestId('review-session-end')).toHaveText(/exit 0|closed by the user/);
  await shot(app, 'review-sessions');

  await window.getByTestId('review-tab-commands').click();
  await window.getByTestId('review-command-query').fill('review-needle');
  await window.getByTestId('review-command-query').press('Enter');
  const command = window.getByTestId('review-command-row').filter({ hasText: 'echo review-needle' });
  await expect(command).toHaveCount(1);
  await expect(command).toContainText('alice');
  await shot(app, 'review-commands'); // docs/review-commands.png
  await command.click();

  // The player opens ~2 s before the command, its marker selected; the screen shows what came before.
  const player = window.getByTestId('review-player');
  await expect(player).toBeVisible();
  await expect(player).not.toHaveAttribute('data-selected-marker', '');
  await expect.poll(() => screenText(app)).toContain('review-second');
  expect(await screenText(app)).not.toContain('review-needle-42');
  await expect(window.getByTestId('review-marker')).toHaveCount(5); // four commands and exit
  const selected = window.locator('.review-marker.selected');
  await expect(selected).toHaveAttribute('title', /echo review-needle/);

  // Seek with the keyboard: ] to the command, → 5 s past it (its output shows), [ back command by
  // command (the next command may fall within those 5 s, and a fraction of a second after it: it
  // was typed as soon as the output came).
  const markerTimes = async () => (await window.getByTestId('review-marker').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-t')))));
  const needleId = await selected.getAttribute('data-marker-id');
  const needleT = Number(await selected.getAttribute('data-t'));
  await player.focus();
  await app.keyboard.press(']');
  await expect(player).toHaveAttribute('data-selected-marker', needleId!);
  await expect.poll(() => position(app)).toBeCloseTo(needleT, 2);
  await app.keyboard.press('ArrowRight');
  await expect.poll(() => position(app)).toBeCloseTo(needleT + 5, 2);
  await expect.poll(() => screenText(app)).toContain('review-needle-42');
  for (let at = needleT + 5; at > needleT; ) {
    const previous = Math.max(...(await markerTimes()).filter((t) => t < at - 0.01));
    await app.keyboard.press('[');
    await expect.poll(() => position(app)).toBeCloseTo(previous, 2);
    at = previous;
  }
  await expect(player).toHaveAttribute('data-selected-marker', needleId!);
  await shot(app, 'review-player'); // docs/review-player.png: the markers, the needle's selected, the keystrokes

  // Play at 32× to the end: the last output appears.
  await window.getByTestId('review-speed').selectOption('32');
  await window.getByTestId('review-play').click();
  await expect.poll(() => screenText(app)).toContain('review-needle-42');
  await expect(player).toHaveAttribute('data-playing', 'false', { timeout: 15_000 });
  // The keystrokes beside the screen: what was typed from the seek's keyframe on (that keyframe may
  // fall inside the needle's line, never after the command typed next).
  await expect(window.getByTestId('review-input')).toContainText('sleep 6; echo review-after⏎');

  // Find within the output.
  await window.getByTestId('review-find').fill('review-first-6');
  await window.getByTestId('review-find').press('Enter');
  await expect(window.getByTestId('review-find-count')).toHaveText('1 match');

  const [cast] = await Promise.all([app.waitForEvent('download'), player.getByTestId('review-export-cast').click()]);
  const castText = readFileSync((await cast.path())!, 'utf8');
  const [castHeader, ...castEvents] = castText.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
  expect(castHeader).toMatchObject({ version: 2, title: expect.stringMatching(/@web-01$/) });
  expect(castEvents.some((e) => Array.isArray(e) && e[1] === 'o' && String(e[2]).includes('review-needle-42'))).toBe(true);
  expect(cast.suggestedFilename()).toMatch(/@web-01-\d{8}-\d{6}\.cast$/);

  const [bundle] = await Promise.all([app.waitForEvent('download'), player.getByTestId('review-export-bundle').click()]);
  const first = JSON.parse(readFileSync((await bundle.path())!, 'utf8').split('\n')[0]!) as { kind: string; format: string };
  expect(first).toMatchObject({ kind: 'header', format: 'portcullis-evidence-bundle' });
  await expect(player.getByTestId('review-export-result')).toContainText('SHA256:');
  await window.getByTestId('review-tab-sessions').click();
  await app.keyboard.press('Escape');
  await expect(window).toHaveCount(0);
  await signInAs(app, 'lab');
});
