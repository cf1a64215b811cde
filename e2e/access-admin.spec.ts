// The access workflows access.spec.ts leaves out, driven in Chromium against the shared lab as a
// user would. Alice (lab) cancels one request and sends two more; ada (the lab's admin) denies one
// with a reason, approves the other for fewer hosts and a shorter window, creates a grant, moves
// its end and filters by "ending within N hours"; alice then reads each outcome in My access.
// Second test: an approval made elsewhere reaches alice as a notice whose Open opens the host; My
// access counts the grant's last seconds down, and the app's pane is cut when the grant ends.
// The lab is shared: what a test grants goes again and alice's own grants come back, in `finally`.
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { openGatewayAdmin } from '../gateway/src';
import { expect, mainSide, openLabApiAs, paneOf, signInAs, terminals, test, waitForText, type WorkerLab } from './lab-fixture';

const MINUTE = 60_000;

/** Runs a command palette action by its title, as a user would. */
async function palette(app: Page, title: string) {
  await app.keyboard.press('Control+Shift+P');
  await app.getByRole('dialog', { name: 'Command palette' }).locator('input').fill(title);
  await app.keyboard.press('Enter');
}

/** Fills and sends the open "Request access" dialog. */
async function sendRequest(app: Page, ask: { hosts: string; login: string; duration: '1h' | '4h' | '1d'; reason: string }) {
  const dialog = app.getByTestId('access-request');
  await dialog.getByTestId('access-request-hosts').fill(ask.hosts);
  await dialog.getByTestId('access-request-login').fill(ask.login);
  await dialog.getByTestId(`access-request-duration-${ask.duration}`).check();
  await dialog.getByTestId('access-request-reason').fill(ask.reason);
  await dialog.getByTestId('access-request-submit').click();
  await expect(dialog).toHaveCount(0);
}

const requestRow = (list: Locator, tag: string) => list.locator('[data-testid="access-request-row"]', { hasText: tag });

/** The gateway host's root on its database: alice's grants as they stand. */
function grantsOfAlice(lab: WorkerLab) {
  const admin = openGatewayAdmin(join(lab.dataDir, 'gateway'));
  try {
    return admin.listGrants({ user: 'alice' });
  } finally {
    admin.close();
  }
}

/**
 * Puts alice's grants back as `before` held them: the grants made since go, and those of `before`
 * that were revoked come back with the same hosts, login and window.
 */
function restoreGrantsOfAlice(lab: WorkerLab, before: ReturnType<typeof grantsOfAlice>) {
  const admin = openGatewayAdmin(join(lab.dataDir, 'gateway'));
  try {
    const now = admin.listGrants({ user: 'alice' });
    for (const g of now) if (!before.some((b) => b.id === g.id)) admin.revokeGrant(g.id);
    for (const g of before) {
      if (g.subject.kind !== 'user' || now.some((n) => n.id === g.id)) continue;
      admin.addGrant({ user: 'alice', hosts: g.hosts, login: g.login, ...(g.notBefore !== null && { from: g.notBefore }), ...(g.notAfter !== null && { until: g.notAfter }) });
    }
  } finally {
    admin.close();
  }
}

