// The metrics panel's first paint in Chromium: the lab as its own process (lab/child.ts: sshd
// hosts, the gateway reading the lab's Prometheus and node_exporters, the client's main side, the
// browser shell) and the built renderer (`npm run build:renderer`). Open a host, show the panel
// (its lazy chunk and echarts load; range 15 m), then switch to 1 h: each timed in the page from
// the action to every chart of the panel drawn on its canvas (echarts' 'finished', which the chart
// notes in its `data-drawn`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startLabProcess, stopLabProcess } from '../lab/child';
import { launchChromium } from './chromium';

export interface PanelPaint {
  /** Ctrl+Shift+U → every chart drawn (15 m), ms; the panel's lazy chunk included. */
  openMs: number;
  /** The 1 h button → every chart drawn with the 1 h answer, ms. */
  oneHourMs: number;
  charts: number;
  /** Points of the CPU line at 1 h. */
  points: number;
  /** Minutes of history Prometheus had (the lab's, started with the bench): the 1 h answer holds this much. */
  dataMinutes: number;
}

/** In the page: marks the charts on screen as old, runs `act`, resolves with ms until new charts are all drawn. */
async function timeToDrawn(page: Page, act: () => Promise<void>): Promise<number> {
  const t0 = await page.evaluate(() => {
    document.querySelectorAll<HTMLElement>('[data-testid="metrics-panel"] .metrics-chart').forEach((el) => (el.dataset.old = 'true'));
    return performance.now();
  });
  await act();
  const drawn = await page.waitForFunction(
    () => {
      const charts = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="metrics-panel"] .metrics-chart'));
      if (charts.length === 0 || charts.some((c) => c.dataset.old)) return false;
      const canvases = charts.map((c) => c.querySelector('.metrics-canvas') as HTMLElement);
      if (canvases.some((c) => !c.dataset.drawn)) return false;
      return Math.max(...canvases.map((c) => Number(c.dataset.drawn)));
    },
    null,
    { timeout: 60_000, polling: 'raf' },
  );
  return Math.round(((await drawn.jsonValue()) as number) - t0);
}

export async function measurePanelPaint(log: (line: string) => void): Promise<PanelPaint> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-metrics-panel-'));
  const labStarted = Date.now();
  const { info, child } = await startLabProcess(dir);
  const browser = await launchChromium();
  try {
    if (!info.prometheusPid) throw new Error('the lab runs no Prometheus');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(info.url);
    await page.locator('[data-testid="gateway-status"][data-status="connected"]').waitFor({ timeout: 30_000 });
    const host = info.hosts[0]!.name;
    await page.locator(`[data-testid="host-row"][data-host="${host}"]`).first().dblclick();
    await page.locator('[data-testid="tab"][data-status="live"]').first().waitFor({ timeout: 30_000 });
    // The lab's Prometheus scrapes every 5 s: rates need two scrapes before a chart has a point.
    await page.waitForTimeout(12_000);
    log(`metrics panel: opening the panel of ${host}`);
    const openMs = await timeToDrawn(page, () => page.keyboard.press('Control+Shift+U'));
    await page.waitForTimeout(1000);
    log('metrics panel: range 1 h');
    const oneHourMs = await timeToDrawn(page, () => page.getByTestId('metrics-range-1h').click());
    const shape = await page.evaluate(() => {
      const charts = document.querySelectorAll<HTMLElement>('[data-testid="metrics-panel"] .metrics-chart');
      const cpu = document.querySelector<HTMLElement>('[data-testid="metrics-chart-cpu"]');
      return { charts: charts.length, points: Number(cpu?.dataset.points ?? 0) };
    });
    return { openMs, oneHourMs, ...shape, dataMinutes: Number(((Date.now() - labStarted) / 60_000).toFixed(1)) };
  } finally {
    await browser.close().catch(() => {});
    await stopLabProcess(child);
    rmSync(dir, { recursive: true, force: true });
  }
}
