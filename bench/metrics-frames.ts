// metrics-frames: many hosts' metrics panels live at once, and the frames the page drops (issue 18:
// "20 hosts' panels live at once without dropped frames"). The lab as its own process (its
// Prometheus and node_exporters, the gateway, the client's main side, the browser shell, the built
// renderer); hosts are added to the lab's gateway up to `--panels` (20), sharing the lab's exporters.
// In the app's page, the app's metrics panel is mounted once per host (bench/metrics-frames-page.tsx:
// the app itself shows one at a time) and, once every chart is drawn, the page is watched for
// `--seconds` (30) of live updates (every 5 s): animation-frame gaps, long tasks, the main thread's
// busy time, and the live readings that came.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createAdmin } from '../gateway/src/admin';
import { openStore } from '../gateway/src/store';
import { METRICS_LIMITS } from '../shared/contract/gateway-api/metrics';
import { metricsInstalled, METRICS_INSTALL_HINT } from '../lab/metrics-stack';
import { startLabProcess, stopLabProcess } from '../lab/child';
import { launchChromium } from './chromium';
import { startFrameProbe, type FrameReport } from './frame-probe';
import { registerBenchmark, type BenchContext, type BenchReport } from './registry';

/** Charts in one panel (cpu, memory, load, disk used, disk I/O, network). */
const CHARTS_PER_PANEL = 6;