test('alice cancels a request, is denied with a reason and approved narrower; ada creates a grant, moves its end, filters by its end', async ({ app, lab }) => {
  test.setTimeout(90_000);
  const login = lab.hosts[0]!.login;
  const before = grantsOfAlice(lab);
  const newGrant = (hosts: string) => grantsOfAlice(lab).find((g) => g.hosts === hosts && !before.some((b) => b.id === g.id));
  try {
    // Alice asks, thinks better of it and cancels; then asks twice more.
    await palette(app, 'Request access');
    await sendRequest(app, { hosts: 'db-01', login, duration: '1h', reason: 'E2E-CANCEL: a look at the replica lag' });
    const mine = app.getByTestId('access-mine');
    const cancelled = requestRow(mine, 'E2E-CANCEL');
    await expect(cancelled).toHaveAttribute('data-state', 'pending');
    await cancelled.getByTestId('access-request-cancel').click();
    await expect(cancelled).toHaveAttribute('data-state', 'cancelled');
    await expect(cancelled.getByTestId('access-request-state')).toHaveText('cancelled');
    await expect(cancelled.getByTestId('access-request-cancel')).toHaveCount(0);
    await mine.getByTestId('access-mine-request').click();
    await sendRequest(app, { hosts: 'web-01,web-02', login, duration: '4h', reason: 'E2E-NARROW: roll the storefront config' });
    await mine.getByTestId('access-mine-request').click();
    await sendRequest(app, { hosts: 'db-01', login, duration: '1h', reason: 'E2E-DENY: vacuum the orders table' });
    await expect(requestRow(mine, 'E2E-DENY')).toHaveAttribute('data-state', 'pending');
    await app.keyboard.press('Escape');

    // Ada denies one with a reason (none is refused first) and approves the other for web-02 only, for 30 minutes.
    await signInAs(app, 'gateway admin (ada)');
    await app.getByTestId('access-pending-badge').click();
    const approvals = app.getByTestId('access-approvals');
    await requestRow(approvals, 'E2E-DENY').getByTestId('access-deny').click();
    const deny = approvals.getByTestId('access-decide-deny');
    await expect(deny).toContainText(`Deny alice: ${login}@db-01`);
    await deny.getByTestId('access-decide-submit').click();
    await expect(deny.getByTestId('access-decide-problem')).toHaveText('Say why: the requester reads it.');
    await deny.getByTestId('access-decide-reason').fill('Use the read replica: the primary is frozen this week');
    await deny.getByTestId('access-decide-reason').press('Enter');
    await expect(deny).toHaveCount(0);
    await expect(requestRow(approvals, 'E2E-DENY')).toHaveCount(0);

    await requestRow(approvals, 'E2E-NARROW').getByTestId('access-approve').click();
    const approve = approvals.getByTestId('access-decide-approve');
    await approve.getByTestId('access-decide-hosts').fill('web-02');
    await expect(approve.getByTestId('access-preview')).toHaveText('1 host: web-02');
    await approve.getByTestId('access-decide-duration').fill('30m');
    await approve.getByTestId('access-decide-duration').press('Enter');
    await expect(approve).toHaveCount(0);
    await expect(app.getByTestId('access-pending-badge')).toHaveCount(0);
    await approvals.getByTestId('access-approvals-history').click();
    await expect(requestRow(approvals, 'E2E-DENY').getByTestId('access-request-state')).toHaveText('denied by ada: Use the read replica: the primary is frozen this week');
    await expect(requestRow(approvals, 'E2E-NARROW')).toHaveAttribute('data-state', 'approved');
    await approvals.getByTestId('access-approvals-close').click();

    // The gateway holds a grant on web-02 alone, ending in 30 minutes; the grants list shows it.
    const approved = newGrant('web-02');
    expect(approved, JSON.stringify(grantsOfAlice(lab))).toBeDefined();
    expect(approved!.notAfter! - Date.now()).toBeGreaterThan(25 * MINUTE);
    expect(approved!.notAfter! - Date.now()).toBeLessThanOrEqual(30 * MINUTE);
    await palette(app, 'Grants');
    const grants = app.getByTestId('access-grants');
    await grants.getByTestId('access-grants-user').fill('alice');
    const approvedRow = grants.locator(`[data-testid="access-grant"][data-id="${approved!.id}"]`);
    await expect(approvedRow).toContainText('web-02 (1 host)');
    await expect(approvedRow).toContainText(/(29|30) min left/);

    // New grant…: to alice on cache-01 for 3 hours (the hosts previewed before saving).
    await grants.getByTestId('access-grant-new').click();
    const create = grants.getByTestId('access-grant-create');
    await create.getByTestId('access-grant-name').fill('alice');
    await create.getByTestId('access-grant-hosts').fill('cache-01');
    await expect(create.getByTestId('access-preview')).toHaveText('1 host: cache-01');
    await create.getByTestId('access-grant-login').fill(login);
    await create.getByTestId('access-grant-duration').fill('3h');
    await create.getByTestId('access-grant-create-submit').click();
    await expect(create).toHaveCount(0);
    const created = newGrant('cache-01');
    expect(created, JSON.stringify(grantsOfAlice(lab))).toBeDefined();
    const createdRow = grants.locator(`[data-testid="access-grant"][data-id="${created!.id}"]`);
    await expect(createdRow).toContainText(/(2 h 59|3 h 00) min left/);

    // "Ending within 1 hour" shows the 30-minute grant, not the 3-hour one…
    await grants.getByTestId('access-grants-hours').fill('1');
    await expect(approvedRow).toBeVisible();
    await expect(createdRow).toHaveCount(0);
    await grants.getByTestId('access-grants-hours').fill('');

    // …until Change end… brings the new grant's end to 45 minutes from now.
    await createdRow.getByTestId('access-grant-edit').click();
    const edit = grants.getByTestId('access-grant-editor');
    await expect(edit).toContainText(`New end for ${login}@cache-01 (alice), counted from now`);
    await edit.getByTestId('access-grant-edit-duration').fill('45m');
    await edit.getByTestId('access-grant-edit-duration').press('Enter');
    await expect(edit).toHaveCount(0);
    await expect(createdRow).toContainText(/(44|45) min left/);
    await grants.getByTestId('access-grants-hours').fill('1');
    await expect(createdRow).toBeVisible();
    await expect(approvedRow).toBeVisible();
    const moved = newGrant('cache-01')!;
    expect(moved.notAfter! - Date.now()).toBeGreaterThan(40 * MINUTE);
    expect(moved.notAfter! - Date.now()).toBeLessThanOrEqual(45 * MINUTE);
    await grants.getByTestId('access-grants-close').click();

    // Alice reads each outcome in My access.
    await signInAs(app, 'lab');
    await app.keyboard.press('Control+Shift+Period');
    await expect(requestRow(mine, 'E2E-CANCEL')).toHaveAttribute('data-state', 'cancelled');
    await expect(requestRow(mine, 'E2E-DENY').getByTestId('access-request-state')).toHaveText('denied by ada: Use the read replica: the primary is frozen this week');
    await expect(requestRow(mine, 'E2E-NARROW').getByTestId('access-request-state')).toContainText('approved by ada — access until');
    await app.keyboard.press('Escape');
  } finally {
    restoreGrantsOfAlice(lab, before);
    await signInAs(app, 'lab');
  }
});

