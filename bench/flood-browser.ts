// Ctrl+C during a `yes` flood with the REAL renderer: the built renderer in Chromium, through the
// browser shell, the client's main side, the gateway and a real sshd (the lab, as its own process:
// lab/child.ts). Per run: `yes` for ~2 s, then Ctrl+C; timed from the keypress to the prompt being
// in xterm's buffer (the cursor line reads PROMPT). Repeated; p50/p90 printed.
//
// Also, during each flood: how long the command palette takes to show (a UI action; compared with
// the same action when idle) and the gaps between animation frames (a frozen page has long gaps).
// And where the Ctrl+C time goes: a counter in the page (an init script wrapping WebSocket, so the
// renderer is untouched) notes the terminal bytes that arrive after the keypress and when the
// prompt's bytes arrive, splitting the time into "in flight to the renderer" and "xterm's queue".
//
//   npm run build:renderer && tsx bench/flood-browser.ts [--runs 5] [--renderers webgl,dom] [--json]
// `--renderers dom` starts Chromium with --disable-webgl, so xterm falls back to its DOM renderer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { startLabProcess, stopLabProcess } from '../lab/child';
import { launchChromium } from './chromium';
import { percentile } from './registry';

export const PROMPT = 'PC-DONE> ';
const FLOOD_MS = 2000;

export interface BrowserFloodResult {
  renderer: 'webgl' | 'dom';
  /** Keypress → prompt in xterm's buffer, per run, ms. */
  latenciesMs: number[];
  p50Ms: number;
  p90Ms: number;
  /** Terminal output that reached the page after the keypress, per run, KiB (median). */
  drainedKiB: number;
  /** Keypress → the prompt's bytes reached the page (median), ms: the rest is xterm's queue. */
  promptArrivedMs: number;
  /** Terminal output the page received during the floods, MB/s (median): xterm's pace here. */
  floodMBps: number;
  /** Ctrl+Shift+P → palette visible, ms: when idle, and during a flood (median). */
  paletteIdleMs: number;
  paletteFloodMs: number;
  /** Animation-frame gaps during the floods, ms: the 90th percentile and the longest. */
  frameGapP90Ms: number;
  frameGapMaxMs: number;
}

/** Runs in the page before the app: counts terminal output as it arrives over the shell's WebSocket. */
function meterScript(prompt: string): string {
  // __name: tsx (esbuild keepNames) wraps named functions in the page.evaluate bodies below with it.
  return `globalThis.__name ??= (f) => f;
  (() => {
    const meter = { bytes: 0, acked: 0, promptAt: 0, armed: false };
    Object.defineProperty(window, '__floodMeter', { value: meter });
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      send(data) {
        if (typeof data === 'string' && data.includes('"terminal.ack"')) {
          const bytes = /"bytes":(\\d+)/.exec(data);
          meter.acked += bytes ? Number(bytes[1]) : 0;
        }
        return super.send(data);
      }
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (event) => {
          const text = typeof event.data === 'string' ? event.data : '';
          if (!text.includes('"terminal.data"')) return;
          const bytes = /"bytes":(\\d+)/.exec(text);
          meter.bytes += bytes ? Number(bytes[1]) : 0;
          if (meter.armed && !meter.promptAt && text.includes(${JSON.stringify(JSON.stringify(prompt).slice(1, -1))})) meter.promptAt = Date.now();
        });
      }
    };
  })();`;
}

interface PageHooks {
  __portcullisTest: { terminals(): Array<{ terminalId: string }>; cursorLine(id: string): string | null };
  __floodMeter: { bytes: number; acked: number; promptAt: number; armed: boolean };
  __frames?: number[];
}

