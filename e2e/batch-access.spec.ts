// A batch job's not-permitted hosts, end to end in Chromium (the lab's real renderer, main side,
// gateway and sshd hosts): alice loses web-02 (the gateway host's CLI), the run dialog's preview
// says so and asks for access in one click, pre-filled with exactly that host and the job's login;
// ada approves through the gateway API and the open dialog's preview counts web-02 as permitted.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openGatewayAdmin } from '../gateway/src';
import { loadOrCreateHostKey } from '../gateway/src/ssh/host-key';
import { openApiClient } from '../gateway/src/testing';
import { expect, test } from './lab-fixture';

const SHOTS = '/tmp/shots-batch-ui';
const DAY = 86_400_000;

test('asks access for the not-permitted hosts from the run dialog; an approval updates its preview', async ({ app, lab }) => {
  test.setTimeout(90_000);
  mkdirSync(SHOTS, { recursive: true });
  const login = lab.hosts[0]!.login;
  const gatewayDir = join(lab.dataDir, 'gateway');
  const admin = openGatewayAdmin(gatewayDir);
  // Every host but web-02; the lab's grant on * goes (given back at the end: other tests share this lab).
  const before = admin.listGrants({ user: 'alice' });
  admin.addGrant({ user: 'alice', hosts: lab.hosts.map((h) => h.name).filter((n) => n !== 'web-02').join(','), login, until: Date.now() + DAY });
  for (const g of before) admin.revokeGrant(g.id);
  admin.close();
  const ada = await openApiClient({
    port: lab.gateway.port,
    username: 'ada',
    privateKey: readFileSync(join(lab.dataDir, 'keys', 'ada_ed25519'), 'utf8'),
    hostPublicKey: loadOrCreateHostKey(gatewayDir).publicKey,
  });
  try {
    await app.keyboard.press('Control+Shift+J');
    const dialog = app.getByTestId('batch-run');
    await dialog.getByTestId('batch-selector').fill('web-01,web-02,api-01');
    await dialog.getByTestId('batch-login').fill(login);
    await dialog.getByTestId('batch-command').fill('hostname');
    await dialog.getByTestId('batch-preview').click();
    await expect(dialog.getByTestId('batch-preview-count')).toHaveText('2 hosts will run');
    await expect(dialog.getByTestId('batch-preview-denied')).toContainText('1 host is not permitted and will not run: web-02 (no grant)');
    await app.screenshot({ path: `${SHOTS}/run-not-permitted.png` });

    // One click: the request dialog, with exactly the not-permitted host and the job's login.
    await dialog.getByTestId('batch-request-access').click();
    const request = app.getByTestId('access-request');
    await expect(request.getByTestId('access-request-hosts')).toHaveValue('web-02');
    await expect(request.getByTestId('access-request-login')).toHaveValue(login);
    await request.getByTestId('access-request-reason').fill('CHG-7: hostname on the web tier');
    await request.getByTestId('access-request-submit').click();

    // Back in the run dialog, as it was left, waiting for the approval.
    await expect(dialog.getByTestId('batch-selector')).toHaveValue('web-01,web-02,api-01');
    await expect(dialog.getByTestId('batch-command')).toHaveValue('hostname');
    await expect(dialog.getByTestId('batch-access-asked')).toHaveText('Access asked for 1 of them: it will count as permitted here once approved.');
    await expect(dialog.getByTestId('batch-preview-count')).toHaveText('2 hosts will run');
    await app.screenshot({ path: `${SHOTS}/run-access-asked.png` });

    // Ada approves through the API; the open dialog's preview follows without being reopened.
    const pending = await ada.call<Array<{ id: number; requester: string; hosts: string }>>('access.requests.list', { state: 'pending' });
    const asked = pending.find((r) => r.requester === 'alice' && r.hosts === 'web-02');
    expect(asked, JSON.stringify(pending)).toBeDefined();
    await ada.call('access.requests.approve', { id: asked!.id });
    await expect(dialog.getByTestId('batch-preview-count')).toHaveText('3 hosts will run', { timeout: 15_000 });
    await expect(dialog.getByTestId('batch-preview-denied')).toHaveCount(0);
    await expect(dialog.getByTestId('batch-access-asked')).toHaveCount(0);
    await expect(dialog.getByTestId('batch-preview-result')).toContainText(`${login}@web-02`);
    await app.screenshot({ path: `${SHOTS}/run-access-approved.png` });

    await dialog.getByTestId('batch-run-submit').click();
    await expect(app.getByTestId('batch-confirm-count')).toHaveText('Run “hostname” on 3 hosts?');
    await app.getByTestId('batch-confirm-cancel').click();
    await dialog.getByTestId('batch-run-cancel').click();
  } finally {
    ada.close();
    const restore = openGatewayAdmin(gatewayDir);
    restore.addGrant({ user: 'alice', hosts: '*', login, until: Date.now() + 30 * DAY });
    restore.close();
  }
});
