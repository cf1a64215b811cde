// A Playwright fixture that starts the real lab (`lab/start.ts --browser --json`: sshd hosts, a
// gateway, the client's main side and the browser shell) once per worker, and stops it after.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface LabInfo {
  url: string;
  gateway: { host: string; port: number };
  hosts: Array<{ name: string; login: string; pid: number }>;
}

// What the renderer's test hook (window.__portcullisTest) reports per terminal.
export type { TerminalSnapshot } from '../renderer/src/terminal/session';
import type { TerminalSnapshot } from '../renderer/src/terminal/session';

async function startLab(dataDir: string): Promise<{ info: LabInfo; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lab/start.ts', '--browser', '--json', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<LabInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the lab did not report ready within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the lab exited early with code ${code}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const message = JSON.parse(line) as { ready?: LabInfo };
      if (message.ready) {
        clearTimeout(timer);
        resolve(message.ready);
      }
    });
  });
  return { info, child };
}

export const test = base.extend<{ app: Page }, { lab: LabInfo }>({
  lab: [
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-e2e-'));
      const { info, child } = await startLab(dataDir);
      await use(info);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  app: async ({ page, lab }, use) => {
    await page.goto(lab.url);
    await expect(page.getByTestId('gateway-status')).toHaveAttribute('data-status', 'connected');
    await use(page);
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
