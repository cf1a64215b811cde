// batch: `uptime` on hundreds of hosts as one gateway batch job (each host run a recorded, audited
// exec session; submitted with `ssh … batch` from the OpenSSH client), against `parallel-ssh -p N`
// straight to the same sshd processes, in the same run. The hosts are real sshd on loopback, several
// gateway hosts per sshd (distinct names, same address). Both sides use an ed25519 key and the
// sshd allows only one cipher and one key exchange, so the SSH work per host is the same.
// Targets (issue 17): gateway ≤ 1.0× pssh's wall time, first result < 1 s.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGatewayAdmin } from '../gateway/src/admin';
import { startSshdHosts, type SshdHosts } from '../lab/sshd-hosts';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';
import { CIPHER, cpuMsOf, KEX, spawnGateway, stopGateway, type GatewayProcess } from './lab';
import { median, registerBenchmark, type BenchContext, type BenchReport } from './registry';

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms
const PSSH = ['parallel-ssh', 'pssh'].find((bin) => spawnSync('which', [bin]).status === 0);

interface Scale {
  hosts: number;
  sshds: number;
  parallel: number;
}
const SCALES: Scale[] = [
  { hosts: 500, sshds: 25, parallel: 50 },
  { hosts: 2000, sshds: 50, parallel: 200 },
];

interface Run {
  wallMs: number;
  firstMs: number;
  /** Output lines that name a host (one per host for `uptime`). */
  results: number;
  exit: number | null;
  stderr: string;
}

/** Runs a command; times its first stdout line that `isResult` accepts and its end. */
function timed(argv: string[], isResult: (line: string) => boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    let firstMs = Number.NaN;
    let results = 0;
    let partial = '';
    let stderr = '';
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        if (!isResult(line)) continue;
        if (results++ === 0) firstMs = now() - t0;
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (exit) => resolve({ wallMs: now() - t0, firstMs, results, exit, stderr }));
  });
}

/** VmHWM (peak RSS) of a process, bytes; reset to the current RSS by writing 5 to clear_refs. */
function peakRss(pid: number): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? Number.NaN) * 1024;
}
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false; // not our process to write (or an old kernel): the peak is then since the start
  }
}

const hostName = (i: number) => `b-${String(i).padStart(4, '0')}`;

interface BatchLab {
  dir: string;
  gateway: GatewayProcess;
  sshds: SshdHosts;
  config: string;
  hostsFile: string;
  login: string;
  stop(): Promise<void>;
}

