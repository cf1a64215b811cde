// The loopback lab the SSH benchmarks share: a target sshd, a second sshd as an OpenSSH jump host,
// and the gateway run as its real CLI process. One ssh_config makes the three paths use the same
// client settings (cipher, kex, keys, known_hosts), so only the path differs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGatewayAdmin } from '../gateway/src/admin';
import { GATEWAY_BIN, gatewayNodeFlags } from '../lab/gateway-bin';
import { startSshdHosts, type SshdHosts } from '../lab/sshd-hosts';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';

export type PathName = 'direct' | 'proxyjump' | 'gateway';
export const PATHS: PathName[] = ['direct', 'proxyjump', 'gateway'];
export const CIPHER = 'aes128-gcm@openssh.com';
export const KEX = 'curve25519-sha256';

export interface BenchLab {
  /** `ssh` arguments (before the remote command) reaching the target by `path`. */
  sshArgs(path: PathName, opts?: { tty?: boolean }): string[];
  /** A scratch directory, removed by stop(). */
  dir: string;
  /** Gateway process id (for profiling). */
  gatewayPid: number;
  /** Size of the newest recording (.cast) the gateway wrote, bytes. */
  newestRecordingBytes(): number;
  /** CPU time (user + system) the gateway process has used so far, ms (Linux /proc). */
  gatewayCpuMs(): number;
  /** What an ssh2 client needs to reach each hop (the user's key works on the gateway and on both sshd). */
  endpoints: {
    privateKey: string;
    /** The target account on the sshd hosts. */
    login: string;
    gateway: Endpoint & { username: string };
    target: Endpoint;
    jump: Endpoint & { pid: number };
  };
  stop(): Promise<void>;
}

export interface Endpoint {
  port: number;
  hostPublicKey: string;
}

/** The most recently modified file under `dir` whose name ends in `suffix`. */
function newestFile(dir: string, suffix: string): { size: number; mtimeMs: number } | undefined {
  let newest: { size: number; mtimeMs: number } | undefined;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith(suffix)) continue;
    const st = statSync(join(dir, name));
    if (!newest || st.mtimeMs > newest.mtimeMs) newest = st;
  }
  return newest;
}

/** utime + stime of a process, ms; fields 14 and 15 of /proc/PID/stat, in clock ticks (100 Hz). */
export function cpuMsOf(pid: number, opts: { children?: boolean } = {}): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime + stime; with `children`, also cutime + cstime (its children that ended and were waited for)
  const own = Number(fields[11]) + Number(fields[12]);
  return (opts.children ? own + Number(fields[13]) + Number(fields[14]) : own) * 10;
}

export interface GatewayProcess {
  process: ChildProcess;
  port: number;
  hostPublicKey: string;
}

/** Runs the gateway's real CLI (`serve`) on `data`, on a loopback port of its own; resolves once it listens. */
export async function spawnGateway(data: string, opts: { cwd: string; recording: boolean; gatewayArgs?: string[]; nodeArgs?: string[]; env?: Record<string, string> }): Promise<GatewayProcess> {
  const gateway = spawn(process.execPath, [...gatewayNodeFlags(), ...(opts.nodeArgs ?? []), GATEWAY_BIN, 'serve', '--data', data, '--listen', '127.0.0.1:0', '--pretty', ...(opts.gatewayArgs ?? [])], {
    cwd: opts.cwd,
    env: { ...process.env, PORTCULLIS_LOG_LEVEL: 'warn', PORTCULLIS_RECORDING_ENABLED: String(opts.recording), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let errText = '';
  gateway.stderr!.on('data', (d: Buffer) => (errText = (errText + d.toString()).slice(-4000)));
  await new Promise<void>((ok, fail) => {
    gateway.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/host key: \S+ \S+/.test(out)) ok();
    });
    gateway.once('close', () => fail(new Error(`gateway exited: ${out}${errText}`)));
  });
  return { process: gateway, port: Number(/listening on [\d.]+:(\d+)/.exec(out)![1]), hostPublicKey: /host key: (\S+ \S+)/.exec(out)![1]! };
}

