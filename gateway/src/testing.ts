// Helpers for tests that drive a real gateway with a real ssh2 Client. Not used by the gateway
// itself. (Starting target hosts is the lab's job: tests import lab/sshd-hosts.ts directly.)
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import ssh2, { type Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { parsePublicKey } from '../../shared/node/ssh-keys';
import { openGatewayAdmin, type GatewayAdmin } from './admin';
import { runCli, type CliIo } from './cli/program';
import { openStore } from './store';

export interface ClientOptions {
  port: number;
  username: string;
  privateKey: string;
  /** The gateway's host key (OpenSSH one-line form); the connection fails if it differs. */
  hostPublicKey: string;
}

export async function connectClient(opts: ClientOptions): Promise<Client> {
  const expected = parsePublicKey(opts.hostPublicKey).key.getPublicSSH();
  const conn = new ssh2.Client();
  const config: ConnectConfig = {
    host: '127.0.0.1',
    port: opts.port,
    username: opts.username,
    privateKey: opts.privateKey,
    hostVerifier: (key: Buffer) => expected.equals(key),
    readyTimeout: 10_000,
  };
  conn.connect(config);
  await Promise.race([
    once(conn, 'ready'),
    once(conn, 'error').then(([error]) => {
      throw error;
    }),
  ]);
  return conn;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal?: string;
}

// Exit status seen since the channel was handed over: a refusal's confirmation, output, exit
// status and close can arrive in one network read, before an awaiting caller attaches listeners.
const exits = new WeakMap<ClientChannel, { code: number | null; signal?: string }>();
function trackExit(channel: ClientChannel): void {
  channel.on('exit', (code: number | null, signal?: string) => exits.set(channel, { code, signal }));
}

/** Collects a channel's output until it closes. */
export function collect(channel: ClientChannel): Promise<ExecResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let code: number | null = exits.get(channel)?.code ?? null;
    let signal: string | undefined = exits.get(channel)?.signal;
    channel.on('data', (d: Buffer) => out.push(d));
    channel.stderr.on('data', (d: Buffer) => err.push(d));
    channel.on('exit', (c: number | null, s?: string) => {
      code = c;
      signal = s;
    });
    channel.on('close', () => resolve({ stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), code, signal }));
  });
}

export function execChannel(conn: Client, command: string, options: ssh2.ExecOptions = {}): Promise<ClientChannel> {
  return new Promise((resolve, reject) =>
    conn.exec(command, options, (err, ch) => {
      if (err) return reject(err);
      trackExit(ch);
      resolve(ch);
    }),
  );
}

export async function exec(conn: Client, command: string, options: ssh2.ExecOptions = {}): Promise<ExecResult> {
  const channel = await execChannel(conn, command, options);
  channel.end(); // no input: EOF at once, like `ssh host cmd </dev/null`
  return collect(channel);
}