async function openTerminal(page: Page, host: string): Promise<string> {
  await page.locator(`[data-testid="host-row"][data-host="${host}"]`).first().dblclick();
  const id = await page.waitForFunction(() => (globalThis as unknown as PageHooks).__portcullisTest.terminals().find((t) => t.terminalId)?.terminalId, null, { timeout: 20_000 });
  const terminalId = (await id.jsonValue()) as string;
  await page.locator(`[data-testid="tab"][data-terminal-id="${terminalId}"][data-status="live"]`).waitFor({ timeout: 20_000 });
  return terminalId;
}

/** Resolves (in the page) with Date.now() once the cursor line reads the prompt. Polled every 2 ms: cheap. */
function promptSeen(page: Page, terminalId: string, timeoutMs: number): Promise<number> {
  return page.evaluate(
    ([id, prompt, timeout]) =>
      new Promise<number>((resolve, reject) => {
        const hook = (globalThis as unknown as PageHooks).__portcullisTest;
        const until = Date.now() + timeout;
        const check = () => {
          if (hook.cursorLine(id) === prompt) return resolve(Date.now());
          if (Date.now() > until) return reject(new Error(`no prompt within ${timeout} ms; cursor line: ${JSON.stringify(hook.cursorLine(id))}`));
          setTimeout(check, 2);
        };
        check();
      }),
    [terminalId, PROMPT, timeoutMs] as const,
  );
}

async function paletteMs(page: Page, terminalId: string): Promise<number> {
  const palette = page.getByTestId('command-palette');
  const started = Date.now();
  await page.keyboard.press('Control+Shift+P');
  await palette.waitFor({ state: 'visible', timeout: 30_000 });
  const ms = Date.now() - started;
  await page.keyboard.press('Escape');
  await palette.waitFor({ state: 'hidden', timeout: 30_000 });
  await page.locator(`[data-testid="pane"]:has([data-testid="terminal-pane"][data-terminal-id="${terminalId}"]) .pane-body`).click();
  return ms;
}

