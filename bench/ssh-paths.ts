// Throughput and keystroke echo through the three SSH paths: direct, OpenSSH ProxyJump, gateway.
import { spawn } from 'node:child_process';
import { PATHS, CIPHER, KEX, type BenchLab, type PathName } from './lab';
import { median, percentile, registerBenchmark, type BenchContext } from './registry';

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

/** Runs `ssh … 'head -c BYTES /dev/zero' | wc -c`; returns ms, after checking every byte arrived. */
function stream(lab: BenchLab, path: PathName, bytes: number): Promise<number> {
  const args = [...lab.sshArgs(path), `head -c ${bytes} /dev/zero`];
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn('/bin/sh', ['-c', 'ssh "$@" | wc -c', 'sh', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const ms = now() - t0;
      if (Number(out.trim()) !== bytes) reject(new Error(`${path}: got ${out.trim()} bytes of ${bytes}: ${err}`));
      else resolve(ms);
    });
  });
}

const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
const fixed = (n: number, digits = 1) => n.toFixed(digits);

async function throughput(ctx: BenchContext) {
  const mb = Number(ctx.options.extra.mb ?? 200);
  const bytes = mb * 1_000_000;
  const lab = await ctx.lab();
  const setup: Record<PathName, number[]> = { direct: [], proxyjump: [], gateway: [] };
  const full: Record<PathName, number[]> = { direct: [], proxyjump: [], gateway: [] };
  const gatewayCpu: number[] = [];
  for (let r = 1; r <= ctx.options.repeats; r++) {
    for (const path of PATHS) {
      // Interleaved, so a burst of load on the machine hits every path alike.
      setup[path].push(await stream(lab, path, 0));
      const cpu0 = lab.gatewayCpuMs();
      full[path].push(await stream(lab, path, bytes));
      if (path === 'gateway') gatewayCpu.push(lab.gatewayCpuMs() - cpu0);
      ctx.progress(`throughput ${path} run ${r}: ${fixed(mbps(bytes, full[path].at(-1)! - median(setup[path])))} MB/s`);
    }
  }
  const rate = (path: PathName) => full[path].map((ms) => mbps(bytes, ms - median(setup[path])));
  const pj = median(rate('proxyjump'));
  return [
    {
      title: `Throughput: ${mb} MB of /dev/zero over exec, no pty (median of ${ctx.options.repeats})`,
      columns: ['path', 'MB/s', 'runs (MB/s)', 'connect+exec ms', 'vs ProxyJump'],
      rows: PATHS.map((path) => [
        path === 'gateway' ? `gateway (recording ${ctx.options.recording ? 'on' : 'off'})` : path === 'proxyjump' ? 'OpenSSH ProxyJump (ssh -J)' : 'direct OpenSSH',
        fixed(median(rate(path))),
        rate(path).map((v) => fixed(v, 0)).join(' / '),
        fixed(median(setup[path]), 0),
        `${fixed(median(rate(path)) / pj, 2)}×`,
      ]),
      notes: [
        `client: OpenSSH ssh with ${CIPHER}, ${KEX} on every hop it controls; gateway → target: ssh2 with its default preference`,
        'MB/s = bytes / (time − median time of the same command with 0 bytes), i.e. connection setup excluded',
        'the gateway records every session (asciicast v2 + keyframes + command log), as in production',
        `gateway process CPU per run: ${gatewayCpu.map((ms) => fixed(ms / 1000, 2)).join(' / ')} s (${fixed(mb / (median(gatewayCpu) / 1000), 0)} MB per CPU-second; a bound on its throughput with a core of its own)`,
        'target: gateway ≥ 1.0× ProxyJump',
      ],
    },
  ];
}

/** One pty session running `cat` in raw mode: sends one byte at a time and times its echo. */
async function echoSamples(lab: BenchLab, path: PathName, samples: number): Promise<number[]> {
  const child = spawn('ssh', [...lab.sshArgs(path, { tty: true }), 'stty raw -echo; echo READY; exec cat'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const closed = new Promise<void>((r) => child.once('close', () => r()));
  try {
    let pending: ((data: string) => void) | undefined;
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString('latin1');
      pending?.(buffered);
    });
    const waitFor = (pattern: string, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${path}: no ${JSON.stringify(pattern)} within ${timeoutMs} ms; got ${JSON.stringify(buffered.slice(-80))} ${err}`)), timeoutMs);
        const check = (text: string) => {
          const at = text.indexOf(pattern);
          if (at < 0) return;
          buffered = text.slice(at + pattern.length);
          pending = undefined;
          clearTimeout(timer);
          resolve();
        };
        pending = check;
        check(buffered);
      });
    await waitFor('READY');
    const times: number[] = [];
    const warmup = 20;
    for (let i = 0; i < samples + warmup; i++) {
      const byte = String.fromCharCode(97 + (i % 26));
      const t0 = now();
      child.stdin.write(byte);
      await waitFor(byte, 5000);
      if (i >= warmup) times.push(now() - t0);
    }
    return times;
  } finally {
    child.kill('SIGTERM');
    await closed;
  }
}

async function echo(ctx: BenchContext) {
  const samples = Number(ctx.options.extra.samples ?? 300);
  const lab = await ctx.lab();
  const p50: Record<PathName, number[]> = { direct: [], proxyjump: [], gateway: [] };
  const p99: Record<PathName, number[]> = { direct: [], proxyjump: [], gateway: [] };
  for (let r = 1; r <= ctx.options.repeats; r++) {
    for (const path of PATHS) {
      const times = await echoSamples(lab, path, samples);
      p50[path].push(percentile(times, 50));
      p99[path].push(percentile(times, 99));
      ctx.progress(`echo ${path} run ${r}: p50 ${fixed(p50[path].at(-1)!, 3)} ms, p99 ${fixed(p99[path].at(-1)!, 3)} ms`);
    }
  }
  const m = (xs: number[]) => median(xs);
  return [
    {
      title: `Keystroke echo: ${samples} single bytes through a pty running \`cat\` (stty raw -echo), ms (median of ${ctx.options.repeats} sessions)`,
      columns: ['path', 'p50', 'p99', 'p50 added vs ProxyJump', 'p99 added vs ProxyJump'],
      rows: PATHS.map((path) => [
        path === 'gateway' ? `gateway (recording ${ctx.options.recording ? 'on' : 'off'})` : path === 'proxyjump' ? 'OpenSSH ProxyJump (ssh -J)' : 'direct OpenSSH',
        fixed(m(p50[path]), 3),
        fixed(m(p99[path]), 3),
        path === 'proxyjump' ? '—' : fixed(m(p50[path]) - m(p50.proxyjump), 3),
        path === 'proxyjump' ? '—' : fixed(m(p99[path]) - m(p99.proxyjump), 3),
      ]),
      notes: ['client: `ssh -tt` on every path; time from writing a byte to its echo arriving at the client', 'target: gateway p99 added vs ProxyJump ≤ 1 ms'],
    },
  ];
}

registerBenchmark({ name: 'throughput', description: '200 MB over exec: direct vs ProxyJump vs gateway (--mb N)', run: throughput });
registerBenchmark({ name: 'echo', description: 'keystroke echo latency p50/p99: direct vs ProxyJump vs gateway (--samples N)', run: echo });
