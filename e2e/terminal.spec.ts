// The terminal pane's safety nets as a user meets them: a link printed by a remote host opens only
// after the user confirms, and a lost WebGL context leaves a working pane drawn by the DOM renderer.
import { cellCentre, expect, openHost, paneOf, rowOf, shot, terminals, test, typeLine, waitForText } from './lab-fixture';

test('a link from the remote host opens only after the user confirms, and only http(s)', async ({ app }) => {
  const id = await openHost(app, 'web-01');
  // A page the browser can reach without leaving loopback; the route answers it.
  const url = 'http://127.0.0.1:9/portcullis-link-check';
  await app.context().route(url, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'opened' }));
  await typeLine(app, `clear; printf '%s\\n' '${url}' 'file:///etc/passwd'`);
  await waitForText(app, id, /^file:\/\/\/etc\/passwd$/m);

  // A file: URL is not a link: clicking it shows no dialog.
  const fileRow = await rowOf(app, id, /^file:/);
  const fileCell = await cellCentre(app, id, 3, fileRow);
  await app.mouse.move(fileCell.x, fileCell.y);
  await app.mouse.click(fileCell.x, fileCell.y);
  await expect(app.getByTestId('link-dialog')).toHaveCount(0);

  const row = await rowOf(app, id, /^http:/);
  expect(row).toBeGreaterThanOrEqual(0);
  const cell = await cellCentre(app, id, 5, row);
  await app.mouse.move(cell.x, cell.y);
  await app.mouse.click(cell.x, cell.y);
  const dialog = app.getByTestId('link-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(url);
  await expect(dialog).toContainText('127.0.0.1:9');
  // Cancel has the focus: Enter does not open the page.
  await expect(app.getByTestId('link-cancel')).toBeFocused();
  await shot(app, 'link-confirm');
  await app.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  expect(app.context().pages()).toHaveLength(1);

  // A second click on the same link, the pointer not moved since: it asks again (xterm finds
  // links on mousemove only; the terminal tells it where the pointer is once the dialog is gone).
  await app.mouse.click(cell.x, cell.y);
  await expect(dialog).toBeVisible();
  const [popup] = await Promise.all([app.waitForEvent('popup'), app.getByTestId('link-open').click()]);
  await expect.poll(() => popup.url()).toBe(url);
  await popup.close();
  await expect(dialog).toHaveCount(0);
});

test('a lost WebGL context falls back to the DOM renderer: the pane keeps its text and keeps working', async ({ app }) => {
  const id = await openHost(app, 'web-02');
  await typeLine(app, 'echo before-$((3*5))');
  await waitForText(app, id, /^before-15$/m);
  const renderer = async () => (await terminals(app)).find((t) => t.terminalId === id)!.renderer;
  // Debian's Chromium gives a (software) WebGL context even headless with --disable-gpu.
  expect(await renderer()).toBe('webgl');

  // What a GPU reset does to the page: the context goes away under the addon.
  const lost = await paneOf(app, id).evaluate((pane) => {
    for (const canvas of Array.from(pane.querySelectorAll('canvas'))) {
      const gl = (canvas as HTMLCanvasElement).getContext('webgl2');
      const ext = gl?.getExtension('WEBGL_lose_context');
      if (ext) {
        ext.loseContext();
        return true;
      }
    }
    return false;
  });
  expect(lost).toBe(true);
  await expect.poll(renderer).toBe('dom');
  // The DOM renderer draws rows as elements: the text is on the page again, not a blank canvas.
  await expect(paneOf(app, id).locator('.xterm-rows')).toContainText('before-15');
  await typeLine(app, 'echo after-$((4*5))');
  await waitForText(app, id, /^after-20$/m);
  await expect(paneOf(app, id).locator('.xterm-rows')).toContainText('after-20');
  await shot(app, 'webgl-lost-dom-fallback');
});
