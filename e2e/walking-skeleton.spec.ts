// Issue 2's path end to end: real renderer in Chromium → browser shell → client main side →
// gateway → real sshd, and back.
import { LAB_HOSTS } from '../lab/topology';
import { expect, openHost, processAlive, terminals, test, typeLine, waitForText } from './lab-fixture';

test('lists the hosts the gateway returns', async ({ app }) => {
  for (const host of LAB_HOSTS) {
    await expect(app.locator(`[data-testid="host-row"][data-host="${host.name}"]`).first()).toBeVisible();
  }
  await app.screenshot({ path: 'test-results/screenshots/hosts.png' });
});

test('a terminal runs commands on the target, follows the pane size, and closing it ends the upstream session', async ({ app }) => {
  const id = await openHost(app, 'web-01');

  await typeLine(app, 'echo $((6*7))');
  await waitForText(app, id, /^42$/m);

  await typeLine(app, 'echo "PID=$$"');
  const withPid = await waitForText(app, id, /^PID=\d+$/m);
  const shellPid = Number(/^PID=(\d+)$/m.exec(withPid.text)![1]);
  expect(processAlive(shellPid)).toBe(true);

  // Resize the window: the pane refits and the target's pty follows.
  await app.setViewportSize({ width: 900, height: 560 });
  await typeLine(app, 'clear; stty size');
  let size = { cols: 0, rows: 0 };
  await expect
    .poll(async () => {
      const t = (await terminals(app)).find((x) => x.terminalId === id)!;
      size = { cols: t.cols, rows: t.rows };
      return new RegExp(`^${t.rows} ${t.cols}$`, 'm').test(t.text);
    })
    .toBe(true);
  expect(size.cols).toBeLessThan(120); // the pane really got smaller than at 1280 px
  await app.screenshot({ path: 'test-results/screenshots/terminal.png' });

  await app.locator(`[data-testid="tab"][data-terminal-id="${id}"] [data-testid="tab-close"]`).click();
  await expect(app.locator(`[data-testid="tab"][data-terminal-id="${id}"]`)).toHaveCount(0);
  await expect.poll(() => processAlive(shellPid), { timeout: 10_000 }).toBe(false);
});
