// Real OpenSSH target hosts on loopback for the lab and the tests: one `sshd -D` per host, each
// with its own ed25519 host key and free port on 127.0.0.1. Real sshd instead of a fake, so the
// gateway is tested against the server it will meet in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';

export const DEFAULT_SSHD = '/usr/sbin/sshd';

export interface SshdHost {
  name: string;
  /** `127.0.0.1:PORT`, what `admin.addHost` takes. */
  address: string;
  port: number;
  /** The host's public key, OpenSSH one-line form (`ssh-ed25519 AAAA…`). */
  hostPublicKey: string;
  /** The account that can log in with the authorized keys: root when we run as root. */
  login: string;
  pid: number;
}

export interface SshdHostsOptions {
  /** A directory of our own; each host gets `dir/NAME/`. */
  dir: string;
  names: string[];
  /** OpenSSH public key lines allowed to log in to every host. */
  authorizedKeys: string[];
  /** Defaults to /usr/sbin/sshd. */
  sshdPath?: string;
  /**
   * Give sessions a clean HOME (dir/NAME/home) so the account's rc files do not cost time per
   * connection (root's .bashrc on this machine runs pyenv). Default true.
   */
  cleanHome?: boolean;
  /** sshd's own log lines (it logs to stderr with -e); by default kept only for error messages. */
  onLog?: (host: string, line: string) => void;
  /** More sshd_config lines (e.g. a benchmark pinning Ciphers and KexAlgorithms). */
  extraConfig?: string[];
}

export interface SshdHosts {
  hosts: SshdHost[];
  stop(): Promise<void>;
}

// Every sshd (and lab child: lab/metrics-stack.ts) we started, so they die with us even when a test forgets stop().
const live = new Map<number, ChildProcess>();
let exitHookInstalled = false;
export function trackForExit(child: ChildProcess): void {
  if (child.pid === undefined) return;
  live.set(child.pid, child);
  child.once('exit', () => live.delete(child.pid!));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const pid of live.keys()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
}

export async function startSshdHosts(opts: SshdHostsOptions): Promise<SshdHosts> {
  const sshd = opts.sshdPath ?? DEFAULT_SSHD;
  if (!existsSync(sshd)) {
    throw new Error(`OpenSSH server not found at ${sshd}: install it with \`sudo apt-get install openssh-server\``);
  }
  const names = new Set(opts.names);
  if (names.size !== opts.names.length) throw new Error('host names must be unique');
  // sshd refuses to start without its privilege separation directory.
  try {
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  } catch {
    // not root: sshd then runs without privilege separation and can only log in as us
  }

  const dir = resolve(opts.dir);
  mkdirSync(dir, { recursive: true });
  const authorizedKeysFile = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeysFile, opts.authorizedKeys.map((k) => k.trim()).join('\n') + '\n', { mode: 0o600 });

  const login = process.getuid?.() === 0 ? 'root' : userInfo().username;
  const started: Array<{ host: SshdHost; child: ChildProcess }> = [];
  let watchdog: ChildProcess | undefined;
  const stop = async () => {
    watchdog?.kill('SIGKILL');
    await Promise.all(started.map(({ child }) => killAndWait(child)));
  };
  try {
    const results = await Promise.allSettled(
      opts.names.map((name) => startOne({ sshd, dir: join(dir, name), name, login, authorizedKeysFile, cleanHome: opts.cleanHome ?? true, onLog: opts.onLog, extraConfig: opts.extraConfig ?? [] })),
    );
    for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    watchdog = startWatchdog(started.map((s) => s.host.pid));
  } catch (error) {
    await stop();
    throw error;
  }
  return { hosts: started.map((s) => s.host), stop };
}

interface StartOne {
  sshd: string;
  dir: string;
  name: string;
  login: string;
  authorizedKeysFile: string;
  cleanHome: boolean;
  onLog: SshdHostsOptions['onLog'];
  extraConfig: string[];
}

async function startOne(o: StartOne): Promise<{ host: SshdHost; child: ChildProcess }> {
  mkdirSync(o.dir, { recursive: true });
  const keyFile = join(o.dir, 'host_ed25519');
  const pair = generateEd25519KeyPair();
  writeFileSync(keyFile, pair.private, { mode: 0o600 });
  const hostPublicKey = pair.public.trim().split(/\s+/).slice(0, 2).join(' ');
  const home = join(o.dir, 'home');
  if (o.cleanHome) mkdirSync(home, { recursive: true });

  // A port taken between our probe and sshd's bind is rare; retry a few times.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const config = join(o.dir, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${keyFile}`,
        `PidFile ${join(o.dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${o.authorizedKeysFile}`,
        'PermitRootLogin prohibit-password',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        'PrintMotd no',
        'PrintLastLog no',
        'MaxStartups 300:30:400',
        'MaxSessions 50',
        'Subsystem sftp internal-sftp',
        ...(o.cleanHome ? [`SetEnv HOME=${home}`] : []),
        ...o.extraConfig,
        '',
      ].join('\n'),
    );
    const child = spawn(o.sshd, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    trackForExit(child);
    // Always drain sshd's stderr: a full pipe would block it.
    const recent: string[] = [];
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      for (const line of text.split('\n')) {
        if (!line) continue;
        recent.push(line);
        if (recent.length > 30) recent.shift();
        o.onLog?.(o.name, line);
      }
    });
    try {
      await waitForBanner(port, child, () => recent.join('\n'));
      const host: SshdHost = { name: o.name, address: `127.0.0.1:${port}`, port, hostPublicKey, login: o.login, pid: child.pid! };
      return { host, child };
    } catch (error) {
      lastError = error;
      await killAndWait(child);
    }
  }
  throw lastError;
}

/**
 * A tiny shell that kills the sshd processes once our end of its stdin closes, which happens
 * however this process ends (even SIGKILL, when no 'exit' handler runs).
 */
function startWatchdog(pids: number[]): ChildProcess {
  const child = spawn('/bin/sh', ['-c', 'while read -r _; do :; done; kill -9 "$@" 2>/dev/null', 'sshd-watchdog', ...pids.map(String)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true, // its own process group: a Ctrl+C aimed at us must not end it before sshd
  });
  child.on('error', () => {});
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  return child;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Resolves once sshd answers with its SSH banner; rejects if it exits or takes over 10 s. */
async function waitForBanner(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`sshd on port ${port} exited at start:\n${log()}`);
    if (await readsBanner(port)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`sshd on port ${port} did not answer within 10 s:\n${log()}`);
}

function readsBanner(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('data', (data) => finish(data.toString('latin1').startsWith('SSH-')));
  });
}

export function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}
