// The desktop client's benchmarks in `npm run bench`: the host tree with 50k hosts (real Chromium,
// run as its own process because it drives a browser) and Ctrl+C during a `yes` flood.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runFloodCtrlC } from './flood-ctrl-c';
import { registerBenchmark } from './registry';

registerBenchmark({
  name: 'tree',
  description: 'host tree of 50k hosts in Chromium: first paint and filter per keystroke (needs npm run build:renderer)',
  async run() {
    const run = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'tree-50k.ts'), '--json'], { encoding: 'utf8' });
    const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
    if (!line) throw new Error(`tree-50k printed no result: ${run.stderr.slice(-500)}`);
    const r = JSON.parse(line) as { hosts: number; firstPaintMs: number; filterMedianMs: number; targets: { firstPaintMs: number; filterMs: number } };
    return [
      {
        title: `Host tree, ${r.hosts.toLocaleString('en')} hosts (Chromium)`,
        columns: ['measure', 'ms', 'target'],
        rows: [
          ['first paint', r.firstPaintMs, `< ${r.targets.firstPaintMs}`],
          ['filter, median per keystroke', r.filterMedianMs, `< ${r.targets.filterMs}`],
        ],
      },
    ];
  },
});

registerBenchmark({
  name: 'flood',
  description: 'Ctrl+C during a `yes` flood through the gateway, with a renderer that parses at 4 MB/s: time until the prompt',
  async run(ctx) {
    const result = await runFloodCtrlC({ runs: ctx.options.repeats, parseBytesPerSecond: 4_000_000, log: ctx.progress });
    return [
      {
        title: 'Ctrl+C during a flood (client main side → gateway → sshd, pty)',
        columns: ['p50 ms', 'runs (ms)', 'target', 'bytes received / expected'],
        rows: [[Math.round(result.p50Ms), result.latenciesMs.map((l) => Math.round(l)).join(', '), '< 300', `${result.integrity.received} / ${result.integrity.expected}`]],
      },
    ];
  },
});
