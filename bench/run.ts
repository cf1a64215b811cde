// `npm run bench [-- NAME… [--recording on|off] [--repeats N] [--KEY VALUE]…]`: runs the named
// benchmarks (all when none is named) and prints their tables (markdown) on stdout.
import { arch, cpus, hostname, release } from 'node:os';
import { startBenchLab, type BenchLab } from './lab';
import { formatTable, listBenchmarks, type BenchContext, type BenchOptions } from './registry';
import './ssh-paths';
import './client-benches';
import './sessions-memory';
import './review';
import './batch-hosts';
import './inventory-import';
import './metrics-sampler';
import './metrics';
import './metrics-frames';

function parseArgs(argv: string[]): { names: string[]; options: BenchOptions } {
  const names: string[] = [];
  const options: BenchOptions = { recording: true, repeats: 3, extra: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      names.push(arg);
      continue;
    }
    const key = arg.slice(2);
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (key === 'recording') {
      if (value !== 'on' && value !== 'off') throw new Error('--recording takes on or off');
      if (value === 'off') throw new Error('--recording off is not supported: the gateway records every session');
      options.recording = true;
    } else if (key === 'repeats') options.repeats = Math.max(1, Number.parseInt(value, 10) || 1);
    else options.extra[key] = value;
  }
  return { names, options };
}

async function main(): Promise<number> {
  const { names, options } = parseArgs(process.argv.slice(2));
  const all = listBenchmarks();
  if (names.includes('list') || names.includes('help')) {
    for (const b of all) console.log(`${b.name.padEnd(12)} ${b.description}`);
    return 0;
  }
  const unknown = names.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${all.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const chosen = names.length ? all.filter((b) => names.includes(b.name)) : all;

  let lab: Promise<BenchLab> | undefined;
  const ctx: BenchContext = {
    options,
    lab: () => (lab ??= startBenchLab({ recording: options.recording, nodeArgs: options.extra['gateway-node-args']?.split(' ') })),
    progress: (line) => console.error(`  ${line}`),
  };
  console.log(`# Portcullis bench, ${new Date().toISOString()}`);
  console.log(`${hostname()}: ${cpus().length}× ${cpus()[0]?.model ?? '?'}, ${arch()} Linux ${release()}, Node ${process.version}\n`);
  try {
    for (const b of chosen) {
      console.error(`${b.name}…`);
      for (const report of await b.run(ctx)) console.log(formatTable(report));
    }
  } finally {
    if (lab) await (await lab).stop();
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