test('an approval notice opens the host; My access counts down; the pane is cut when the grant ends', async ({ app, lab }) => {
  test.setTimeout(90_000);
  const login = lab.hosts[0]!.login;
  const gatewayDir = join(lab.dataDir, 'gateway');
  const before = grantsOfAlice(lab);
  // Set-up as the gateway host's root: alice reaches every host but web-02.
  const admin = openGatewayAdmin(gatewayDir);
  admin.addGrant({ user: 'alice', hosts: lab.hosts.map((h) => h.name).filter((n) => n !== 'web-02').join(','), login, until: Date.now() + 60 * MINUTE });
  for (const g of before) if (g.subject.kind === 'user') admin.revokeGrant(g.id);
  admin.close();
  const ada = await openLabApiAs(lab, 'ada');
  try {
    // Set-up: alice's request, and ada approving it elsewhere, for its last 25 seconds.
    await mainSide(app, 'access.requests.create', { hosts: 'web-02', login, durationMs: 60 * MINUTE, reason: 'E2E-NOTICE: tail the access log' });
    const pending = await ada.call<Array<{ id: number; reason: string }>>('access.requests.list', { state: 'pending', requester: 'alice' });
    const asked = pending.find((r) => r.reason.startsWith('E2E-NOTICE'));
    expect(asked, JSON.stringify(pending)).toBeDefined();
    await ada.call('access.requests.approve', { id: asked!.id, durationMs: 25_000 });

    // The notice: Open opens web-02 in a new tab, live.
    const notice = app.getByTestId('access-approved-notice');
    await expect(notice).toContainText(`Your request for ${login}@web-02 was approved.`);
    const open = new Set((await terminals(app)).map((t) => t.terminalId));
    await notice.getByTestId('access-notice-open').click();
    await expect(notice).toHaveCount(0);
    let id = '';
    await expect
      .poll(async () => (id = (await terminals(app)).find((t) => !open.has(t.terminalId))?.terminalId ?? ''), { message: 'Open opened no terminal' })
      .not.toBe('');
    await expect(paneOf(app, id)).toHaveAttribute('data-status', 'live');
    await expect(app.locator(`[data-testid="tab"][data-terminal-id="${id}"]`)).toContainText('web-02');

    // My access counts the seconds down: read twice, a few seconds apart.
    await app.keyboard.press('Control+Shift+Period');
    const countdown = app.locator('[data-testid="access-mine-host"][data-host="web-02"] [data-testid="access-countdown"]');
    const secondsLeft = async () => Number(/^(\d+) s left$/.exec((await countdown.textContent()) ?? '')?.[1] ?? NaN);
    await expect(countdown).toHaveText(/^\d+ s left$/);
    const first = await secondsLeft();
    await app.waitForTimeout(3000);
    const second = await secondsLeft();
    expect(second, `${first} s, then ${second} s`).toBeLessThanOrEqual(first - 2);
    await app.keyboard.press('Escape');

    // The grant ends: the pane is warned, then cut, saying why.
    await waitForText(app, id, new RegExp(`your access to ${login}@web-02 ends in \\d+ s`), 25_000);
    await waitForText(app, id, new RegExp(`access to ${login}@web-02 ended: grant expired — session closed`), 40_000);
    await expect(paneOf(app, id)).toHaveAttribute('data-status', 'closed');
    await expect(paneOf(app, id).getByTestId('pane-reopen')).toContainText('Session ended');
  } finally {
    ada.close();
    restoreGrantsOfAlice(lab, before);
  }
});
