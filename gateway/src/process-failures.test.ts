// The last line of containment, for real: a gateway process with the handlers on (as `serve` runs)
// gets a genuine uncaught exception and a genuine unhandled rejection on its event loop; it logs and
// audits each, and a live shell and a new login go on. It runs in a child process: in the test
// runner's own process its handlers would see the injected errors first.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShell, setUpFixture, type Fixture } from '../../lab/gateway-fixture';
import type { Gateway } from './index';
import { auditEntries, exec, readUntil } from './testing';

let fx: Fixture;

beforeAll(async () => {
  fx = await setUpFixture('gw-process-failures-');
});
afterAll(async () => {
  await fx?.lab.stop();
  rmSync(fx.dir, { recursive: true, force: true });
});

/** The gateway's entry, started with the process-wide handlers; each stdin line injects a failure. */
const childScript = (entry: string, dataDir: string) => `
import { startGateway, silentLogger } from ${JSON.stringify(entry)};
const gw = await startGateway({ dataDir: ${JSON.stringify(dataDir)}, logger: silentLogger, containProcessFailures: true });
process.stdout.write(JSON.stringify({ port: gw.address.port, hostPublicKey: gw.hostPublicKey }) + '\\n');
process.stdin.setEncoding('utf8');
process.stdin.on('data', (line) => {
  if (line.includes('throw')) setTimeout(() => { throw new Error('injected exception'); });
  if (line.includes('reject')) void Promise.reject(new Error('injected rejection'));
  setTimeout(() => process.stdout.write('injected\\n'), 50);
});
`;

describe('an error nothing else caught', () => {
  it('is logged and audited, and the gateway process goes on serving', async () => {
    const script = join(fx.dir, 'gateway-child.mts');
    writeFileSync(script, childScript(resolve(import.meta.dirname, 'index.ts'), fx.dataDir));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let exited = false;
    child.once('exit', () => (exited = true));
    try {
      const lines = (async function* () {
        let buffered = '';
        for await (const chunk of child.stdout!) {
          buffered += String(chunk);
          let nl: number;
          while ((nl = buffered.indexOf('\n')) >= 0) {
            yield buffered.slice(0, nl);
            buffered = buffered.slice(nl + 1);
          }
        }
      })();
      const started = JSON.parse((await lines.next()).value as string) as { port: number; hostPublicKey: string };
      const gw = { address: { host: '127.0.0.1', port: started.port }, hostPublicKey: started.hostPublicKey } as Gateway;

      const conn = await fx.connect(gw);
      const shell = await openShell(conn);
      await readUntil(shell, /[$#] $/);

      child.stdin!.write('throw\n');
      await lines.next();
      child.stdin!.write('reject\n');
      await lines.next();

      expect(exited).toBe(false);
      shell.write('echo still-here\n');
      await readUntil(shell, /still-here\r?\n/);
      const again = await fx.connect(gw);
      expect((await exec(again, 'echo new-login')).stdout).toBe('new-login\n');
      expect(auditEntries(fx.dataDir, 'gateway.error').map((e) => e.data)).toEqual([
        expect.objectContaining({ source: 'uncaughtException', error: expect.stringContaining('injected exception') }),
        expect.objectContaining({ source: 'unhandledRejection', error: expect.stringContaining('injected rejection') }),
      ]);
      again.end();
      conn.end();
    } finally {
      child.kill('SIGKILL');
      if (!exited) await once(child, 'exit');
    }
  });
});
