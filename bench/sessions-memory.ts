// sessions-memory: what an idle interactive session costs in memory on the way to the target.
// N pty shells (ssh2 client, one connection each, a little output each, then idle) through the real
// gateway process, with the gateway's RSS (/proc) and V8 heap measured before and after; then the
// same N sessions through an OpenSSH sshd as ProxyJump peer (ssh2 client → jump, direct-tcpip →
// target), with the proportional memory (PSS) of the jump sshd's processes. Design target: < 1 MB
// per live session at the gateway. The gateway's heap is read through bench/memory-probe.mjs,
// preloaded into the gateway process for this run only (a signal and a file, no endpoint).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import ssh2, { type Client, type ClientChannel } from 'ssh2';
import { parsePublicKey } from '../shared/node/ssh-keys';
import { startBenchLab, type Endpoint } from './lab';
import { registerBenchmark, type BenchContext, type BenchReport } from './registry';

const PROBE = resolve(import.meta.dirname, 'memory-probe.mjs');
const PTY = { term: 'xterm-256color', cols: 120, rows: 40 };
/** Some output (`lines` lines), then a marker the echoed command line cannot contain. */
const greeting = (lines: number) => `seq 1 ${lines}; echo "READY-$((6*7))"\n`;
const KiB = 1024;
const MiB = 1024 * 1024;

interface Session {
  clients: Client[];
  channel: ClientChannel;
}

function connect(endpoint: Endpoint, username: string, privateKey: string, sock?: Duplex): Promise<Client> {
  const expected = parsePublicKey(endpoint.hostPublicKey).key.getPublicSSH();
  const client = new ssh2.Client();
  return new Promise((ok, fail) => {
    client.once('ready', () => ok(client));
    client.once('error', fail);
    client.connect({
      ...(sock ? { sock } : { host: '127.0.0.1', port: endpoint.port }),
      username,
      privateKey,
      hostVerifier: (key: Buffer) => expected.equals(key),
      readyTimeout: 60_000,
      algorithms: { cipher: ['aes128-gcm@openssh.com'], kex: ['curve25519-sha256'] },
    });
  });
}

function shell(client: Client, lines: number): Promise<ClientChannel> {
  return new Promise((ok, fail) =>
    client.shell(PTY, (err, channel) => {
      if (err) return fail(err);
      let seen = '';
      const timer = setTimeout(() => fail(new Error(`no prompt output within 60 s: ${JSON.stringify(seen.slice(-200))}`)), 60_000);
      const onData = (d: Buffer) => {
        seen = (seen + d.toString('latin1')).slice(-4096);
        if (!seen.includes('READY-42')) return;
        clearTimeout(timer);
        channel.off('data', onData);
        channel.resume(); // idle from now on; anything more (none expected) is read and dropped
        ok(channel);
      };
      channel.on('data', onData);
      channel.stderr.resume();
      channel.write(greeting(lines));
    }),
  );
}

function forwardOut(jump: Client, port: number): Promise<Duplex> {
  return new Promise((ok, fail) => jump.forwardOut('127.0.0.1', 0, '127.0.0.1', port, (err, stream) => (err ? fail(err) : ok(stream))));
}

