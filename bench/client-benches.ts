// The desktop client's benchmarks in `npm run bench`: the host tree with 50k hosts (real Chromium,
// run as its own process because it drives a browser) and Ctrl+C during a `yes` flood (the real
// renderer in Chromium, also its own process, and the renderer stand-in).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { BrowserFloodResult } from './flood-browser';
import type { Navigation, TreeRun } from './tree-50k';
import type { TreeCpuResult } from './tree-cpu';
import { runFloodCtrlC } from './flood-ctrl-c';
import { percentile, registerBenchmark } from './registry';

registerBenchmark({
  name: 'tree',
  description: 'host tree of 50k hosts in Chromium, tree health off and on: first paint, filter per keystroke, frames while scrolling (needs npm run build:renderer)',
  async run() {
    const run = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'tree-50k.ts'), '--json'], { encoding: 'utf8' });
    const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
    if (!line) throw new Error(`tree-50k printed no result: ${run.stderr.slice(-500)}`);
    type Nav = Navigation;
    const r = JSON.parse(line) as { hosts: number; hostListBytes: number; headBytes: number; healthIntervalMs: number; runs: TreeRun[]; targets: { firstPaintMs: number; filterMs: number } };
    const detail = (n: Nav) => `${n.firstPaintMs} (head received ${n.headReceivedMs}; whole list received ${n.hostsReceivedMs}, its tree painted ${n.wholeTreeMs})`;
    const scroll = (f: TreeRun['scroll']) => `${f.dropped} of ${f.expected} frames dropped; longest task ${f.longestTaskMs} ms; renderer CPU ${f.rendererCpuMs} ms`;
    const on = (run: TreeRun) => (run.health ? 'health on' : 'health off');
    return [
      {
        title: `Host tree, ${r.hosts.toLocaleString('en')} hosts (Chromium; host list ${(r.hostListBytes / 1e6).toFixed(2)} MB, its head ${(r.headBytes / 1e3).toFixed(1)} kB)`,
        columns: ['measure', 'ms', 'target'],
        rows: r.runs.flatMap((run) => [
          [`${on(run)}: first paint, warm: same tab again (median of 3)`, detail(run.warm), `< ${r.targets.firstPaintMs}`],
          [`${on(run)}: first paint, fresh: new tab, disk caches only (median of 3)`, detail(run.fresh), '(reported)'],
          [`${on(run)}: first paint, cold: first start`, detail(run.cold), '(reported)'],
          [`${on(run)}: filter, median per keystroke`, run.filterMedianMs, `< ${r.targets.filterMs}`],
          [`${on(run)}: scrolling ${run.scroll.seconds} s`, scroll(run.scroll), '(reported)'],
        ]),
        notes: [`health on: the stand-in answers the tree's metrics.health subscription, a report every ${r.healthIntervalMs / 1000} s (the gateway's is 5 s) with levels that change every report`],
      },
    ];
  },
});

registerBenchmark({
  name: 'tree-cpu',
  description: "host tree of 50k hosts in Chromium: the fresh first paint's main-thread CPU and script time, median of --rounds (9); --against DIR measures another build alternated with it (needs npm run build:renderer)",
  async run(ctx) {
    const pass = (key: string) => (ctx.options.extra[key] ? [`--${key}`, ctx.options.extra[key]] : []);
    const run = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'tree-cpu.ts'), '--json', ...pass('rounds'), ...pass('against')], { encoding: 'utf8' });
    const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
    if (!line) throw new Error(`tree-cpu printed no result: ${run.stderr.slice(-500)}`);
    const r = JSON.parse(line) as TreeCpuResult;
    return [
      {
        title: `Host tree, ${r.hosts.toLocaleString('en')} hosts: fresh first paint in CPU time (new tab each, median of ${r.rounds})`,
        columns: ['build', 'main-thread CPU ms', 'script ms', 'first paint ms'],
        rows: r.figures.map((f) => [f.build, f.median.threadCpuMs, f.median.scriptMs, f.median.firstPaintMs]),
        notes: [`load average ${r.load.join(' → ')}`],
      },
    ];
  },
});

registerBenchmark({
  name: 'flood',
  description: 'Ctrl+C during a `yes` flood through the gateway: the real renderer in Chromium (WebGL and DOM; needs npm run build:renderer) and a 4 MB/s renderer stand-in',
  async run(ctx) {
    const runs = Math.max(ctx.options.repeats, Number(ctx.options.extra['flood-runs'] ?? 5));
    const standIn = await runFloodCtrlC({ runs, parseBytesPerSecond: 4_000_000, log: ctx.progress });
    const browser = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'flood-browser.ts'), '--json', '--runs', String(runs)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const line = browser.stdout.split('\n').find((l) => l.startsWith('['));
    if (!line) throw new Error(`flood-browser printed no result: ${browser.stderr.slice(-800)}`);
    const real = JSON.parse(line) as BrowserFloodResult[];
    const ms = (xs: number[]) => xs.map((l) => Math.round(l)).join(', ');
    return [
      {
        title: 'Ctrl+C during a `yes` flood → prompt (browser shell or stand-in → client main side → gateway → sshd, pty)',
        columns: ['renderer', 'p50 ms', 'p90 ms', 'runs (ms)', 'target', 'KiB drawn after Ctrl+C', 'flood MB/s'],
        rows: [
          ...real.map((r) => [`Chromium, xterm ${r.renderer}`, r.p50Ms, r.p90Ms, ms(r.latenciesMs), '< 300', r.drainedKiB, r.floodMBps]),
          ['stand-in parsing 4 MB/s', Math.round(standIn.p50Ms), Math.round(percentile(standIn.latenciesMs, 90)), ms(standIn.latenciesMs), '< 300', '', ''],
        ],
        notes: [
          `no byte dropped: base64 flood through the stand-in ${standIn.integrity.received} / ${standIn.integrity.expected} characters, at ${standIn.integrityMBps.toFixed(1)} MB/s (the stand-in draws at once)`,
          'Chromium: the lab as its own process; timed from the keypress to the prompt on xterm\'s cursor line',
        ],
      },
      {
        title: 'UI during the flood (Chromium)',
        columns: ['renderer', 'palette opens, idle ms', 'palette opens, flood ms', 'frame gap p90 ms', 'longest frame gap ms'],
        rows: real.map((r) => [`xterm ${r.renderer}`, r.paletteIdleMs, r.paletteFloodMs, r.frameGapP90Ms, r.frameGapMaxMs]),
      },
    ];
  },
});
