// The review player in the app, for the review bench: the built renderer (dist/renderer) in Debian's
// Chromium through the browser shell, with the client's main side (electron/core) signed in to the
// bench's gateway as a security reviewer. A recording is opened as a reviewer does (the review
// window, the session's row double-clicked) and sought through the player's seek bar. Each time is
// taken in the page, from just before the action's DOM event to the player's frame-painted mark
// (renderer/src/review/frame-painted.ts: the seek's writes parsed, the rows rendered, the frame
// painted), so Playwright's round trips are not counted. The main side runs in the bench process,
// which is otherwise idle while the page times; the gateway is a process of its own.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startBrowserShell, type BrowserShell } from '../electron/browser-shell/index';
import { clientServiceFor } from '../electron/core/testing';
import { FRAME_PAINTED_MARK } from '../renderer/src/review/frame-painted';
import { launchChromium } from './chromium';

const RENDERER_DIR = resolve(import.meta.dirname, '../dist/renderer');

export interface ReviewApp {
  /** Opens the session's recording from the sessions list; ms from the double-click to its first frame painted. */
  open(sessionId: string): Promise<number>;
  /** Seeks the open player to each time through its seek bar, one after another; ms each, seek → frame painted. */
  seek(times: number[]): Promise<number[]>;
  close(): Promise<void>;
}

/** The page's helper (an init script: the app's CSP allows no eval): waits for the frame-painted mark after `count` marks matching `match`, answers its time. */
const PAGE_HELPERS = `globalThis.__name ??= (f) => f; // tsx (esbuild keepNames) wraps the page.evaluate bodies' functions with it
globalThis.__reviewBench = {
  untilPainted: (mark, count, match) => new Promise((resolve, reject) => {
    const until = performance.now() + 60000;
    const check = () => {
      const found = performance.getEntriesByName(mark).slice(count).find((m) => match(m.detail));
      if (found) return resolve(found.startTime);
      if (performance.now() > until) return reject(new Error('the player painted no frame within 60 s'));
      setTimeout(check, 2);
    };
    check();
  }),
};`;

interface PageHelpers {
  __reviewBench: { untilPainted(mark: string, count: number, match: (detail: { to: number; opening: boolean }) => boolean): Promise<number> };
}

export async function openReviewApp(opts: { gateway: { port: number; hostPublicKey: string }; user: string; privateKey: string }): Promise<ReviewApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('review bench: the app half needs the built renderer: run `npm run build:renderer` first (or pass --app off)');
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-review-app-'));
  const { store, service, profileId } = clientServiceFor(dir, { address: { host: '127.0.0.1', port: opts.gateway.port }, hostPublicKey: opts.gateway.hostPublicKey }, opts.user, opts.privateKey);
  let shell: BrowserShell | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => {});
    await shell?.close();
    await service.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await service.connect({ profileId });
    shell = await startBrowserShell({ service, rendererDir: RENDERER_DIR, host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ content: PAGE_HELPERS });
    await page.goto(shell.url);
    await page.locator('[data-testid="gateway-status"][data-status="connected"]').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+Y');
    await page.getByTestId('review-window').waitFor({ timeout: 30_000 });
    return { open: (sessionId) => openPlayer(page, sessionId), seek: (times) => seekAll(page, times), close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function openPlayer(page: Page, sessionId: string): Promise<number> {
  await page.getByTestId('review-tab-sessions').click();
  await page.getByTestId('review-search').click(); // the list as it is now (the session may be new)
  const row = page.locator(`[data-testid="review-session-row"][data-session-id="${sessionId}"]`);
  await row.waitFor({ timeout: 30_000 });
  return page.evaluate(
    async ([mark, id]) => {
      const { untilPainted } = (globalThis as unknown as PageHelpers).__reviewBench;
      const count = performance.getEntriesByName(mark).length;
      const target = document.querySelector(`[data-testid="review-session-row"][data-session-id="${id}"]`)!;
      const t0 = performance.now();
      target.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
      return (await untilPainted(mark, count, (d) => d.opening)) - t0;
    },
    [FRAME_PAINTED_MARK, sessionId] as const,
  );
}

async function seekAll(page: Page, times: number[]): Promise<number[]> {
  await page.getByTestId('review-seek').waitFor({ timeout: 30_000 });
  return page.evaluate(
    async ([mark, asked]) => {
      const { untilPainted } = (globalThis as unknown as PageHelpers).__reviewBench;
      const bar = document.querySelector<HTMLInputElement>('[data-testid="review-seek"]')!;
      // React tracks an input's value: set it with the native setter so the input event is a change.
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const took: number[] = [];
      for (const t of asked) {
        const count = performance.getEntriesByName(mark).length;
        const t0 = performance.now();
        setValue.call(bar, String(t));
        const to = Number(bar.value); // the bar's step (0.01 s) rounds it
        bar.dispatchEvent(new Event('input', { bubbles: true }));
        took.push((await untilPainted(mark, count, (d) => !d.opening && Math.abs(d.to - to) < 1e-9)) - t0);
      }
      return took;
    },
    [FRAME_PAINTED_MARK, times] as const,
  );
}
