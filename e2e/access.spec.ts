// Access requests end to end in Chromium: the real renderer, browser shell, client main side,
// gateway and sshd hosts of the lab. Alice loses her grant on web-02 (revoked on the gateway
// host), is refused when she reopens it and asks for access from the refused pane; ada (the lab's
// admin profile) sees the badge and approves; alice sees the approval and opens web-02 again; ada
// revokes the grant in the app and alice's live OpenSSH session on web-02 ends, saying why.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { openGatewayAdmin } from '../gateway/src';
import { loadOrCreateHostKey } from '../gateway/src/ssh/host-key';
import { connectClient } from '../gateway/src/testing';
import { test as base, expect, mainSide, openHost, startLab, stopLab, type LabInfo } from './lab-fixture';

const SHOTS = '/tmp/shots-access-ui';
const DOCS = join(import.meta.dirname, '..', 'docs');

const test = base.extend<object, { labWithData: LabInfo & { dataDir: string } }>({
  // The lab, with its data directory: the test acts as the gateway host's root on its database.
  labWithData: [
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-e2e-access-'));
      let child: ChildProcess | undefined;
      try {
        const started = await startLab(dataDir);
        child = started.child;
        await use({ ...started.info, dataDir });
      } finally {
        if (child) await stopLab(child);
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

async function connectAs(page: Page, profileName: string) {
  const profiles = await mainSide<Array<{ id: string; name: string }>>(page, 'profiles.list');
  const profile = profiles.find((p) => p.name === profileName)!;
  await mainSide(page, 'gateway.connect', { profileId: profile.id });
  await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
}

test('an operator asks from a refusal, an admin approves, the operator connects, the admin revokes', async ({ page, labWithData: lab }) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  await page.goto(lab.url);
  await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
  const login = lab.hosts[0]!.login;

  // Alice is on web-02 when her grant there goes (the gateway host's CLI: every host but web-02).
  await openHost(page, 'web-02');
  const admin = openGatewayAdmin(join(lab.dataDir, 'gateway'));
  const all = admin.listGrants({ user: 'alice' });
  const others = lab.hosts.map((h) => h.name).filter((n) => n !== 'web-02');
  admin.addGrant({ user: 'alice', hosts: others.join(','), login, until: Date.now() + 86_400_000 });
  for (const g of all) admin.revokeGrant(g.id);
  admin.close();
  await expect(page.getByTestId('pane-reopen')).toBeVisible({ timeout: 15_000 });

  // Reopening is refused as not permitted: the pane offers to ask for access, pre-filled.
  await page.getByTestId('pane-reopen').click();
  await expect(page.getByTestId('pane-request-access')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('pane-request-access').click();
  const dialog = page.getByTestId('access-request');
  await expect(dialog.getByTestId('access-request-hosts')).toHaveValue('web-02');
  await expect(dialog.getByTestId('access-request-login')).toHaveValue(login);
  await expect(dialog.getByTestId('access-preview')).toContainText('0 of the hosts you see');
  await dialog.getByTestId('access-request-submit').click();
  await expect(dialog.locator('[data-testid="field-error"][data-field="reason"]')).toHaveText('Required');
  await dialog.getByTestId('access-request-duration-4h').check();
  await dialog.getByTestId('access-request-reason').fill('INC-42: restart the storefront cache on web-02');
  await page.screenshot({ path: join(DOCS, 'access-request.png') });
  await dialog.getByTestId('access-request-submit').click();
  const mine = page.getByTestId('access-mine');
  await expect(mine.locator('[data-testid="access-request-row"]').first()).toHaveAttribute('data-state', 'pending');
  await page.screenshot({ path: `${SHOTS}/mine-pending.png` });
  await page.keyboard.press('Escape');

  // Ada (the lab's admin profile) sees the badge, opens the queue and approves.
  await connectAs(page, 'gateway admin (ada)');
  const badge = page.getByTestId('access-pending-badge');
  await expect(badge).toHaveText('1 request to approve');
  await badge.click();
  const approvals = page.getByTestId('access-approvals');
  const row = approvals.locator('[data-testid="access-request-row"][data-state="pending"]');
  await expect(row).toContainText(`alice · ${login}@web-02`);
  await expect(row).toContainText('INC-42');
  await page.screenshot({ path: join(DOCS, 'access-approvals.png') });
  await row.getByTestId('access-approve').click();
  await approvals.getByTestId('access-decide-submit').click();
  await expect(badge).toHaveCount(0);
  await approvals.getByTestId('access-approvals-history').click();
  await expect(approvals.locator('[data-testid="access-request-row"]').first()).toHaveAttribute('data-state', 'approved');
  await page.screenshot({ path: `${SHOTS}/approvals-history.png` });
  await approvals.getByTestId('access-approvals-close').click();

  // Alice sees the approval and opens web-02 again.
  await connectAs(page, 'lab');
  await page.keyboard.press('Control+Shift+Period');
  await expect(mine.locator('[data-testid="access-request-row"]').first()).toHaveAttribute('data-state', 'approved');
  await expect(mine.locator('[data-testid="access-mine-host"][data-host="web-02"] [data-testid="access-countdown"]')).toContainText(/^3 h 5\d min left$/);
  await page.screenshot({ path: `${SHOTS}/mine-approved.png` });
  await page.keyboard.press('Escape');
  await page.getByTestId('pane-reopen').click();
  await expect(page.locator(`[data-testid="tab"]`).first()).toHaveAttribute('data-status', 'live', { timeout: 15_000 });

  // Alice also on web-02 from plain OpenSSH; ada revokes the grant in the app: that session ends, saying why.
  const key = readFileSync(join(lab.dataDir, 'keys', 'alice_ed25519'), 'utf8');
  const hostKey = loadOrCreateHostKey(join(lab.dataDir, 'gateway')).publicKey;
  const ssh = await connectClient({ port: lab.gateway.port, username: `alice:${login}@web-02`, privateKey: key, hostPublicKey: hostKey });
  let said = '';
  await new Promise<void>((resolve, reject) =>
    ssh.exec('sleep 60', (err, ch) => {
      if (err) return reject(err);
      ch.on('data', (d: Buffer) => (said += d.toString())).stderr.on('data', (d: Buffer) => (said += d.toString()));
      resolve();
    }),
  );
  await connectAs(page, 'gateway admin (ada)');
  await page.keyboard.press('Control+Shift+P');
  await page.getByRole('dialog', { name: 'Command palette' }).locator('input').fill('Grants');
  await page.keyboard.press('Enter');
  const grants = page.getByTestId('access-grants');
  await grants.getByTestId('access-grants-user').fill('alice');
  await grants.getByTestId('access-grants-host').fill('web-02');
  const grant = grants.getByTestId('access-grant');
  await expect(grant).toHaveCount(1);
  await grant.getByTestId('access-grant-revoke').click();
  const confirm = grants.getByTestId('access-grant-revoke-confirm');
  await expect(confirm).toContainText('their live sessions on it end at once');
  await expect(confirm.getByTestId('access-grant-revoke-cancel')).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/revoke-confirm.png` });
  await confirm.getByTestId('access-grant-revoke-submit').click();
  await expect(grant).toHaveCount(0);
  await expect.poll(() => said, { timeout: 15_000 }).toMatch(/grant revoked/);
  ssh.end();
});
