// Live sessions and the audit log as a security reviewer lives them, in Chromium against the real
// lab: the operator (alice) works in a shell through a plain OpenSSH client; the reviewer (sam,
// signed in with the lab's security profile) watches it — the same screen — terminates it with a
// reason the operator reads in their terminal, then lists the audit log and verifies its chain.
// Signed in as the operator, the app offers neither watch, terminate nor the audit log.
import { execFileSync } from 'node:child_process';
import type { Socket } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { dialLoopback, spawnOpenSsh, type OpenSshRun } from '../gateway/src/testing';
import { freePort } from '../lab/sshd-hosts';
import { LAB_REVIEWERS, LAB_USER } from '../lab/topology';
import { expect, mainSide, startLab, stopLab, test, type LabInfo } from './lab-fixture';

const SHOTS = '/tmp/shots-live-ui';
const REASON = 'change window closed at 04:00';

let dir: string;
let lab: LabInfo;
let child: ChildProcess;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-e2e-live-'));
  ({ info: lab, child } = await startLab(dir));
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => {
  if (child) await stopLab(child);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
/** The README's pictures of the security review (run from the repository's root, as npm test does). */
const docShot = (page: Page, name: string) => page.screenshot({ path: join('docs', `${name}.png`) });

/** The operator's real ssh client to web-01 through the gateway, with `options`. */
function operatorSsh(options: string[]): OpenSshRun {
  const knownHosts = join(dir, 'known_hosts_gateway');
  writeFileSync(knownHosts, execFileSync('ssh-keyscan', ['-p', String(lab.gateway.port), '127.0.0.1'], { stdio: ['ignore', 'pipe', 'ignore'] }));
  const login = lab.hosts.find((h) => h.name === 'web-01')!.login;
  return spawnOpenSsh({ port: lab.gateway.port, keyFile: join(dir, 'keys', `${LAB_USER}_ed25519`), knownHosts, user: `${LAB_USER}:${login}@web-01`, options });
}

/** The operator's shell on web-01 through the real ssh client, with a pty (-tt) and a known prompt. */
async function operatorShell(): Promise<OpenSshRun> {
  const ssh = operatorSsh(['-tt']);
  ssh.write("PS1='op$ '\n");
  await ssh.waitFor(/op\$ $/);
  return ssh;
}

/** Connects with the lab profile of `user` from the profiles dialog, as a user would. */
async function signInAs(page: Page, profile: string, user: string): Promise<void> {
  await page.getByTestId('open-profiles').click();
  await page.locator(`[data-testid="profile-row"][data-profile="${profile}"]`).getByTestId('profile-connect').click();
  await expect
    .poll(async () => {
      const state = await mainSide<{ status: string; gateway?: { user: string } }>(page, 'gateway.state');
      return state.status === 'connected' ? state.gateway?.user : null;
    })
    .toBe(user);
  // The shortcuts follow the page's own state (an action is enabled when the page sees "connected"):
  // wait until the page shows this user connected, not only the main side.
  await expect(page.locator('[data-testid="gateway-status"][data-status="connected"] .gateway-user')).toHaveText(user);
}

const watched = (page: Page) => page.getByTestId('live-watch-screen').locator('.xterm-rows');

test('a reviewer watches the operator’s shell, terminates it with a reason the operator reads, and verifies the audit log', async ({ page }) => {
  await page.goto(lab.url);
  await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
  const sam = LAB_REVIEWERS.find((r) => r.user === 'sam')!;
  await signInAs(page, sam.profile, 'sam');

  const op = await operatorShell();
  op.write('echo before-$((6*7))\n');
  await op.waitFor(/^before-42\r?$/m);

  // The list updates by itself: alice's session is there without a reload.
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('[data-testid="live-row"][data-user="alice"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('web-01');
  await expect(row).toContainText('shell');
  await expect(row.locator('td').nth(4)).not.toHaveText('—'); // bytes from the gateway
  await shot(page, 'live-list');

  // Watch: the screen as the operator has it (what came before), then live.
  await row.getByTestId('live-watch').click();
  await expect(page.getByTestId('live-watch-screen')).toHaveAttribute('data-shown', 'true');
  await expect(watched(page)).toContainText('before-42');
  op.write('echo after-$((7*8))\n');
  await op.waitFor(/^after-56\r?$/m);
  await expect(watched(page)).toContainText('after-56');
  await expect(watched(page)).toContainText('op$ echo after-$((7*8))');
  await shot(page, 'live-watch');
  await docShot(page, 'live-watch');

  // Terminate: the reason has the focus, Enter alone does nothing, the button needs a reason.
  await page.getByTestId('live-terminate-open').click();
  const reason = page.getByTestId('live-terminate-reason');
  await expect(reason).toBeFocused();
  const confirm = page.getByTestId('live-terminate-confirm');
  await expect(confirm).toBeDisabled();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-terminate')).toBeVisible();
  await reason.fill(REASON);
  await expect(confirm).toBeEnabled();
  await expect(confirm).not.toBeFocused();
  await shot(page, 'live-terminate-dialog');
  await confirm.click();
  await expect(page.getByTestId('live-terminate')).toHaveCount(0);

  // The operator reads who and why in their terminal, then the session is cut (exit status 255).
  expect(await op.exited).toBe(255);
  expect(op.stdout() + op.stderr()).toContain(`session terminated by sam: ${REASON}`);
  const ended = page.getByTestId('live-watch-ended');
  await expect(ended).toHaveAttribute('data-ended-by', 'terminated');
  await expect(ended).toContainText(`Terminated by sam: ${REASON}`);
  await expect(page.getByTestId('live-terminate-open')).toHaveCount(0);
  await shot(page, 'live-watch-ended');
  await page.getByTestId('live-back').click();
  await expect(row).toHaveCount(0);
  await page.getByTestId('live-sessions-close').click();

  // The audit log: filtered to the terminate, then the chain verified.
  await page.keyboard.press('Control+Shift+A');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await page.getByTestId('audit-filter-type').fill('session.terminated');
  await page.getByTestId('audit-filter-type').press('Enter');
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-type', 'session.terminated');
  await expect(rows.first()).toContainText('sam');
  await expect(rows.first()).toContainText(REASON);
  await page.getByTestId('audit-verify').click();
  const verdict = page.getByTestId('audit-verify-result');
  await expect(verdict).toHaveAttribute('data-ok', 'true');
  await expect(verdict).toContainText(/The chain is intact: \d+ entries, head [0-9a-f]{64}\./);
  await shot(page, 'audit-verified');
  await docShot(page, 'audit-verify');
  await page.getByTestId('audit-log-close').click();
});

test('the operator is offered neither watch nor terminate, and the audit log says it is for reviewers', async ({ page }) => {
  await page.goto(lab.url);
  await signInAs(page, 'lab', LAB_USER);
  const op = await operatorShell();
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('[data-testid="live-row"][data-user="alice"]');
  await expect(row).toHaveCount(1);
  await expect(page.getByText('Your role shows your own sessions only')).toBeVisible();
  await expect(page.getByTestId('live-watch')).toHaveCount(0);
  await expect(page.getByTestId('live-terminate-open')).toHaveCount(0);
  await shot(page, 'live-operator');
  await page.getByTestId('live-sessions-close').click();
  await page.keyboard.press('Control+Shift+A');
  await expect(page.getByTestId('audit-roles-only')).toBeVisible();
  await expect(page.getByTestId('audit-error')).toContainText('The gateway refused:');
  await expect(page.getByTestId('audit-verify')).toHaveCount(0);
  await shot(page, 'audit-operator');
  op.write('exit\n');
  await op.exited;
});

test('a reviewer sees the operator’s port forwards (target, bytes) and terminates one; the other goes on', async ({ page }) => {
  // The operator's ssh -N -L through web-01 to an SSH server on its loopback (the lab's gateway
  // answers there): two connections, two forwards.
  const sshdPort = lab.gateway.port;
  const localPort = await freePort();
  const tunnel = operatorSsh(['-N', '-o', 'ExitOnForwardFailure=yes', '-L', `127.0.0.1:${localPort}:127.0.0.1:${sshdPort}`]);
  const through = async () => {
    const socket: Socket = await dialLoopback(localPort);
    socket.on('error', () => {});
    const state = { banner: '', closed: false };
    socket.on('data', (d: Buffer) => (state.banner += d.toString()));
    socket.once('close', () => (state.closed = true));
    await expect.poll(() => state.banner).toMatch(/^SSH-2\.0-/); // the server answered through the forward
    return { socket, state };
  };
  const [first, second] = [await through(), await through()];

  await page.goto(lab.url);
  const sam = LAB_REVIEWERS.find((r) => r.user === 'sam')!;
  await signInAs(page, sam.profile, 'sam');
  await page.keyboard.press('Control+Shift+M');
  const rows = page.locator('[data-testid="live-forward-row"][data-user="alice"]');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(`forward to 127.0.0.1:${sshdPort}`);
  await expect(rows.first().getByTestId('live-forward-bytes')).toContainText(/↓ \d+ bytes/);
  await expect(rows.first().getByTestId('live-watch')).toHaveCount(0); // no screen to watch
  await shot(page, 'live-forwards');

  await rows.first().getByTestId('live-terminate-open').click();
  await expect(page.getByTestId('live-terminate')).toContainText(`port forward to 127.0.0.1:${sshdPort}`);
  await page.getByTestId('live-terminate-reason').fill('no tunnels during the freeze');
  await shot(page, 'live-forward-terminate-dialog');
  await page.getByTestId('live-terminate-confirm').click();
  await expect(page.getByTestId('live-terminate')).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  // One of the two connections was cut, the other is open; so is the tunnel.
  await expect.poll(() => [first.state.closed, second.state.closed].filter(Boolean).length).toBe(1);
  await shot(page, 'live-forward-terminated');
  await page.getByTestId('live-sessions-close').click();
  for (const c of [first, second]) c.socket.destroy();
  tunnel.child.kill();
  await tunnel.exited;
});