function intOption(extra: Record<string, string>, key: string, fallback: number): number {
  const v = extra[key];
  const n = v === undefined ? fallback : Number.parseInt(v, 10);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} takes a whole number ≥ 1, not ${JSON.stringify(v)}`);
  return n;
}

/** The lab's hosts with an exporter, then `live-NN` hosts sharing their exporters, up to `count`. */
function hostsWithMetrics(gatewayDir: string, count: number): string[] {
  const store = openStore(gatewayDir);
  try {
    const measured = store.hosts.list().filter((h) => h.tags.instance);
    if (!measured.length) throw new Error('the lab has no host with an exporter');
    const admin = createAdmin(store, { actor: 'admin:bench' });
    const names = measured.map((h) => h.name).slice(0, count);
    for (let i = names.length; i < count; i++) {
      const like = measured[i % measured.length]!;
      const name = `live-${String(i + 1).padStart(2, '0')}`;
      admin.addHost({ name, address: '127.0.0.1:9', nodes: [['bench', 'live']], tags: { instance: like.tags.instance! } });
      names.push(name);
    }
    return names;
  } finally {
    store.close();
  }
}

/** bench/metrics-frames-page.tsx and the panel's CSS, bundled for the page. */
async function bundlePage(): Promise<{ js: string; css: string }> {
  const { build } = await import('esbuild');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = await build({
    entryPoints: [join(root, 'bench/metrics-frames-page.tsx')],
    bundle: true,
    write: false,
    outdir: '/nonexistent', // names the CSS output; nothing is written
    format: 'iife',
    globalName: '__metricsFrames',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const text = (ext: string) => out.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: text('.js'), css: text('.css') };
}

/** Resolves when every panel shows its charts, each drawn (the range's answer and a live reading). */
async function allDrawn(page: Page, panels: number): Promise<void> {
  await page
    .waitForFunction(
      (want) => {
        const canvases = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="metrics-grid"] .metrics-canvas'));
        return canvases.length === want && canvases.every((c) => c.dataset.drawn);
      },
      panels * CHARTS_PER_PANEL,
      { timeout: 90_000, polling: 500 },
    )
    .catch(async (error: unknown) => {
      const states = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="metrics-grid"] .metrics-panel')).map((p) => `${p.dataset.state}:${p.querySelectorAll('.metrics-canvas[data-drawn]').length}`));
      throw new Error(`the panels were not all drawn in 90 s (state:charts drawn per panel: ${states.join(' ')})`, { cause: error });
    });
}

export interface PanelsFrames {
  panels: number;
  frames: FrameReport;
  /** metrics.live events the page received while measured. */
  readings: number;
}

export async function measurePanelsFrames(panels: number, seconds: number, log: (line: string) => void): Promise<PanelsFrames> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-metrics-frames-'));
  const { info, child } = await startLabProcess(dir);
  const browser = await launchChromium();
  try {
    if (!info.prometheusPid) throw new Error('the lab runs no Prometheus');
    const hosts = hostsWithMetrics(join(dir, 'gateway'), panels);
    // The lab's Prometheus starts with the bench: rates need two scrapes (5 s apart) before a chart has a point.
    await new Promise((r) => setTimeout(r, 15_000));
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, bypassCSP: true });
    await page.goto(info.url);
    await page.locator('[data-testid="gateway-status"][data-status="connected"]').waitFor({ timeout: 30_000 });
    const { js, css } = await bundlePage();
    await page.addStyleTag({ content: css });
    await page.evaluate(`globalThis.__name ??= (f) => f; ${js}`);
    log(`metrics-frames: ${panels} panels (${hosts.join(', ')})`);
    await page.evaluate((names) => (window as unknown as { __metricsFrames: { mountPanels(h: string[]): Promise<void> } }).__metricsFrames.mountPanels(names), hosts);
    await allDrawn(page, panels);
    // A whole interval after the first draw, so the measure starts between two live updates.
    await page.waitForTimeout(METRICS_LIMITS.liveIntervalMs);
    await page.evaluate(() => {
      const w = window as unknown as { __readings: number; portcullis: { on(e: string, l: (p: { topic: string }) => void): void } };
      w.__readings = 0;
      w.portcullis.on('gateway.event', (p) => void (p.topic === 'metrics.live' && w.__readings++));
    });
    log(`metrics-frames: watching ${seconds} s of live updates`);
    const stop = await startFrameProbe(page);
    await page.waitForTimeout(seconds * 1000);
    const frames = await stop();
    const readings = await page.evaluate(() => (window as unknown as { __readings: number }).__readings);
    return { panels, frames, readings };
  } finally {
    await browser.close().catch(() => {});
    await stopLabProcess(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function panelsFramesReport(r: PanelsFrames): BenchReport {
  const f = r.frames;
  return {
    title: `${r.panels} hosts' metrics panels live at once in Chromium (${r.panels * CHARTS_PER_PANEL} charts; lab: real Prometheus + node_exporters, gateway, browser shell, built renderer)`,
    columns: ['measure', 'value'],
    rows: [
      ['watched', `${f.seconds} s, ${r.readings} live readings came (${r.panels} panels × one per ${METRICS_LIMITS.liveIntervalMs / 1000} s)`],
      ['frames expected / drawn / dropped', `${f.expected} / ${f.drawn} / ${f.dropped} (interval ${f.intervalMs} ms)`],
      ['frame gap p99 / longest, ms', `${f.gapP99Ms} / ${f.longestGapMs}`],
      ['long tasks (> 50 ms) / longest, ms', `${f.longTasks} / ${f.longestTaskMs}`],
      ['renderer main thread busy, % of wall time', f.rendererCpuPercent],
      ['renderer CPU time, ms (per live reading)', `${f.rendererCpuMs} (${r.readings ? Math.round(f.rendererCpuMs / r.readings) : '–'})`],
    ],
    notes: [
      `The app shows one panel (the active pane's host); the bench mounts the app's MetricsPanel once per host in the app's page, each with its own metrics.live subscription. Hosts beyond the lab's share its exporters.`,
      'A frame is dropped when the gap before it is over 1.5 × the 60 Hz frame interval; long tasks from PerformanceObserver; main thread from Chromium\'s TaskDuration (wall time); CPU time of the renderer processes from /proc (what the work costs, whatever the load).',
    ],
  };
}

async function run(ctx: BenchContext): Promise<BenchReport[]> {
  if (!metricsInstalled()) throw new Error(`metrics-frames bench: Prometheus or node_exporter is not installed: ${METRICS_INSTALL_HINT}`);
  const panels = intOption(ctx.options.extra, 'panels', 20);
  const seconds = intOption(ctx.options.extra, 'seconds', 30);
  return [panelsFramesReport(await measurePanelsFrames(panels, seconds, ctx.progress))];
}

registerBenchmark({
  name: 'metrics-frames',
  description: "many hosts' metrics panels live at once in Chromium: frames dropped, long tasks, the renderer's main thread (--panels 20 --seconds 30; needs npm run build:renderer)",
  run,
});
