// Dropped frames in a page, for the browser benchmarks: every requestAnimationFrame callback's time
// and every long task (PerformanceObserver 'longtask': main-thread work over 50 ms) between start
// and stop. A frame counts as dropped when the gap before it is over 1.5 × the frame interval
// (60 Hz: headless Chromium's rate when nothing holds it back; a page that never keeps up would
// make a measured interval lie), and a gap of n intervals drops n − 1 frames.
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { percentile } from './registry';

export interface FrameReport {
  seconds: number;
  /** The frame interval (60 Hz), ms. */
  intervalMs: number;
  /** Frames the interval allows in the time measured. */
  expected: number;
  /** requestAnimationFrame callbacks that ran. */
  drawn: number;
  dropped: number;
  gapP99Ms: number;
  longestGapMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** Main-thread busy time (Chromium's TaskDuration) over the time measured: % of one core (wall time: grows with the machine's load). */
  rendererCpuPercent: number;
  /** CPU time the renderer processes used meanwhile, ms (from /proc: what the work costs, whatever else the machine runs). */
  rendererCpuMs: number;
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system) of this process's Chromium renderer processes, ms. */
export function rendererCpuMs(): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('--type=renderer')) ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone meanwhile
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parents.get(pid); p && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...ticks].filter(([pid]) => ours(pid)).reduce((sum, [, t]) => sum + t * CLOCK_TICK_MS, 0);
}

interface ProbeWindow {
  __frameProbe?: { frames: number[]; tasks: number[]; observer: PerformanceObserver; stopped: boolean };
}

/** Starts recording frames and long tasks in the page (one probe at a time). */
export async function startFrameProbe(page: Page): Promise<() => Promise<FrameReport>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  };
  const busyBefore = await busy();
  const cpuBefore = rendererCpuMs();
  const wallBefore = Date.now();
  await page.evaluate('globalThis.__name ??= (f) => f'); // tsx (esbuild keepNames) wraps the functions below with it
  await page.evaluate(() => {
    const w = window as ProbeWindow;
    const probe = { frames: [] as number[], tasks: [] as number[], observer: new PerformanceObserver((list) => list.getEntries().forEach((e) => probe.tasks.push(e.duration))), stopped: false };
    probe.observer.observe({ type: 'longtask', buffered: false });
    w.__frameProbe = probe;
    const tick = (t: number) => {
      if (probe.stopped) return;
      probe.frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return async () => {
    const { frames, tasks } = await page.evaluate(() => {
      const probe = (window as ProbeWindow).__frameProbe!;
      probe.stopped = true;
      probe.observer.disconnect();
      (window as ProbeWindow).__frameProbe = undefined;
      return { frames: probe.frames, tasks: probe.tasks };
    });
    const cpu = (100 * ((await busy()) - busyBefore)) / (Date.now() - wallBefore);
    const cpuMs = rendererCpuMs() - cpuBefore;
    await cdp.detach().catch(() => {});
    return { ...frameReport(frames, tasks, cpu), rendererCpuMs: cpuMs };
  };
}

/** The figures from the frames' times and the long tasks' durations (ms). */
export function frameReport(frames: number[], tasks: number[], rendererCpuPercent: number): Omit<FrameReport, 'rendererCpuMs'> {
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
  const intervalMs = 1000 / 60;
  const span = frames.length > 1 ? frames.at(-1)! - frames[0]! : 0;
  const dropped = gaps.filter((g) => g > 1.5 * intervalMs).reduce((sum, g) => sum + Math.round(g / intervalMs) - 1, 0);
  return {
    seconds: Number((span / 1000).toFixed(1)),
    intervalMs: Number(intervalMs.toFixed(1)),
    expected: Math.round(span / intervalMs) + 1,
    drawn: frames.length,
    dropped,
    gapP99Ms: gaps.length ? Math.round(percentile(gaps, 99)) : 0,
    longestGapMs: gaps.length ? Math.round(Math.max(...gaps)) : 0,
    longTasks: tasks.length,
    longestTaskMs: tasks.length ? Math.round(Math.max(...tasks)) : 0,
    rendererCpuPercent: Number(rendererCpuPercent.toFixed(1)),
  };
}
