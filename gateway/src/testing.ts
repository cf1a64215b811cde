// Helpers for tests that drive a real gateway with a real ssh2 Client. Not used by the gateway
// itself. (Starting target hosts is the lab's job: tests import lab/sshd-hosts.ts directly.)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import ssh2, { type Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { parsePublicKey } from '../../shared/node/ssh-keys';

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

/** Collects a channel's output until it closes. */
export function collect(channel: ClientChannel): Promise<ExecResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let code: number | null = null;
    let signal: string | undefined;
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
  return new Promise((resolve, reject) => conn.exec(command, options, (err, ch) => (err ? reject(err) : resolve(ch))));
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