/** Reads a channel until `pattern` matches the text received so far; returns that text. */
export function readUntil(channel: ClientChannel, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      channel.off('data', onData);
      reject(new Error(`timed out waiting for ${pattern}; got ${JSON.stringify(text)}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      text += d.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        channel.off('data', onData);
        resolve(text);
      }
    };
    channel.on('data', onData);
  });
}

export interface OpenSshOptions {
  port: number;
  /** Private key file of the user (mode 0600). */
  keyFile: string;
  /** known_hosts file holding the gateway's key. */
  knownHosts: string;
  /** The SSH user name, e.g. `alice` or `alice:root@web-01`. */
  user: string;
  /** Extra options, e.g. ['-tt'] or ['-L', '…']; they win over the defaults (e.g. -o LogLevel=INFO). */
  options?: string[];
  /** The remote command words, if any. */
  command?: string[];
  env?: NodeJS.ProcessEnv;
}

export interface OpenSshRun {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout (or stderr with `stream`) matches; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number, stream?: 'stdout' | 'stderr'): Promise<string>;
  write(text: string): void;
  /** The exit status (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** What every OpenSSH tool (ssh, scp, sftp) is given against a test gateway: no user config, this key only, this host key pin, no prompts. */
export function openSshClientOptions(keyFile: string, knownHosts: string): string[] {
  return [
    '-F', '/dev/null', '-i', keyFile, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes',
    '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes', '-o', 'LogLevel=ERROR',
  ]; // prettier-ignore
}

/** The real OpenSSH client against the gateway, with pipes to drive it (`-tt` forces a pty). */
export function spawnOpenSsh(opts: OpenSshOptions): OpenSshRun {
  // OpenSSH takes the first value of an option: the caller's options come first to win.
  const args = [...(opts.options ?? []), '-p', String(opts.port), ...openSshClientOptions(opts.keyFile, opts.knownHosts), `${opts.user}@127.0.0.1`, ...(opts.command ?? [])];
  const child = spawn('ssh', args, { env: opts.env ?? process.env });
  const text = { stdout: '', stderr: '' };
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  child.stdout.on('data', (d: Buffer) => ((text.stdout += d.toString()), wake()));
  child.stderr.on('data', (d: Buffer) => ((text.stderr += d.toString()), wake()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => (wake(), resolve(code))));
  return {
    child,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    exited,
    write: (s) => void child.stdin.write(s),
    waitFor(pattern, timeoutMs = 10_000, stream = 'stdout') {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(text[stream])) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(text[stream]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern} on ${stream}; stdout ${JSON.stringify(text.stdout)}; stderr ${JSON.stringify(text.stderr)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** The audit entries of one type, read through a connection of its own (as another process would). */
export function auditEntries(dataDir: string, type: string) {
  const store = openStore(dataDir);
  try {
    return store.audit.list({ type });
  } finally {
    store.close();
  }
}

/** Runs `fn` with an admin on a SQLite connection of its own (as the CLI in another process would), then closes it. */
export function withAdmin<T>(dataDir: string, fn: (admin: GatewayAdmin) => T): T {
  const admin = openGatewayAdmin(dataDir);
  try {
    return fn(admin);
  } finally {
    admin.close();
  }
}

/** Connects to 127.0.0.1:`port` once something listens there (e.g. the local end of an `ssh -L` tunnel). */
export async function dialLoopback(port: number): Promise<Socket> {
  for (let i = 0; i < 100; i++) {
    const socket = await new Promise<Socket | undefined>((ok) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => ok(s));
      s.once('error', () => ok(undefined));
    });
    if (socket) return socket;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}

/** Polls `check` every 50 ms until it holds or `timeoutMs` passes; returns its last answer. */
export async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

export interface ProcessResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs a program (e.g. the OpenSSH `ssh` client) to its end; stdin is `input`, or closed. */
export function runProcess(command: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? process.env, cwd: opts.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(opts.input ?? '');
  });
}

/** A known_hosts file (in `dir`) that pins the gateway's host key for OpenSSH clients; returns its path. */
export function writeKnownHosts(dir: string, gw: { address: { port: number }; hostPublicKey: string }, name = `known_hosts_${gw.address.port}`): string {
  const file = join(dir, name);
  writeFileSync(file, `[127.0.0.1]:${gw.address.port} ${gw.hostPublicKey}\n`);
  return file;
}

/** Runs the gateway CLI in this process (fast); returns its exit code and what it printed. */
export async function runCliCaptured(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (line) => (stdout += line + '\n'),
    err: (line) => (stderr += line + '\n'),
    env: { ...opts.env },
    readStdin: async () => opts.input ?? '',
    stopSignal: () => new Promise(() => {}),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

export interface ApiMessage {
  type: string;
  id?: number;
  ok?: boolean;
  result?: unknown;
  error?: { code: string; message: string; reason?: string; params?: Record<string, string | number> };
  event?: string;
  payload?: { subscription: number; data?: unknown; reason?: string };
}

/** The API over one channel of its own connection: calls (a failure throws with its `code`, `reason` and `params`), and every event that came. */
export async function openApiClient(opts: ClientOptions) {
  const conn = await connectClient(opts);
  const channel = await new Promise<ClientChannel>((resolve, reject) => conn.subsys('portcullis-api', (err, ch) => (err ? reject(err) : resolve(ch))));
  const pending = new Map<number, (m: ApiMessage) => void>();
  const events: ApiMessage[] = [];
  let text = '';
  let nextId = 1;
  channel.on('data', (d: Buffer) => {
    text += d.toString();
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n')) {
      const message = JSON.parse(text.slice(0, nl)) as ApiMessage;
      text = text.slice(nl + 1);
      if (message.type === 'response') pending.get(message.id!)?.(message);
      else events.push(message);
    }
  });
  const call = async <T = unknown>(method: string, params: unknown): Promise<T> => {
    const id = nextId++;
    const answer = new Promise<ApiMessage>((resolve) => pending.set(id, resolve));
    channel.write(JSON.stringify({ type: 'request', id, method, params }) + '\n');
    const m = await answer;
    if (!m.ok) throw Object.assign(new Error(m.error!.message), { code: m.error!.code, reason: m.error!.reason, params: m.error!.params });
    return m.result as T;
  };
  return { call, events, close: () => conn.end() };
}
