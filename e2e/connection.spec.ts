// The gateway connection as a user lives it: first-use trust (TOFU), a changed host key, a dropped
// connection, and a restart that brings the layout back. Each test starts its own lab (its own
// client data) because each is about the client's state.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import ssh2 from 'ssh2';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';
import { expect, mainSide, nextTerminal, openHost, paneOf, shot, startLab, stopLab, terminals, test, typeLine, waitForText } from './lab-fixture';

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'portcullis-e2e-conn-'));
}

/** An SSH server that only shows a host key (any login fails): enough to stand in for a gateway at the key check. */
async function keyOnlyServer(port = 0): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new ssh2.Server({ hostKeys: [generateEd25519KeyPair().private] }, (client) => {
    client.on('authentication', (ctx) => ctx.reject());
    client.on('error', () => {});
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : port, close: () => new Promise((ok) => server.close(() => ok())) };
}

async function gatewayState(page: Page) {
  return mainSide<{ status: string; profileId?: string; error?: string; hostKey?: { status: string; fingerprint: string } }>(page, 'gateway.state');
}

test('first connection: the fingerprint is shown, Enter does not trust, "Trust and connect" does', async ({ page }) => {
  const dir = tempDir();
  const { info, child } = await startLab(dir, ['--no-trust']);
  try {
    await page.goto(info.url);
    const dialog = page.getByTestId('hostkey-trust');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('hostkey-fingerprint')).toHaveText(FINGERPRINT);
    expect((await gatewayState(page)).hostKey?.fingerprint).toBe(await page.getByTestId('hostkey-fingerprint').textContent());
    await expect(page.getByTestId('hostkey-cancel')).toBeFocused();
    await shot(page, 'tofu');

    // Enter lands on Cancel: nothing is trusted, no connection.
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    expect((await gatewayState(page)).status).not.toBe('connected');

    // Connect again from the profiles; this time trust it.
    await page.getByTestId('open-profiles').click();
    await page.locator('[data-testid="profile-row"][data-profile="lab"]').getByTestId('profile-connect').click();
    await page.getByTestId('hostkey-trust-button').click();
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
    await expect(page.locator('[data-testid="host-row"][data-host="web-01"]').first()).toBeVisible();
    const profiles = await mainSide<Array<{ name: string; trustedHostKey?: string }>>(page, 'profiles.list');
    expect(profiles.find((p) => p.name === 'lab')?.trustedHostKey).toMatch(FINGERPRINT);
  } finally {
    await stopLab(child);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a changed gateway host key is a hard stop, with both fingerprints and no way to continue', async ({ page }) => {
  const dir = tempDir();
  const { info, child } = await startLab(dir);
  let impostor = await keyOnlyServer();
  try {
    await page.goto(info.url);
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
    // A profile for a "gateway" at the impostor's address (the lab user's key); trust its first key.
    const lab = (await mainSide<Array<{ name: string; auth: { kind: string; keyFile?: string } }>>(page, 'profiles.list')).find((p) => p.name === 'lab')!;
    const profile = await mainSide<{ id: string }>(page, 'profiles.save', {
      profile: { name: 'moved-gw', host: '127.0.0.1', port: impostor.port, user: 'alice', auth: lab.auth, rememberPassphrase: false },
    });
    const first = await mainSide<{ hostKey?: { status: string; fingerprint: string } }>(page, 'gateway.connect', { profileId: profile.id });
    expect(first.hostKey?.status).toBe('unknown');
    await page.getByTestId('hostkey-trust-button').click();
    // Trusting connects again (the impostor refuses the login): let that attempt finish first, or
    // it could meet the restarted impostor below.
    await expect
      .poll(async () => {
        const state = await gatewayState(page);
        return state.status === 'disconnected' && !state.hostKey && !!state.error;
      }, { timeout: 20_000 })
      .toBe(true);
    // Same address, another key: what a man-in-the-middle (or a re-installed gateway) looks like.
    await impostor.close();
    impostor = await keyOnlyServer(impostor.port);
    await page.getByTestId('open-profiles').click();
    await page.locator('[data-testid="profile-row"]', { hasText: 'moved-gw' }).getByTestId('profile-connect').click();

    const dialog = page.getByTestId('hostkey-changed');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('man-in-the-middle');
    await expect(page.getByTestId('hostkey-expected')).toHaveText(FINGERPRINT);
    await expect(page.getByTestId('hostkey-presented')).toHaveText(FINGERPRINT);
    expect(await page.getByTestId('hostkey-expected').textContent()).not.toBe(await page.getByTestId('hostkey-presented').textContent());
    // The only button closes; nothing there trusts or continues.
    await expect(dialog.getByRole('button')).toHaveCount(1);
    await expect(dialog.getByRole('button')).toHaveText('Close');
    await shot(page, 'hostkey-changed');
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    expect((await gatewayState(page)).status).not.toBe('connected');
  } finally {
    await impostor.close();
    await stopLab(child);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a dropped gateway connection: tabs show it, R reconnects and re-opens them', async ({ page }) => {
  const dir = tempDir();
  const { info, child } = await startLab(dir);
  try {
    await page.goto(info.url);
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
    const before = await openHost(page, 'web-01');
    // Cut the client's TCP connection to the gateway under it (like a network drop).
    execFileSync('ss', ['-K', 'dst', `${info.gateway.host}`, 'dport', '=', `${info.gateway.port}`]);
    await expect(page.getByTestId('lost-banner')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('lost-banner')).toContainText('press R to reconnect');
    await expect(page.locator('[data-testid="pane"]').first()).toHaveAttribute('data-status', 'lost');
    await shot(page, 'connection-lost');

    await page.keyboard.press('r');
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
    await expect(page.getByTestId('lost-banner')).toHaveCount(0);
    const after = await nextTerminal(page, before);
    await paneOf(page, after).locator('.pane-body').click();
    await typeLine(page, 'echo back-$((1+1))');
    await waitForText(page, after, /^back-2$/m);
  } finally {
    await stopLab(child);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('after a restart the layout comes back as placeholders, opened only on demand', async ({ page }) => {
  const dir = tempDir();
  const clientDir = join(dir, 'kept-client');
  let lab = await startLab(dir, ['--client-data', clientDir]);
  try {
    await page.goto(lab.info.url);
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
    await openHost(page, 'web-01');
    await page.locator('[data-testid="host-row"][data-host="db-01"]').first().click({ button: 'right' });
    await page.getByTestId('context-menu').getByText('in a split below').click();
    await expect(page.locator('[data-testid="pane"][data-status="live"]')).toHaveCount(2);
    await openHost(page, 'cache-01'); // a second tab
    await expect
      .poll(async () => JSON.stringify(await mainSide(page, 'layout.get')), { timeout: 5_000 })
      .toMatch(/cache-01/);

    await stopLab(lab.child);
    lab = await startLab(dir, ['--client-data', clientDir]);
    await page.goto(lab.info.url);
    await expect(page.locator('[data-testid="tab"]')).toHaveCount(2);
    // The active tab (cache-01) is a placeholder: nothing reconnected by itself.
    await expect(page.locator('[data-testid="pane"][data-host="cache-01"]')).toHaveAttribute('data-status', 'placeholder');
    await expect(page.getByTestId('pane-placeholder').first()).toContainText('press Enter to reconnect');
    expect((await terminals(page)).length).toBe(0);
    await page.locator('[data-testid="tab"]').first().click();
    await expect(page.locator('[data-testid="tab-panel"]:visible [data-testid="pane"]')).toHaveCount(2);
    await expect(page.locator('[data-testid="pane"][data-host="web-01"]')).toHaveAttribute('data-status', 'placeholder');
    await expect(page.locator('[data-testid="pane"][data-host="db-01"]')).toHaveAttribute('data-status', 'placeholder');
    await shot(page, 'layout-restored');

    // Enter on the focused placeholder opens that one, and only that one.
    await page.locator('[data-testid="pane"][data-host="web-01"] .placeholder-button').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid="pane"][data-host="web-01"]')).toHaveAttribute('data-status', 'live');
    await expect(page.locator('[data-testid="pane"][data-host="db-01"]')).toHaveAttribute('data-status', 'placeholder');
    const [t] = await terminals(page);
    await typeLine(page, 'echo restored');
    await waitForText(page, t!.terminalId, /^restored$/m);
  } finally {
    await stopLab(lab.child);
    rmSync(dir, { recursive: true, force: true });
  }
});
