// A gateway user with a TOTP second factor signs in from the app: the admin adds the user and
// turns TOTP on with the real CLI (as docs/GATEWAY.md says), the dialog shows the gateway's
// question, Esc cancels plainly, a wrong code is refused plainly, the right code logs in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';
import { expect, mainSide, shot, startLab, stopLab, test } from './lab-fixture';
import { GATEWAY_BIN } from '../lab/gateway-bin';

const CLI = GATEWAY_BIN;

test('a TOTP user: the code dialog appears, Esc cancels, a wrong code is refused, the right one logs in', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-e2e-2fa-'));
  const { info, child } = await startLab(dir);
  try {
    // The admin's side: a user with a key, TOTP on, a grant (the gateway serving meanwhile sees it in its database).
    const key = generateEd25519KeyPair({ comment: 'tom@e2e' });
    writeFileSync(join(dir, 'tom.pub'), key.public);
    writeFileSync(join(dir, 'tom_ed25519'), key.private, { mode: 0o600 });
    const gateway = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args, '--data', join(dir, 'gateway')], { encoding: 'utf8' });
    gateway('user', 'add', 'tom', '--role', 'operator', '--key', join(dir, 'tom.pub'));
    const secret = /secret: ([A-Z2-7]+)/.exec(gateway('user', 'totp', 'enable', 'tom'))![1]!;
    gateway('grant', 'add', '--user', 'tom', '--hosts', '*', '--login', info.hosts[0]!.login, '--for', '1h');
    const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

    // The user's side: a profile for the same gateway (its host key is trusted already), then Connect.
    await page.goto(info.url);
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
    await mainSide(page, 'profiles.save', {
      profile: { name: 'lab as tom', host: info.gateway.host, port: info.gateway.port, user: 'tom', auth: { kind: 'key', keyFile: join(dir, 'tom_ed25519') }, rememberPassphrase: false },
    });
    const connectAsTom = async () => {
      await page.getByTestId('open-profiles').click();
      await page.locator('[data-testid="profile-row"]', { hasText: 'lab as tom' }).getByTestId('profile-connect').click();
    };

    await connectAsTom();
    const dialog = page.getByTestId('gateway-prompt');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Sign in to lab as tom');
    await expect(dialog).toContainText(`${info.gateway.host}:${info.gateway.port}`);
    await expect(page.getByTestId('gateway-prompt-instructions')).toHaveText('Enter the code from your authenticator app.');
    await expect(dialog).toContainText('Verification code:');
    const input = page.getByTestId('gateway-prompt-input');
    await expect(input).toBeFocused();
    await expect(input).toHaveAttribute('type', 'password'); // the gateway asked with echo off
    await expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connecting');
    // The lab user's hosts are not shown as if they were tom's.
    await expect(page.locator('[data-testid="host-row"]')).toHaveCount(0);

    // Esc: the attempt ends with a plain reason, and nothing hangs.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'disconnected');
    await expect(page.getByTestId('gateway-status')).toContainText('sign-in to gateway "lab as tom" cancelled');

    // A wrong code: refused, said so.
    await connectAsTom();
    await expect(dialog).toBeVisible();
    await page.keyboard.type(totp.generate({ timestamp: Date.now() + 10 * 60_000 }));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('gateway-status')).toContainText('gateway "lab as tom" refused the code', { timeout: 20_000 });
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'disconnected');

    // Connect again, the right code, Enter: signed in, and the host tree shows.
    await connectAsTom();
    await expect(dialog).toBeVisible();
    await page.keyboard.type(totp.generate());
    await shot(page, 'gateway-totp-prompt');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
    await expect(page.getByTestId('gateway-status')).toContainText('tom');
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('[data-testid="host-row"][data-host="web-01"]').first()).toBeVisible();
  } finally {
    await stopLab(child);
    rmSync(dir, { recursive: true, force: true });
  }
});