/** `scale.sshds` sshd processes, `scale.hosts` gateway hosts spread over them, a grant on all of them for alice. */
async function startBatchLab(scale: Scale, progress: (line: string) => void, nodeArgs?: string[]): Promise<BatchLab> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-batch-'));
  const user = generateEd25519KeyPair();
  const credential = generateEd25519KeyPair();
  let sshds: SshdHosts | undefined;
  let gateway: GatewayProcess | undefined;
  const stop = async () => {
    if (gateway) await stopGateway(gateway.process);
    await sshds?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    sshds = await startSshdHosts({
      dir: join(dir, 'sshd'),
      names: Array.from({ length: scale.sshds }, (_, i) => `sshd-${i}`),
      authorizedKeys: [user.public, credential.public],
      // One cipher, one key exchange: the gateway's ssh2 client and pssh's ssh do the same work.
      extraConfig: [`Ciphers ${CIPHER}`, `KexAlgorithms ${KEX}`],
    });
    const login = sshds.hosts[0]!.login;
    progress(`${scale.sshds} sshd up; registering ${scale.hosts} hosts`);
    const data = join(dir, 'gateway');
    const admin = openGatewayAdmin(data);
    admin.addUser({ name: 'alice', publicKeys: [user.public] });
    const hostLines: string[] = [];
    for (let i = 0; i < scale.hosts; i++) {
      const sshd = sshds.hosts[i % scale.sshds]!;
      admin.addHost({ name: hostName(i), address: sshd.address, nodes: [['bench']] });
      admin.pinHostKey(hostName(i), sshd.hostPublicKey);
      admin.setCredential({ host: hostName(i), login, privateKey: credential.private });
      hostLines.push(`${login}@127.0.0.1:${sshd.port}`);
    }
    admin.addGrant({ user: 'alice', hosts: 'node:bench', login, until: Date.now() + 24 * 3600_000 });
    admin.close();
    gateway = await spawnGateway(data, { cwd: dir, recording: true, nodeArgs });

    const keyFile = join(dir, 'id_ed25519');
    writeFileSync(keyFile, user.private, { mode: 0o600 });
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, [...sshds.hosts.map((h) => `[127.0.0.1]:${h.port} ${h.hostPublicKey}`), `[127.0.0.1]:${gateway.port} ${gateway.hostPublicKey}`, ''].join('\n'));
    const config = join(dir, 'ssh_config');
    writeFileSync(
      config,
      ['Host *', `  IdentityFile ${keyFile}`, '  IdentitiesOnly yes', '  BatchMode yes', `  UserKnownHostsFile ${knownHosts}`, '  GlobalKnownHostsFile /dev/null', '  StrictHostKeyChecking yes', `  Ciphers ${CIPHER}`, `  KexAlgorithms ${KEX}`, '  Compression no', '  ControlMaster no', '  ControlPath none', '  LogLevel ERROR', ''].join('\n'),
    );
    const hostsFile = join(dir, 'pssh-hosts');
    writeFileSync(hostsFile, hostLines.join('\n') + '\n');
    mkdirSync(join(dir, 'pssh-out'), { recursive: true });
    return { dir, gateway, sshds, config, hostsFile, login, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface Sample {
  gateway: Run;
  peakRss: number;
  cpuMs: number;
  pssh?: Run;
}

async function sampleOnce(lab: BatchLab, scale: Scale): Promise<Sample> {
  const pid = lab.gateway.process.pid!;
  resetPeakRss(pid);
  const cpu0 = cpuMsOf(pid);
  const gateway = await timed(
    ['ssh', '-F', lab.config, '-T', '-p', String(lab.gateway.port), 'alice@127.0.0.1', 'batch', '--hosts', 'node:bench', '--parallel', String(scale.parallel), '--', 'uptime'],
    (line) => /^b-\d{4}: .*load average/.test(line),
  );
  const sample: Sample = { gateway, peakRss: peakRss(pid), cpuMs: cpuMsOf(pid) - cpu0 };
  if (gateway.results === 0) throw new Error(`gateway batch: exit ${gateway.exit}, no result: ${gateway.stderr}`);
  if (PSSH) {
    const pssh = await timed([PSSH, '-h', lab.hostsFile, '-p', String(scale.parallel), '-t', '0', '-P', '-x', `-F ${lab.config}`, 'uptime'], (line) => /^127\.0\.0\.1: .*load average/.test(line));
    sample.pssh = pssh;
  }
  return sample;
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const MiB = 1024 * 1024;

async function runScale(ctx: BenchContext, scale: Scale): Promise<BenchReport> {
  ctx.progress(`${scale.hosts} hosts on ${scale.sshds} sshd, parallel ${scale.parallel}`);
  const lab = await startBatchLab(scale, ctx.progress, ctx.options.extra['gateway-node-args']?.split(' '));
  const samples: Sample[] = [];
  const loads: string[] = [];
  try {
    for (let i = 0; i < ctx.options.repeats; i++) {
      loads.push(loadavg().map((l) => l.toFixed(2)).join(' '));
      const sample = await sampleOnce(lab, scale);
      ctx.progress(`  run ${i + 1}: gateway ${s(sample.gateway.wallMs)} s${sample.pssh ? `, pssh ${s(sample.pssh.wallMs)} s` : ''}`);
      samples.push(sample);
    }
  } finally {
    await lab.stop();
  }
  const med = (f: (x: Sample) => number) => median(samples.map(f));
  // Hosts that answered, worst run: a host that timed out or failed makes a wall time not comparable.
  const ok = (f: (x: Sample) => Run) => `${Math.min(...samples.map((x) => f(x).results))}/${scale.hosts}`;
  const gwWall = med((x) => x.gateway.wallMs);
  const psshWall = PSSH ? med((x) => x.pssh!.wallMs) : Number.NaN;
  const rows: BenchReport['rows'] = [
    ['gateway batch job (recorded, audited)', ok((x) => x.gateway), s(gwWall), s(med((x) => x.gateway.firstMs)), PSSH ? `${(gwWall / psshWall).toFixed(2)}×` : '—', `${(med((x) => x.peakRss) / MiB).toFixed(0)} MiB`, s(med((x) => x.cpuMs))],
  ];
  if (PSSH) rows.push([`${PSSH} -p ${scale.parallel}, straight to sshd`, ok((x) => x.pssh!), s(psshWall), s(med((x) => x.pssh!.firstMs)), '1.00×', '—', '—']);
  return {
    title: `batch: uptime on ${scale.hosts} hosts (${scale.sshds} sshd × ${scale.hosts / scale.sshds} hosts), parallel ${scale.parallel}, median of ${samples.length}`,
    columns: ['path', 'answered', 'wall s', 'first result s', 'vs pssh', 'gateway peak RSS', 'gateway CPU s'],
    rows,
    notes: [
      `${CIPHER}, ${KEX}, ed25519 keys on both paths; the gateway's figure includes the ssh login to the gateway and the batch summary; peak RSS is VmHWM, reset before each run.`,
      `Load average (1, 5, 15 min) before each run: ${loads.join('; ')}.`,
      ...(PSSH ? [] : ['parallel-ssh (Debian package pssh) is not installed here: only the gateway was measured.']),
    ],
  };
}

registerBenchmark({
  name: 'batch',
  description: 'uptime on 500 hosts (parallel 50) and 2,000 hosts (parallel 200) as a gateway batch job vs parallel-ssh; --scale 500|2000 runs one',
  async run(ctx) {
    const only = ctx.options.extra['scale'];
    const scales = only ? SCALES.filter((x) => String(x.hosts) === only) : SCALES;
    if (scales.length === 0) throw new Error(`--scale takes ${SCALES.map((x) => x.hosts).join(' or ')}`);
    const reports: BenchReport[] = [];
    for (const scale of scales) reports.push(await runScale(ctx, scale));
    return reports;
  },
});
