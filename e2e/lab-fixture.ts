// A Playwright fixture that starts the real lab (`lab/start.ts --browser --json`: sshd hosts, a
// gateway, the client's main side and the browser shell) once per worker, and stops it after.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLabProcess, stopLabProcess, type LabInfo } from '../lab/child';
import { loadOrCreateHostKey } from '../gateway/src/ssh/host-key';
import { openApiClient } from '../gateway/src/testing';

export type { LabInfo };

// What the renderer's test hook (window.__portcullisTest) reports per terminal.
export type { TerminalSnapshot } from '../renderer/src/terminal/session';
import type { TerminalSnapshot } from '../renderer/src/terminal/session';

export { startLabProcess as startLab, stopLabProcess as stopLab };

/** The lab of a worker, and its data directory (the gateway's is `gateway/` in it, for the CLI). */
export type WorkerLab = LabInfo & { dataDir: string };

export const test = base.extend<{ app: Page }, { lab: WorkerLab }>({
  lab: [
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-e2e-'));
      // An hour of past metrics (promtool, before Prometheus starts): charts and health dots have
      // real lines at once, as on a gateway whose Prometheus has run for a while.
      const { info, child } = await startLabProcess(dataDir, ['--metrics-history', '1']);
      await use({ ...info, dataDir });
      await stopLabProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  app: async ({ page, lab }, use) => {
    await page.goto(lab.url);
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
    await use(page);
    // The lab (and its saved layout) outlives the test: close what this test opened, as a user
    // would, so the next test starts from an empty workspace whatever order the tests run in.
    const close = page.getByTestId('tab-close');
    for (let n = await close.count(); n > 0; n = await close.count()) await close.first().click();
    await expect
      .poll(async () => (await mainSide<{ tabs: unknown[] } | null>(page, 'layout.get'))?.tabs.length ?? 0, { message: 'the emptied layout was not saved' })
      .toBe(0);
  },
});

export { expect };

export async function terminals(page: Page): Promise<TerminalSnapshot[]> {
  return page.evaluate(() => (globalThis as unknown as { __portcullisTest: { terminals(): TerminalSnapshot[] } }).__portcullisTest.terminals());
}

/** Waits until the terminal's buffer matches, and returns the snapshot. */
export async function waitForText(page: Page, terminalId: string, pattern: RegExp, timeout = 10_000): Promise<TerminalSnapshot> {
  let last: TerminalSnapshot | undefined;
  await expect
    .poll(
      async () => {
        last = (await terminals(page)).find((t) => t.terminalId === terminalId);
        return pattern.test(last?.text ?? '');
      },
      { timeout, message: `terminal ${terminalId} never showed ${pattern}` },
    )
    .toBe(true);
  return last!;
}

/** Waits until the terminal's cursor sits right after `prompt` (the shell is waiting for a command). */
export async function waitForPrompt(page: Page, terminalId: string, prompt: string, timeout = 10_000): Promise<void> {
  await expect
    .poll(() => page.evaluate((id) => (globalThis as unknown as { __portcullisTest: { cursorLine(id: string): string | null } }).__portcullisTest.cursorLine(id), terminalId), {
      timeout,
      message: `terminal ${terminalId} never came back to the prompt ${JSON.stringify(prompt)}`,
    })
    .toBe(prompt);
}

/** Opens a host by double-click and returns the new terminal's id once its shell is live. */
export async function openHost(page: Page, host: string): Promise<string> {
  const before = new Set((await terminals(page)).map((t) => t.terminalId));
  await page.locator(`[data-testid="host-row"][data-host="${host}"]`).first().dblclick();
  let id = '';
  await expect
    .poll(async () => {
      id = (await terminals(page)).find((t) => !before.has(t.terminalId))?.terminalId ?? '';
      return id;
    })
    .not.toBe('');
  await expect(page.locator(`[data-testid="tab"][data-terminal-id="${id}"]`)).toHaveAttribute('data-status', 'live');
  return id;
}

/** The id of a terminal other than `other` (a pane reopened, a split), once it is live. */
export async function nextTerminal(page: Page, other: string): Promise<string> {
  let id = '';
  await expect
    .poll(async () => {
      id = (await terminals(page)).find((t) => t.terminalId && t.terminalId !== other)?.terminalId ?? '';
      return id;
    })
    .not.toBe('');
  await expect(paneOf(page, id)).toHaveAttribute('data-status', 'live');
  return id;
}

/** Types a command into the focused terminal, as a user would. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Calls the main side as the renderer does (window.portcullis), for set-up steps a test is not about. */
export async function mainSide<T>(page: Page, method: string, params: Record<string, unknown> = {}): Promise<T> {
  return page.evaluate(
    ([m, p]) => (globalThis as unknown as { portcullis: { request(m: string, p: unknown): Promise<unknown> } }).portcullis.request(m, p),
    [method, params] as const,
  ) as Promise<T>;
}

/** The pane showing a terminal (its id), for clicks and focus. */
export function paneOf(page: Page, terminalId: string) {
  return page.locator(`[data-testid="pane"]:has([data-testid="terminal-pane"][data-terminal-id="${terminalId}"])`);
}

/** Connects as the lab's profile of that name (`security reviewer (sam)`, `lab`…), after a disconnect. */
export async function signInAs(page: Page, profileName: string): Promise<void> {
  const profiles = await mainSide<{ id: string; name: string }[]>(page, 'profiles.list');
  const profile = profiles.find((p) => p.name === profileName)!;
  await mainSide(page, 'gateway.disconnect');
  await mainSide(page, 'gateway.connect', { profileId: profile.id });
  await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
}

/** The gateway's API as one of the lab's reviewers (ada, sam) from elsewhere: set-up a test is not about. */
export function openLabApiAs(lab: WorkerLab, user: 'ada' | 'sam') {
  const privateKey = readFileSync(join(lab.dataDir, 'keys', `${user}_ed25519`), 'utf8');
  return openApiClient({ port: lab.gateway.port, username: user, privateKey, hostPublicKey: loadOrCreateHostKey(join(lab.dataDir, 'gateway')).publicKey });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

/** Centre of a terminal cell (0-based column and viewport row), in page coordinates. */
export async function cellCentre(page: Page, terminalId: string, col: number, row: number) {
  const snap = (await terminals(page)).find((t) => t.terminalId === terminalId)!;
  const box = (await paneOf(page, terminalId).locator('.xterm-screen').boundingBox())!;
  return { x: box.x + ((col + 0.5) * box.width) / snap.cols, y: box.y + ((row + 0.5) * box.height) / snap.rows };
}

/** The viewport row showing the last line of the buffer that matches. */
export async function rowOf(page: Page, terminalId: string, pattern: RegExp): Promise<number> {
  return page.evaluate(
    ([id, source]) => {
      const hook = (globalThis as unknown as { __portcullisTest: { terminals(): Array<{ terminalId: string; text: string; rows: number }> } }).__portcullisTest;
      const t = hook.terminals().find((x) => x.terminalId === id)!;
      const lines = t.text.split('\n');
      let last = lines.length - 1;
      while (last > 0 && lines[last] === '') last--; // trailing empty rows of the viewport
      const top = Math.max(0, lines.length - t.rows); // first line of the viewport
      const re = new RegExp(source, 'm');
      for (let i = lines.length - 1; i >= top; i--) if (re.test(lines[i]!)) return i - top;
      return -1;
    },
    [terminalId, pattern.source] as const,
  );
}