export async function runBrowserFlood(options: { renderer: 'webgl' | 'dom'; runs?: number; log?: (line: string) => void }): Promise<BrowserFloodResult> {
  const runs = options.runs ?? 5;
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-flood-browser-'));
  const { info, child } = await startLabProcess(dir);
  const browser = await launchChromium(options.renderer === 'dom' ? ['--disable-webgl'] : []);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ content: meterScript(PROMPT) });
    await page.goto(info.url);
    await page.locator('[data-testid="gateway-status"][data-status="connected"]').waitFor({ timeout: 30_000 });
    const terminalId = await openTerminal(page, info.hosts[0]!.name);
    const drawnBy = await page.evaluate(() => (globalThis as unknown as { __portcullisTest: { terminals(): Array<{ renderer: string }> } }).__portcullisTest.terminals()[0]!.renderer);
    if (drawnBy !== options.renderer) throw new Error(`asked for the ${options.renderer} renderer, the terminal uses ${drawnBy}`);
    await page.keyboard.type(`PS1='PC-''DONE> '`);
    await page.keyboard.press('Enter');
    await promptSeen(page, terminalId, 20_000);
    const paletteIdle = [await paletteMs(page, terminalId), await paletteMs(page, terminalId)];

    const latencies: number[] = [];
    const drained: number[] = [];
    const promptArrived: number[] = [];
    const rates: number[] = [];
    const queued: number[] = [];
    const paletteFlood: number[] = [];
    const gaps: number[] = [];
    for (let run = 0; run < runs; run++) {
      await page.evaluate(() => {
        const g = globalThis as unknown as PageHooks;
        const frames: number[] = (g.__frames = []);
        const tick = (t: number) => {
          if (g.__frames !== frames) return;
          frames.push(t);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const bytesBefore = await page.evaluate(() => (globalThis as unknown as PageHooks).__floodMeter.bytes);
      const floodStart = Date.now();
      await page.keyboard.type('yes');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(FLOOD_MS / 2);
      paletteFlood.push(await paletteMs(page, terminalId));
      await page.waitForTimeout(Math.max(0, floodStart + FLOOD_MS - Date.now()));
      const frameTimes = await page.evaluate(() => {
        const g = globalThis as unknown as PageHooks;
        const frames = g.__frames ?? [];
        g.__frames = undefined;
        return frames;
      });
      for (let i = 1; i < frameTimes.length; i++) gaps.push(frameTimes[i]! - frameTimes[i - 1]!);
      const keypress = await page.evaluate(() => {
        const meter = (globalThis as unknown as PageHooks).__floodMeter;
        meter.armed = true;
        meter.promptAt = 0;
        return { bytes: meter.bytes, acked: meter.acked };
      });
      const atKeypress = keypress.bytes;
      queued.push((keypress.bytes - keypress.acked) / 1024);
      rates.push((atKeypress - bytesBefore) / 1e6 / ((Date.now() - floodStart) / 1000));
      const seen = promptSeen(page, terminalId, 60_000);
      const pressed = Date.now();
      await page.keyboard.press('Control+C');
      const at = await seen;
      const meter = await page.evaluate(() => {
        const m = (globalThis as unknown as PageHooks).__floodMeter;
        m.armed = false;
        return { bytes: m.bytes, promptAt: m.promptAt };
      });
      latencies.push(at - pressed);
      drained.push((meter.bytes - atKeypress) / 1024);
      promptArrived.push(meter.promptAt ? meter.promptAt - pressed : NaN);
      log(
        `${options.renderer} run ${run + 1}: Ctrl+C → prompt ${latencies.at(-1)} ms (its bytes arrived at ${promptArrived.at(-1)} ms), ` +
          `${queued.at(-1)!.toFixed(0)} KiB unacknowledged in the page at the keypress, ${drained.at(-1)!.toFixed(0)} KiB arrived after it; flood ${rates.at(-1)!.toFixed(2)} MB/s; palette ${paletteFlood.at(-1)} ms`,
      );
      await page.waitForTimeout(300);
    }
    const med = (xs: number[]) => percentile(xs, 50);
    return {
      renderer: options.renderer,
      latenciesMs: latencies,
      p50Ms: med(latencies),
      p90Ms: percentile(latencies, 90),
      drainedKiB: Math.round(med(drained)),
      promptArrivedMs: med(promptArrived),
      floodMBps: Number(med(rates).toFixed(2)),
      paletteIdleMs: med(paletteIdle),
      paletteFloodMs: med(paletteFlood),
      frameGapP90Ms: Math.round(percentile(gaps, 90)),
      frameGapMaxMs: Math.round(Math.max(...gaps)),
    };
  } finally {
    await browser.close().catch(() => {});
    await stopLabProcess(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, renderers: { type: 'string', default: 'webgl,dom' }, json: { type: 'boolean', default: false } } });
  const results: BrowserFloodResult[] = [];
  for (const renderer of values.renderers.split(',')) {
    if (renderer !== 'webgl' && renderer !== 'dom') throw new Error(`--renderers takes webgl and/or dom, not ${renderer}`);
    results.push(await runBrowserFlood({ renderer, runs: Number(values.runs), log: (l) => console.error(l) }));
  }
  if (values.json) console.log(JSON.stringify(results));
  else {
    console.log('| renderer | Ctrl+C → prompt p50 / p90 (ms) | runs (ms) | prompt bytes arrived (ms) | KiB after Ctrl+C | flood MB/s | palette idle / flood (ms) | frame gap p90 / max (ms) |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of results) {
      console.log(
        `| ${r.renderer} | ${r.p50Ms} / ${r.p90Ms} | ${r.latenciesMs.join(', ')} | ${r.promptArrivedMs} | ${r.drainedKiB} | ${r.floodMBps} | ${r.paletteIdleMs} / ${r.paletteFloodMs} | ${r.frameGapP90Ms} / ${r.frameGapMaxMs} |`,
      );
    }
  }
}
