// `portcullis-gateway serve` in a child process, as it runs in production (its own event loop and
// heap, the shebang's node flags), for tests that measure it from outside. Not used by the gateway.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { GATEWAY_BIN, gatewayNodeFlags } from './gateway-bin';

export interface GatewayProcess {
  port: number;
  hostPublicKey: string;
  child: ChildProcess;
  /** The process's resident set size in bytes (Linux: /proc). */
  rssBytes(): number;
  /** Whether it still runs (it has not crashed). */
  alive(): boolean;
  stop(): Promise<void>;
}

/** Starts `serve` on a free loopback port; resolves once it listens and printed its host key. */
export function serveGatewayProcess(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [...gatewayNodeFlags(), GATEWAY_BIN, 'serve', '--pretty', '--data', dataDir, '--listen', '127.0.0.1:0'], {
    env: { ...process.env, PORTCULLIS_LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const port = /listening on [\d.]+:(\d+)/.exec(out)?.[1];
      const hostPublicKey = /gateway host key: (\S+ \S+)/.exec(out)?.[1];
      if (!port || !hostPublicKey) return;
      resolve({
        port: Number(port),
        hostPublicKey,
        child,
        rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024,
        alive: () => !exited,
        async stop() {
          if (exited) return;
          child.kill('SIGKILL');
          await once(child, 'exit');
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}
