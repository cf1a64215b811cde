// The workspace as a user meets it: the tree and its filter, split panes, a flood and Ctrl+C.
// Real renderer in Chromium → browser shell → client main side → gateway → real sshd.
import { expect, mainSide, nextTerminal, openHost, paneOf, shot, terminals, test, typeLine, waitForPrompt, waitForText } from './lab-fixture';

test('filters the tree by tag and free text, highlighting the matches', async ({ app }) => {
  const filter = app.getByTestId('host-filter');
  await filter.fill('role=web');
  await expect(app.locator('[data-testid="host-row"]')).toHaveCount(2);
  await expect(app.locator('[data-testid="host-row"][data-host="web-01"]')).toBeVisible();
  await expect(app.locator('[data-testid="host-row"][data-host="web-02"]')).toBeVisible();
  await expect(app.locator('[data-testid="host-row"] mark.hl').first()).toHaveText('web');

  // Terms are ANDed: a tag and a word.
  await filter.fill('service=minos db');
  await expect(app.locator('[data-testid="host-row"]')).toHaveCount(1);
  await expect(app.locator('[data-testid="host-row"]')).toHaveAttribute('data-host', 'db-01');
  await expect(app.getByTestId('host-count')).toHaveText('1 / 6');

  // api-01 sits in two nodes: it shows twice.
  await filter.fill('api-01');
  await expect(app.locator('[data-testid="host-row"][data-host="api-01"]')).toHaveCount(2);

  // Keyboard: the filter, arrows into the tree, the detail follows; Esc clears.
  await filter.fill('env=lab service=storefront web-02');
  await filter.press('ArrowDown');
  await expect(app.getByTestId('host-detail')).toContainText('web-02');
  await expect(app.getByTestId('access-until')).toContainText(/ends in|no end date/);
  await shot(app, 'tree-filter');
  await filter.focus();
  await filter.press('Escape');
  await expect(filter).toHaveValue('');
  await app.locator('body').press('/');
  await expect(filter).toBeFocused();
});

test('two hosts side by side: each pane takes its own typing', async ({ app }) => {
  const left = await openHost(app, 'web-01');
  // The second host opens in a split to the right, from the context menu.
  await app.locator('[data-testid="host-row"][data-host="web-02"]').first().click({ button: 'right' });
  await app.getByTestId('context-menu').getByText('in a split to the right').click();
  const right = await nextTerminal(app, left);
  await expect(app.locator('[data-testid="pane"]')).toHaveCount(2);
  await expect(paneOf(app, right)).toHaveAttribute('data-focused', 'true');

  await typeLine(app, 'echo right-$((40+2))');
  await waitForText(app, right, /^right-42$/m);
  await paneOf(app, left).locator('.pane-body').click();
  await expect(paneOf(app, left)).toHaveAttribute('data-focused', 'true');
  await typeLine(app, 'echo left-$((20+1)) $(hostname)');
  await waitForText(app, left, /^left-21 /m);
  expect((await terminals(app)).find((t) => t.terminalId === right)!.text).not.toMatch(/left-21/);

  // Alt+→ moves the focus back; Ctrl+Shift+← swaps the panes.
  await app.keyboard.press('Alt+ArrowRight');
  await expect(paneOf(app, right)).toHaveAttribute('data-focused', 'true');
  await app.keyboard.press('Control+Shift+ArrowLeft');
  const order = await app.locator('[data-testid="terminal-pane"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-terminal-id')));
  expect(order).toEqual([right, left]);
  await shot(app, 'split');

  // Ctrl+Shift+E splits the focused pane down with the same host.
  await app.keyboard.press('Control+Shift+E');
  await expect(app.locator('[data-testid="pane"]')).toHaveCount(3);
  await expect(app.locator('[data-testid="pane"][data-status="live"]')).toHaveCount(3);

  // The command palette lists the actions with their shortcuts.
  await app.keyboard.press('Control+Shift+P');
  const palette = app.getByTestId('command-palette');
  await expect(palette.locator('[data-action="pane.splitRight"]')).toContainText('Ctrl+Shift+D');
  await palette.getByLabel('Search actions').fill('close pane');
  await shot(app, 'palette');
  await app.keyboard.press('Enter');
  await expect(app.locator('[data-testid="pane"]')).toHaveCount(2);

  // Closing the last tab keeps the gateway connected.
  await app.keyboard.press('Control+Shift+W');
  await expect(app.locator('[data-testid="tab"]')).toHaveCount(0);
  await expect(app.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
});

test('a yes flood, then Ctrl+C: back at a prompt, and the pane still answers', async ({ app }) => {
  // No wall-clock bound here (CI machines are loaded; `npm run bench -- flood` measures the time):
  // the test proves the shell gets the Ctrl+C through the flood, the flood's output drains, the
  // prompt comes back at the cursor and the next command runs. The timeouts only catch a hang.
  test.setTimeout(120_000);
  const prompt = 'PC-FLOOD> ';
  const id = await openHost(app, 'web-01');
  await typeLine(app, `PS1='PC-''FLOOD> '`); // quoted so that the echoed command line is not the prompt
  await waitForPrompt(app, id, prompt);
  await typeLine(app, 'yes portcullis-flood');
  await waitForText(app, id, /portcullis-flood\nportcullis-flood\nportcullis-flood/);
  // The UI stays responsive under the flood: the palette opens and closes.
  await app.keyboard.press('Control+Shift+P');
  await expect(app.getByTestId('command-palette')).toBeVisible();
  await app.keyboard.press('Escape');
  await paneOf(app, id).locator('.pane-body').click();
  const started = Date.now();
  await app.keyboard.press('Control+C');
  await waitForPrompt(app, id, prompt, 60_000);
  console.log(`Ctrl+C during a yes flood → prompt in ${Date.now() - started} ms`);
  await typeLine(app, 'echo o""k');
  await waitForText(app, id, /^ok$/m, 30_000);
  await waitForPrompt(app, id, prompt); // and the shell is ready for the next one
  await shot(app, 'after-flood');
  expect((await mainSide<{ status: string }>(app, 'gateway.state')).status).toBe('connected');
});
