// Throughput and keystroke echo through the three SSH paths: direct, OpenSSH ProxyJump, gateway.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS, CIPHER, KEX, type BenchLab, type PathName } from './lab';
import { stealMeters } from './host-steal';
import { median, percentile, registerBenchmark, type BenchContext } from './registry';

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

/** Runs `ssh … 'head -c BYTES SOURCE' | wc -c`; returns ms, after checking every byte arrived. */
function stream(lab: BenchLab, path: PathName, bytes: number, source: string): Promise<number> {
  const args = [...lab.sshArgs(path), `head -c ${bytes} ${source}`];
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

/**
 * A file of base64 text (random bytes, 76-character lines like base64(1)) in the lab directory:
 * realistic terminal output, where the /dev/zero stream is the recorder's worst case (each NUL
 * becomes the 6-byte JSON escape \u0000). Written once; read from the page cache afterwards.
 */
function textFile(lab: BenchLab, bytes: number): string {
  const file = join(lab.dir, 'base64.txt');
  const fd = openSync(file, 'w');
  try {
    for (let written = 0; written < bytes; ) {
      const text = randomBytes(57 * 16 * 1024).toString('base64').replace(/.{76}/g, '$&\n');
      writeSync(fd, text.slice(0, bytes - written));
      written += Math.min(text.length, bytes - written);
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
const fixed = (n: number, digits = 1) => n.toFixed(digits);

const PAYLOADS = {
  zero: { title: 'of /dev/zero', source: () => '/dev/zero' },
  text: { title: 'of base64 text (random bytes, 76-column lines)', source: textFile },
} as const;
type Payload = keyof typeof PAYLOADS;

async function throughput(ctx: BenchContext) {
  const mb = Number(ctx.options.extra.mb ?? 200);
  const bytes = mb * 1_000_000;
  const payloads = (ctx.options.extra.payload ?? 'zero,text').split(',') as Payload[];
  if (payloads.some((p) => !(p in PAYLOADS))) throw new Error(`--payload: zero, text or zero,text`);
  const lab = await ctx.lab();
  const sources = Object.fromEntries(payloads.map((p) => [p, PAYLOADS[p].source(lab, bytes)])) as Record<Payload, string>;
  const perPath = (): Record<PathName, number[]> => ({ direct: [], proxyjump: [], gateway: [] });
  const full: Record<Payload, Record<PathName, number[]>> = { zero: perPath(), text: perPath() };
  const gatewayCpu: Record<Payload, number[]> = { zero: [], text: [] };
  const recorded: Record<Payload, number[]> = { zero: [], text: [] };
  const setup = perPath();
  const steal = stealMeters(PATHS);
  // Untimed first runs: every path reaches its steady state (the gateway's JIT, heap and buffer
  // pools warm up over its first few hundred MB; a gateway runs for months).
  const warmup = Number(ctx.options.extra.warmup ?? 1);
  for (let w = 1; w <= warmup; w++) {
    for (const payload of payloads) {
      for (const path of PATHS) {
        await stream(lab, path, bytes, sources[payload]);
        ctx.progress(`throughput ${payload} ${path} warm-up run ${w} (untimed)`);
      }
    }
  }
  for (let r = 1; r <= ctx.options.repeats; r++) {
    for (const payload of payloads) {
      for (const path of PATHS) {
        // Interleaved, so a burst of load on the machine hits every path alike.
        setup[path].push(await stream(lab, path, 0, sources[payload]));
        const cpu0 = lab.gatewayCpuMs();
        steal[path].start();
        full[payload][path].push(await stream(lab, path, bytes, sources[payload]));
        steal[path].stop();
        if (path === 'gateway') {
          gatewayCpu[payload].push(lab.gatewayCpuMs() - cpu0);
          recorded[payload].push(lab.newestRecordingBytes());
        }
        ctx.progress(`throughput ${payload} ${path} run ${r}: ${fixed(mbps(bytes, full[payload][path].at(-1)! - median(setup[path])))} MB/s`);
      }
    }
  }
  return payloads.map((payload) => {
    const rate = (path: PathName) => full[payload][path].map((ms) => mbps(bytes, ms - median(setup[path])));
    const pj = median(rate('proxyjump'));
    const cpu = gatewayCpu[payload];
    return {
      title: `Throughput: ${mb} MB ${PAYLOADS[payload].title} over exec, no pty (median of ${ctx.options.repeats})`,
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
        `${warmup} untimed warm-up run${warmup === 1 ? '' : 's'} per path and payload first (--warmup N)`,
        'the gateway records every session (asciicast v2 + keyframes + command log), as in production',
        `recording written per gateway run: ${recorded[payload].map((b) => fixed(b / 1e6, 0)).join(' / ')} MB (the JSON of ${mb} MB${payload === 'zero' ? ': six bytes, \\u0000, per NUL' : ''})`,
        `gateway process CPU per run: ${cpu.map((ms) => fixed(ms / 1000, 2)).join(' / ')} s (${fixed(mb / (median(cpu) / 1000), 0)} MB per CPU-second; a bound on its throughput with a core of its own)`,
        `load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; host steal time during the timed runs (all payloads): ${PATHS.map((path) => `${path} ${fixed(steal[path].percent, 1)} %`).join(', ')}`,
        'target: gateway ≥ 1.0× ProxyJump',
      ],
    };
  });
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
  const samples = Number(ctx.options.extra.samples ?? 2000);
  const lab = await ctx.lab();
  const p50: Record<PathName, number[]> = { direct: [], proxyjump: [], gateway: [] };
  const p90: Record<PathName, number[]> = { direct: [], proxyjump: [], gateway: [] };
  const p99: Record<PathName, number[]> = { direct: [], proxyjump: [], gateway: [] };
  const steal = stealMeters(PATHS);
  // Untimed first sessions, as for throughput: a freshly started gateway's first few thousand
  // keystrokes run while its JIT compiles the relay path (~480 µs of CPU per key, then ~330).
  const warmup = Number(ctx.options.extra.warmup ?? 1);
  for (let w = 1; w <= warmup; w++) {
    for (const path of PATHS) {
      const times = await echoSamples(lab, path, samples);
      ctx.progress(`echo ${path} warm-up session ${w} (untimed): p50 ${fixed(percentile(times, 50), 3)} ms, p99 ${fixed(percentile(times, 99), 3)} ms`);
    }
  }
  for (let r = 1; r <= ctx.options.repeats; r++) {
    for (const path of PATHS) {
      steal[path].start();
      const times = await echoSamples(lab, path, samples);
      steal[path].stop();
      p50[path].push(percentile(times, 50));
      p90[path].push(percentile(times, 90));
      p99[path].push(percentile(times, 99));
      ctx.progress(`echo ${path} run ${r}: p50 ${fixed(p50[path].at(-1)!, 3)} ms, p99 ${fixed(p99[path].at(-1)!, 3)} ms`);
    }
  }
  const m = (xs: number[]) => median(xs);
  return [
    {
      title: `Keystroke echo: ${samples} single bytes through a pty running \`cat\` (stty raw -echo), ms (median of ${ctx.options.repeats} sessions)`,
      columns: ['path', 'p50', 'p90', 'p99', 'p50 added vs ProxyJump', 'p99 added vs ProxyJump'],
      rows: PATHS.map((path) => [
        path === 'gateway' ? `gateway (recording ${ctx.options.recording ? 'on' : 'off'})` : path === 'proxyjump' ? 'OpenSSH ProxyJump (ssh -J)' : 'direct OpenSSH',
        fixed(m(p50[path]), 3),
        fixed(m(p90[path]), 3),
        fixed(m(p99[path]), 3),
        path === 'proxyjump' ? '—' : fixed(m(p50[path]) - m(p50.proxyjump), 3),
        path === 'proxyjump' ? '—' : fixed(m(p99[path]) - m(p99.proxyjump), 3),
      ]),
      notes: [
        'client: `ssh -tt` on every path; time from writing a byte to its echo arriving at the client',
        `${warmup} untimed warm-up session${warmup === 1 ? '' : 's'} per path first (--warmup N)`,
        `host steal time during the sessions (the hypervisor running others; stalls of milliseconds that make the p99): ${PATHS.map((path) => `${path} ${fixed(steal[path].percent, 1)} %`).join(', ')}`,
        'target: gateway p99 added vs ProxyJump ≤ 1 ms',
      ],
    },
  ];
}

registerBenchmark({ name: 'throughput', description: '200 MB over exec, /dev/zero and base64 text: direct vs ProxyJump vs gateway (--mb N, --payload zero|text|zero,text, --warmup N)', run: throughput });
registerBenchmark({ name: 'echo', description: 'keystroke echo latency p50/p99: direct vs ProxyJump vs gateway (--samples N, --warmup N)', run: echo });
