// File transfer refused (`transfer.policy: deny`), with the real OpenSSH sftp and scp (its default
// SFTP mode and legacy `scp -O`) through a real gateway to a real sshd target: the user reads why,
// nothing reaches the target, and each refusal is audited. An exec that only mentions scp still runs.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../lab/gateway-fixture';
import type { Gateway } from '.';
import { TRANSFER_REFUSED } from './ssh/transfer';
import { auditEntries, openSshClientOptions, runProcess, spawnOpenSsh, writeKnownHosts } from './testing';

let fx: Fixture;
let gw: Gateway;
let aliceKey: string;
let knownHosts: string;
/** A file on this machine to upload, and one "on the target" (the lab's sshd runs here too) to download. */
let local: string;
let onTarget: string;

/** Runs `tool` (scp or sftp) against the gateway with alice's key; `user` is the SSH user name. */
const run = (tool: 'scp' | 'sftp', user: string, args: string[], input?: string) =>
  runProcess(tool, ['-P', String(gw.address.port), ...openSshClientOptions(aliceKey, knownHosts), '-o', `User=${user}`, ...args], { input });

/** The transfer.refused rows written so far, without the audit's own fields. */
const refusals = () => auditEntries(fx.dataDir, 'transfer.refused').map((e) => ({ actor: e.actor, ...e.data }));

beforeAll(async () => {
  fx = await setUpFixture('gw-transfer-');
  aliceKey = join(fx.dir, 'alice_key');
  writeFileSync(aliceKey, fx.keys.alice.private, { mode: 0o600 });
  local = join(fx.dir, 'local.txt');
  writeFileSync(local, 'local data\n');
  onTarget = join(fx.dir, 'on-target.txt');
  writeFileSync(onTarget, 'target data\n');
  gw = await fx.start();
  knownHosts = writeKnownHosts(fx.dir, gw);
});

afterAll(async () => {
  await gw?.close();
  await fx?.lab.stop();
  rmSync(fx.dir, { recursive: true, force: true });
});

describe('file transfer: transfer.policy deny', () => {
  const target = () => `${fx.login}@web-01`;
  const expectRefused = (r: { stderr: string; code: number | null }) => {
    expect(r.stderr).toContain(TRANSFER_REFUSED);
    expect(r.stderr).toMatch(/disabled by the administrator/);
    expect(r.code).not.toBe(0);
  };

  it('sftp: refused with the message, nothing written on the target, audited', async () => {
    const dest = join(fx.dir, 'sftp-upload.txt');
    const r = await run('sftp', `alice:${target()}`, ['-b', '-', '127.0.0.1'], `put ${local} ${dest}\n`);
    expectRefused(r);
    expect(r.stderr).not.toMatch(/subsystem request failed/);
    expect(existsSync(dest)).toBe(false);
    expect(refusals()).toContainEqual({ actor: 'alice', target: target(), protocol: 'sftp', count: 1 });
  });

  it('scp (default SFTP mode): refused the same way', async () => {
    const dest = join(fx.dir, 'scp-upload.txt');
    const r = await run('scp', 'alice', ['-o', `SetEnv=PORTCULLIS_TARGET=${target()}`, local, `127.0.0.1:${dest}`]);
    expectRefused(r);
    expect(existsSync(dest)).toBe(false);
    // Counted with the sftp refusal above (same user, target, protocol): a restart writes the count.
    await gw.close();
    gw = await fx.start();
    knownHosts = writeKnownHosts(fx.dir, gw);
    expect(refusals()).toContainEqual({ actor: 'alice', target: target(), protocol: 'sftp', count: 1, from: expect.any(String), until: expect.any(String) });
  });

  it('scp -O upload (scp -t on the target): refused before anything runs there', async () => {
    const dest = join(fx.dir, 'legacy-upload.txt');
    const r = await run('scp', `alice:${target()}`, ['-O', local, `127.0.0.1:${dest}`]);
    expectRefused(r);
    expect(existsSync(dest)).toBe(false);
    expect(refusals()).toContainEqual({ actor: 'alice', target: target(), protocol: 'scp', direction: 'upload', count: 1 });
  });

  it('scp -O download (scp -f on the target): refused, nothing comes back', async () => {
    const dest = join(fx.dir, 'legacy-download.txt');
    const r = await run('scp', 'alice', ['-O', '-o', `SetEnv=PORTCULLIS_TARGET=${target()}`, `127.0.0.1:${onTarget}`, dest]);
    expectRefused(r);
    expect(existsSync(dest)).toBe(false);
    expect(refusals()).toContainEqual({ actor: 'alice', target: target(), protocol: 'scp', direction: 'download', count: 1 });
  });

  it('an exec that merely mentions scp still runs on the target', async () => {
    const ssh = spawnOpenSsh({ port: gw.address.port, keyFile: aliceKey, knownHosts, user: `alice:${target()}`, command: ['echo', 'scp', '-t', 'x'] });
    expect(await ssh.exited).toBe(0);
    expect(ssh.stdout()).toBe('scp -t x\n');
    expect(ssh.stderr()).toBe('');
  });
});