/** Opens `count` sessions, `parallel` at a time. */
async function openMany(count: number, parallel: number, open: () => Promise<Session>, progress: (n: number) => void): Promise<Session[]> {
  const sessions: Session[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      sessions.push(await open());
      if (sessions.length % 25 === 0) progress(sessions.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return sessions;
}

async function closeAll(sessions: Session[]): Promise<void> {
  await Promise.all(
    sessions.map(
      (s) =>
        new Promise<void>((done) => {
          const last = s.clients[0]!;
          if ((last as unknown as { _sock?: { destroyed?: boolean } })._sock?.destroyed) return done();
          last.once('close', () => done());
          for (const c of [...s.clients].reverse()) c.end();
          setTimeout(done, 5000).unref();
        }),
    ),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Fields of /proc/PID/status (VmRSS, RssAnon, …) in bytes. */
function statusOf(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
    const m = /^(\w+):\s+(\d+) kB$/.exec(line);
    if (m) out[m[1]!] = Number(m[2]) * KiB;
  }
  return out;
}

interface GatewayMemory {
  rss: number;
  rssAnon: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** Asks the probe in the gateway for a GC and its figures; RSS from /proc right after. */
async function gatewayMemory(pid: number, file: string): Promise<GatewayMemory> {
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 300 && !existsSync(file); i++) await sleep(50);
  if (!existsSync(file)) throw new Error('the gateway did not answer the memory probe (was bench/memory-probe.mjs preloaded?)');
  const probe = JSON.parse(readFileSync(file, 'utf8')) as { gc: boolean; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
  if (!probe.gc) throw new Error('the gateway runs without --expose-gc: heap figures would include garbage');
  const status = statusOf(pid);
  return { rss: status.VmRSS!, rssAnon: status.RssAnon!, heapUsed: probe.heapUsed, heapTotal: probe.heapTotal, external: probe.external, arrayBuffers: probe.arrayBuffers };
}

/** The process and all its descendants (from /proc/*\/stat parent ids). */
function treeOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Proportional (PSS) and resident (RSS) memory of a process tree, bytes, and how many processes. */
function treeMemory(root: number): { pss: number; rss: number; processes: number } {
  let pss = 0;
  let rss = 0;
  let processes = 0;
  for (const pid of treeOf(root)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      pss += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * KiB;
      rss += Number(/^Rss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * KiB;
      processes++;
    } catch {
      // gone meanwhile
    }
  }
  return { pss, rss, processes };
}

const perSession = (before: number, after: number, n: number) => `${((after - before) / n / KiB).toFixed(0)}`;
const mib = (bytes: number) => (bytes / MiB).toFixed(1);

async function run(ctx: BenchContext): Promise<BenchReport[]> {
  const n = Math.max(1, Number.parseInt(ctx.options.extra.sessions ?? '100', 10) || 100);
  const parallel = Math.max(1, Number.parseInt(ctx.options.extra.parallel ?? '8', 10) || 8);
  // 40 lines: a fresh session; 1000: one whose screen follower has filled its scrollback.
  const lines = Math.max(0, Number.parseInt(ctx.options.extra.lines ?? '40', 10) || 0);
  const settleMs = 2000;
  const memFile = join(tmpdir(), `portcullis-bench-memory-${process.pid}.json`);
  // A gateway of its own (not the shared lab's): preloaded probe, and no garbage from other benchmarks.
  const lab = await startBenchLab({
    recording: ctx.options.recording,
    nodeArgs: ['--expose-gc', '--import', PROBE, ...(ctx.options.extra['gateway-node-args']?.split(' ') ?? [])],
    env: { PORTCULLIS_BENCH_MEMORY_FILE: memFile },
  });
  const { endpoints: ep, gatewayPid } = lab;
  const reports: BenchReport[] = [];
  try {
    const viaGateway = async (): Promise<Session> => {
      const client = await connect(ep.gateway, ep.gateway.username, ep.privateKey);
      return { clients: [client], channel: await shell(client, lines) };
    };
    const viaJump = async (): Promise<Session> => {
      const jump = await connect(ep.jump, ep.login, ep.privateKey);
      const target = await connect(ep.target, ep.login, ep.privateKey, await forwardOut(jump, ep.target.port));
      return { clients: [jump, target], channel: await shell(target, lines) };
    };

    // Warm-up: the first sessions load code (xterm, the recorder, ssh2's client side) once for all.
    await closeAll(await openMany(3, 3, viaGateway, () => {}));
    await sleep(settleMs);
    const gwBefore = await gatewayMemory(gatewayPid, memFile);
    const t0 = Date.now();
    const gwSessions = await openMany(n, parallel, viaGateway, (k) => ctx.progress(`sessions-memory: ${k}/${n} through the gateway`));
    const openSec = (Date.now() - t0) / 1000;
    await sleep(settleMs);
    const gwAfter = await gatewayMemory(gatewayPid, memFile);
    await closeAll(gwSessions);
    await sleep(settleMs);
    const gwClosed = await gatewayMemory(gatewayPid, memFile);

    await closeAll(await openMany(2, 2, viaJump, () => {}));
    await sleep(settleMs);
    const pjBefore = treeMemory(ep.jump.pid);
    const pjSessions = await openMany(n, parallel, viaJump, (k) => ctx.progress(`sessions-memory: ${k}/${n} through ProxyJump`));
    await sleep(settleMs);
    const pjAfter = treeMemory(ep.jump.pid);
    await closeAll(pjSessions);

    const field = (k: keyof GatewayMemory) => perSession(gwBefore[k], gwAfter[k], n);
    reports.push({
      title: `Memory per idle pty session: ${n} sessions, one connection each, ${PTY.cols}×${PTY.rows}, ${lines} lines of output each, recording ${ctx.options.recording ? 'on' : 'off'} (KiB per session)`,
      columns: ['path', 'RSS', 'RSS anon', 'V8 heap used', 'external (Buffers)', 'total before → with sessions → after closing (MiB)'],
      rows: [
        [
          'gateway (one Node process)',
          field('rss'),
          field('rssAnon'),
          field('heapUsed'),
          field('external'),
          `RSS ${mib(gwBefore.rss)} → ${mib(gwAfter.rss)} → ${mib(gwClosed.rss)}; heap ${mib(gwBefore.heapUsed)} → ${mib(gwAfter.heapUsed)} → ${mib(gwClosed.heapUsed)}`,
        ],
        [
          `OpenSSH sshd as ProxyJump peer (${((pjAfter.processes - pjBefore.processes) / n).toFixed(1)} processes per session)`,
          perSession(pjBefore.rss, pjAfter.rss, n),
          `PSS ${perSession(pjBefore.pss, pjAfter.pss, n)}`,
          '—',
          '—',
          `PSS ${mib(pjBefore.pss)} → ${mib(pjAfter.pss)}; RSS (sum) ${mib(pjBefore.rss)} → ${mib(pjAfter.rss)}`,
        ],
      ],
      notes: [
        `Target: < 1024 KiB per session at the gateway. Gateway figures after a forced full GC (bench/memory-probe.mjs); ${n} sessions opened in ${openSec.toFixed(1)} s, ${parallel} at a time.`,
        'ProxyJump row: the jump sshd and its per-connection children; RSS counts shared pages once per process, PSS shares them out (the fair figure for forked processes).',
      ],
    });
  } finally {
    await lab.stop();
    rmSync(memFile, { force: true });
  }
  return reports;
}

registerBenchmark({
  name: 'sessions-memory',
  description: 'memory per idle pty session: the gateway process (RSS, V8 heap) vs OpenSSH sshd as ProxyJump peer (PSS); --sessions N (100) --lines N (40)',
  run,
});
