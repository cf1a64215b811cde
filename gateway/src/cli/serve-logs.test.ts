// `serve` as journald sees it: the real CLI process with stdout and stderr piped. Every stderr
// line must parse as JSON (`journalctl … | jq .`), and nothing human-only goes to stdout unasked.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_BIN } from '../../../lab/gateway-bin';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-serve-logs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `serve` with `args`; once it logs `until` (or exits), sends SIGTERM. Returns its output. */
function serve(args: string[], until: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [GATEWAY_BIN, 'serve', ...args], { cwd: dir, env: { ...process.env, PORTCULLIS_LOG_LEVEL: 'info' } });
  let stdout = '';
  let stderr = '';
  let signalled = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (!signalled && until.test(stderr)) signalled = child.kill('SIGTERM'); // once: a second signal cuts the drain short
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line on stderr: ${l}`);
      }
    });

describe('serve', () => {
  it('writes only JSON lines on stderr, start to drain, and nothing on a piped stdout', async () => {
    const r = await serve(['--data', join(dir, 'a'), '--listen', '127.0.0.1:0'], /gateway listening/);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const msgs = jsonLines(r.stderr).map((l) => l.msg);
    expect(msgs).toEqual(expect.arrayContaining(['gateway listening', 'stop signal: draining live sessions (signal again to end them now)', 'gateway stopped']));
  });

  it('prints the address and host key for people with --pretty', async () => {
    const r = await serve(['--data', join(dir, 'b'), '--listen', '127.0.0.1:0', '--pretty'], /gateway listening/);
    expect(r.stdout).toMatch(/^listening on 127\.0\.0\.1:\d+\ngateway host key: ssh-ed25519 \S+\n$/);
    jsonLines(r.stderr);
  });

  it('reports a config it cannot use as a JSON line, exit 1', async () => {
    const data = join(dir, 'c');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'listne: 0.0.0.0:2222\n');
    const r = await serve(['--data', data, '--config', bad], /$^/);
    expect(r.code).toBe(1);
    const lines = jsonLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 60, msg: 'the gateway cannot serve', err: expect.stringMatching(/listne/) });
  });
});
