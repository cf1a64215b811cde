// The metrics panel's first paint in Chromium: the lab as its own process (lab/child.ts: sshd
// hosts, the gateway reading the lab's Prometheus and node_exporters, the client's main side, the
// browser shell) and the built renderer (`npm run build:renderer`). The lab's Prometheus starts on
// `historyHours` of past metrics (lab --metrics-history), so every range is full. Open a host,
// show the panel (its lazy chunk and echarts load; range 15 m), then switch to 1 h, 6 h and 24 h:
// each timed in the page from the action to every chart of the panel drawn on its canvas
// (echarts' 'finished', which the chart notes in its `data-drawn`). Then the same panel on a host
// read by the gateway's SSH sampler (lab --metrics-ssh): shown → every chart drawn with a point.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startLabProcess, stopLabProcess } from '../lab/child';
import { launchChromium } from './chromium';

/** The lab host the bench has read by the SSH sampler (an ordinary one: no production question on opening it). */
const SAMPLED_HOST = 'db-01';

/** The ranges timed after the panel's first paint (15 m). */
export const TIMED_RANGES = ['1h', '6h', '24h'] as const;

export interface RangePaint {
  range: '15m' | (typeof TIMED_RANGES)[number];
  /** The action (shown, or the range's button) → every chart drawn with its answer, ms. */
  ms: number;
  /** Points of the CPU line, and the most of any chart's first line. */
  cpuPoints: number;
  maxPoints: number;
}

export interface PanelPaint {
  /** 15 m first (Ctrl+Shift+U: the panel's lazy chunk included), then each of TIMED_RANGES. */
  ranges: RangePaint[];
  charts: number;
  /** Hours of past metrics Prometheus started with, and minutes it then ran before the last range was timed. */
  historyHours: number;
  liveMinutes: number;
  /** A host read by the SSH sampler: Ctrl+Shift+U → every chart drawn with a point of its first readings, ms. */
  sampler: { host: string; ms: number; charts: number };
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

/**
 * In the page: runs `act` (which shows the panel), resolves with ms until every chart has a point
 * and has been drawn since it got one. A chart's canvas drawn while its chart had no point (the
 * sampler's first reading has no CPU or rates) is remembered as stale, so that drawing is not taken.
 */
async function timeToEveryChartFilled(page: Page, act: () => Promise<void>): Promise<number> {
  const t0 = await page.evaluate(() => performance.now());
  await act();
  const drawn = await page.waitForFunction(
    () => {
      const charts = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="metrics-panel"] .metrics-chart'));
      if (charts.length === 0) return false;
      let filled = true;
      for (const chart of charts) {
        const canvas = chart.querySelector('.metrics-canvas') as HTMLElement & { staleDraw?: string };
        if (Number(chart.dataset.points ?? 0) === 0) {
          canvas.staleDraw = canvas.dataset.drawn;
          filled = false;
        } else if (!canvas.dataset.drawn || canvas.dataset.drawn === canvas.staleDraw) filled = false;
      }
      return filled && Math.max(...charts.map((c) => Number((c.querySelector('.metrics-canvas') as HTMLElement).dataset.drawn)));
    },
    null,
    { timeout: 60_000, polling: 'raf' },
  );
  return Math.round(((await drawn.jsonValue()) as number) - t0);
}

/** Points of the CPU line and the most of any chart's first line, as drawn now. */
const pointsShown = (page: Page) =>
  page.evaluate(() => {
    const charts = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="metrics-panel"] .metrics-chart'));
    // No named helper in here: tsx's __name wrapper does not exist in the page.
    const cpu = document.querySelector<HTMLElement>('[data-testid="metrics-chart-cpu"]');
    return { charts: charts.length, cpuPoints: Number(cpu?.dataset.points ?? 0), maxPoints: Math.max(0, ...charts.map((c) => Number(c.dataset.points ?? 0))) };
  });

/** Double-clicks a host in the tree and waits for its tab to be live (`liveTabs` live tabs in all). */
async function openHost(page: Page, host: string, liveTabs: number): Promise<void> {
  await page.locator(`[data-testid="host-row"][data-host="${host}"]`).first().dblclick();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="tab"][data-status="live"]').length >= n, liveTabs, { timeout: 30_000 });
}

export async function measurePanelPaint(log: (line: string) => void, historyHours: number): Promise<PanelPaint> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-metrics-panel-'));
  const sampled = SAMPLED_HOST;
  log(`metrics panel: starting the lab with ${historyHours} h of past metrics (promtool) and ${sampled} read by the SSH sampler`);
  const { info, child } = await startLabProcess(dir, ['--metrics-history', String(historyHours), '--metrics-ssh', sampled], {}, 600_000);
  const labStarted = Date.now();
  const browser = await launchChromium();
  try {
    if (!info.prometheusPid) throw new Error('the lab runs no Prometheus');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(info.url);
    await page.locator('[data-testid="gateway-status"][data-status="connected"]').waitFor({ timeout: 30_000 });
    const host = info.hosts[0]!.name;
    await openHost(page, host, 1);
    // Two live scrapes after the history: the newest points of every range are there too.
    await page.waitForTimeout(12_000);
    log(`metrics panel: opening the panel of ${host}`);
    const ranges: RangePaint[] = [{ range: '15m', ms: await timeToDrawn(page, () => page.keyboard.press('Control+Shift+U')), ...(await pointsShown(page)) }];
    for (const range of TIMED_RANGES) {
      await page.waitForTimeout(1000);
      log(`metrics panel: range ${range}`);
      const ms = await timeToDrawn(page, () => page.getByTestId(`metrics-range-${range}`).click());
      ranges.push({ range, ms, ...(await pointsShown(page)) });
    }
    const { charts } = await pointsShown(page);
    const liveMinutes = Number(((Date.now() - labStarted) / 60_000).toFixed(1));

    // The sampler: the panel hidden, a tab on the sampled host, then the panel shown for it (its chunk is loaded by now).
    await page.keyboard.press('Control+Shift+U');
    await page.locator('[data-testid="metrics-panel"]').waitFor({ state: 'detached' });
    await openHost(page, sampled, 2);
    log(`metrics panel: opening the panel of ${sampled} (SSH sampler)`);
    const samplerMs = await timeToEveryChartFilled(page, () => page.keyboard.press('Control+Shift+U'));
    return { ranges, charts, historyHours, liveMinutes, sampler: { host: sampled, ms: samplerMs, charts: (await pointsShown(page)).charts } };
  } finally {
    await browser.close().catch(() => {});
    await stopLabProcess(child);
    rmSync(dir, { recursive: true, force: true });
  }
}
