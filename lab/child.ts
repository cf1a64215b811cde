// The lab as a child process (`lab/start.ts --browser --json`), for the e2e suite and the browser
// benchmarks: the lab's gateway and main side then have a process of their own, as in real use,
// instead of sharing the event loop of the process that drives Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface LabInfo {
  url: string;
  gateway: { host: string; port: number };
  hosts: Array<{ name: string; login: string; pid: number }>;
  /** Prometheus's process id when the lab runs metrics (Debian's prometheus installed). */
  prometheusPid?: number;
}

const startScript = resolve(import.meta.dirname, 'start.ts');

/**
 * Starts `lab/start.ts` (extra `args`, e.g. --no-trust or --client-data DIR; extra `env`, e.g. a
 * HOME whose ~/.ssh the client reads); resolves when it is ready (longer with --metrics-history).
 */
export async function startLabProcess(dataDir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}, readyWithinMs = 60_000): Promise<{ info: LabInfo; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', startScript, '--browser', '--json', '--data', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<LabInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the lab did not report ready within ${readyWithinMs / 1000} s`)), readyWithinMs);
    child.once('exit', (code) => reject(new Error(`the lab exited early with code ${code}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const message = JSON.parse(line) as { ready?: LabInfo };
      if (message.ready) {
        clearTimeout(timer);
        resolve(message.ready);
      }
    });
  });
  return { info, child };
}

export async function stopLabProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