/** Stops a gateway spawnGateway started, without a grace period. */
export async function stopGateway(gateway: ChildProcess): Promise<void> {
  if (gateway.exitCode !== null || gateway.signalCode !== null) return;
  const exited = new Promise((r) => gateway.once('close', r));
  gateway.kill('SIGINT');
  gateway.kill('SIGINT'); // second signal: no grace period
  await exited;
}

export async function startBenchLab(opts: { recording: boolean; gatewayArgs?: string[]; nodeArgs?: string[]; env?: Record<string, string> }): Promise<BenchLab> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-'));
  const user = generateEd25519KeyPair();
  const credential = generateEd25519KeyPair();
  let hosts: SshdHosts | undefined;
  let gateway: ChildProcess | undefined;
  const stop = async () => {
    if (gateway) await stopGateway(gateway);
    await hosts?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    hosts = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['target', 'jump'], authorizedKeys: [user.public, credential.public] });
    const [target, jump] = hosts.hosts as [(typeof hosts.hosts)[0], (typeof hosts.hosts)[0]];
    const data = join(dir, 'gateway');
    const admin = openGatewayAdmin(data);
    admin.addUser({ name: 'alice', publicKeys: [user.public] });
    admin.addHost({ name: 'web-01', address: target.address });
    admin.pinHostKey('web-01', target.hostPublicKey);
    admin.setCredential({ host: 'web-01', login: target.login, privateKey: credential.private });
    admin.addGrant({ user: 'alice', hosts: 'web-01', login: target.login, until: Date.now() + 24 * 3600_000 });
    admin.close();

    const started = await spawnGateway(data, { cwd: dir, recording: opts.recording, gatewayArgs: opts.gatewayArgs, nodeArgs: opts.nodeArgs, env: opts.env });
    gateway = started.process;
    const gwPort = started.port;
    const gwKey = started.hostPublicKey;

    const keyFile = join(dir, 'id_ed25519');
    writeFileSync(keyFile, user.private, { mode: 0o600 });
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, [`[127.0.0.1]:${target.port} ${target.hostPublicKey}`, `[127.0.0.1]:${jump.port} ${jump.hostPublicKey}`, `[127.0.0.1]:${gwPort} ${gwKey}`, ''].join('\n'));
    const config = join(dir, 'ssh_config');
    writeFileSync(
      config,
      [
        'Host *',
        `  IdentityFile ${keyFile}`,
        '  IdentitiesOnly yes',
        '  BatchMode yes',
        `  UserKnownHostsFile ${knownHosts}`,
        '  GlobalKnownHostsFile /dev/null',
        '  StrictHostKeyChecking yes',
        `  Ciphers ${CIPHER}`,
        `  KexAlgorithms ${KEX}`,
        '  Compression no',
        '  ControlMaster no',
        '  ControlPath none',
        '  LogLevel ERROR',
        '',
      ].join('\n'),
    );
    const login = target.login;
    return {
      dir,
      gatewayPid: gateway.pid!,
      gatewayCpuMs: () => cpuMsOf(gateway!.pid!),
      newestRecordingBytes: () => newestFile(join(data, 'recordings'), '.cast')?.size ?? 0,
      endpoints: {
        privateKey: user.private,
        login,
        gateway: { port: gwPort, hostPublicKey: gwKey, username: `alice:${login}@web-01` },
        target: { port: target.port, hostPublicKey: target.hostPublicKey },
        jump: { port: jump.port, hostPublicKey: jump.hostPublicKey, pid: jump.pid },
      },
      stop,
      sshArgs(path, { tty = false } = {}) {
        const base = ['-F', config, ...(tty ? ['-tt'] : ['-T'])];
        if (path === 'direct') return [...base, '-p', String(target.port), `${login}@127.0.0.1`];
        if (path === 'proxyjump') return [...base, '-J', `${login}@127.0.0.1:${jump.port}`, '-p', String(target.port), `${login}@127.0.0.1`];
        return [...base, '-p', String(gwPort), `alice:${login}@web-01@127.0.0.1`];
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
