// The host tree's fresh first paint in CPU time: each navigation in a new tab (a new renderer
// process; the HTTP cache and V8's code cache carry over, as between two starts of an installed
// app), timed to the first rows painted (`portcullis:tree-first-paint`), with the renderer main
// thread's CPU time and script time up to then (CDP Performance.getMetrics: ThreadTime,
// ScriptDuration). CPU time moves far less with other work on the machine than wall-clock time, so
// two builds can be compared on a shared machine; with --against, a second build is measured in
// the same run, alternated round by round.
// Run: npm run build:renderer && tsx bench/tree-cpu.ts [--rounds N] [--against DIR] [--build DIR] [--hosts N] [--json]
//   DIR is another build's dist/renderer (or a checkout holding one), e.g. main's, built elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext } from '@playwright/test';
import { launchChromium } from './chromium';
import { median } from './registry';
import { serveTreeSite, type TreeSite } from './tree-site';

const args = process.argv.slice(2);
const valueOf = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const rounds = Number(valueOf('--rounds') ?? 9);
const hosts = Number(valueOf('--hosts') ?? 50_000);
const json = args.includes('--json');

/** A build directory: the renderer's output itself, or a checkout with dist/renderer in it. */
function rendererDir(dir: string): string {
  const nested = join(dir, 'dist', 'renderer');
  const root = existsSync(join(nested, 'index.html')) ? nested : dir;
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${dir}: no built renderer (index.html) there or in dist/renderer`);
  return resolve(root);
}

export interface FreshPaint {
  firstPaintMs: number;
  threadCpuMs: number;
  scriptMs: number;
}

export interface TreeCpuResult {
  hosts: number;
  rounds: number;
  /** Load averages before and after. */
  load: string[];
  figures: BuildFigures[];
}

export interface BuildFigures {
  build: string;
  median: FreshPaint;
  runs: FreshPaint[];
}

interface Variant {
  build: string;
  site: TreeSite;
  browser: Browser;
  context: BrowserContext;
  runs: FreshPaint[];
}

async function freshPaint(variant: Variant): Promise<FreshPaint> {
  const page = await variant.context.newPage();
  try {
    await page.goto('about:blank');
    const cdp = await variant.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(variant.site.url);
    await page.waitForFunction(() => performance.getEntriesByName('portcullis:tree-first-paint').length > 0, null, { timeout: 60_000 });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => Math.round((metrics.find((m) => m.name === name)?.value ?? NaN) * 1000);
    const paint = await page.evaluate(() => performance.getEntriesByName('portcullis:tree-first-paint')[0]!.startTime);
    return { firstPaintMs: Math.round(paint), threadCpuMs: metric('ThreadTime'), scriptMs: metric('ScriptDuration') };
  } finally {
    await page.close();
  }
}

const medianOf = (runs: FreshPaint[]): FreshPaint => ({
  firstPaintMs: median(runs.map((r) => r.firstPaintMs)),
  threadCpuMs: median(runs.map((r) => r.threadCpuMs)),
  scriptMs: median(runs.map((r) => r.scriptMs)),
});

async function measureBuilds(builds: Array<{ build: string; dir: string }>): Promise<BuildFigures[]> {
  const variants: Variant[] = [];
  try {
    for (const { build, dir } of builds) {
      const site = await serveTreeSite(rendererDir(dir), hosts);
      const browser = await launchChromium();
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript({ content: site.initScript });
      variants.push({ build, site, browser, context, runs: [] });
    }
    // Two untimed loads each fill the HTTP and code caches.
    for (const variant of variants) for (let i = 0; i < 2; i++) await freshPaint(variant);
    for (let round = 0; round < rounds; round++) for (const variant of variants) variant.runs.push(await freshPaint(variant));
    return variants.map((v) => ({ build: v.build, median: medianOf(v.runs), runs: v.runs }));
  } finally {
    for (const v of variants) {
      await v.browser.close();
      await v.site.close();
    }
  }
}

async function main() {
  const against = valueOf('--against');
  const loadBefore = readLoad();
  const figures = await measureBuilds([{ build: 'this build', dir: valueOf('--build') ?? 'dist/renderer' }, ...(against ? [{ build: against, dir: against }] : [])]);
  const result: TreeCpuResult = { hosts, rounds, load: [loadBefore, readLoad()], figures };
  if (json) return console.log(JSON.stringify(result));
  console.log(`host tree, ${hosts.toLocaleString('en')} hosts: fresh first paint (new tab each), median of ${rounds}, load average ${result.load.join(' → ')}`);
  for (const f of figures) {
    const m = f.median;
    console.log(`  ${f.build.padEnd(12)} main-thread CPU ${m.threadCpuMs} ms, script ${m.scriptMs} ms, first paint ${m.firstPaintMs} ms   (cpu/script/paint: ${f.runs.map((r) => `${r.threadCpuMs}/${r.scriptMs}/${r.firstPaintMs}`).join(' ')})`);
  }
}

/** The 1, 5 and 15 minute load averages: CPU time is steadier than wall-clock time, not immune. */
function readLoad(): string {
  return existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : '?';
}

void main();
