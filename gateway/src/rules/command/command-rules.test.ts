// Command rules end to end: a real gateway, a real sshd target and the real OpenSSH client. A
// rejected line never reaches the host (the file it would create is not there), a confirmed one
// does, an exec and a batch job's host run are refused before anything runs on the target.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../../../lab/sshd-hosts';
import { generateEd25519KeyPair } from '../../../../shared/node/ssh-keys';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '../..';
import { auditEntries, openSshClientOptions, runCliCaptured, runProcess, spawnOpenSsh, waitFor, writeKnownHosts } from '../../testing';

const alice = generateEd25519KeyPair();
let dir: string;
let dataDir: string;
let home: string;
let lab: SshdHosts;
let gw: Gateway;
let login: string;
let keyFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-command-rules-'));
  dataDir = join(dir, 'data');
  keyFile = join(dir, 'alice_key');
  writeFileSync(keyFile, alice.private, { mode: 0o600 });
  const credential = generateEd25519KeyPair();
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [credential.public] });
  home = join(dir, 'hosts', 'web-01', 'home');
  login = lab.hosts[0]!.login;
  const admin = openGatewayAdmin(dataDir);
  admin.addUser({ name: 'alice', roles: ['operator'], publicKeys: [alice.public] });
  admin.addHost({ name: 'web-01', address: lab.hosts[0]!.address, tags: { env: 'prod' } });
  admin.setCredential({ host: 'web-01', login, privateKey: credential.private });
  admin.pinHostKey('web-01', lab.hosts[0]!.hostPublicKey);
  admin.addGrant({ user: 'alice', hosts: 'web-01', login });
  admin.close();
  const cli = (...args: string[]) => runCliCaptured(['rule', 'command', ...args, '--data', dataDir]);
  expect(await cli('add', '--hosts', 'env=prod', '--pattern', 'touch', '--action', 'reject')).toMatchObject({ code: 0, stdout: expect.stringContaining('added command rule 1') });
  expect(await cli('add', '--hosts', '*', '--pattern', 'mkdir', '--action', 'confirm')).toMatchObject({ code: 0 });
  const refused = await cli('add', '--hosts', '*', '--pattern', '(a+)+$', '--regex', '--action', 'reject');
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toMatch(/regex refused/);
  expect((await cli('list')).stdout).toMatch(/1\s+reject\s+literal\s+env=prod\s+touch/);
  gw = await startGateway({ dataDir, logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 } });
});

afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
});

const openSsh = (command: string[]) => runProcess('ssh', ['-p', String(gw.address.port), ...openSshClientOptions(keyFile, writeKnownHosts(dir, gw)), ...command]);

describe('command rules', () => {
  it('an interactive shell: a rejected line never reaches the host, a confirmed one does', async () => {
    const run = spawnOpenSsh({ port: gw.address.port, keyFile, knownHosts: writeKnownHosts(dir, gw), user: `alice:${login}@web-01`, options: ['-tt'] });
    try {
      await run.waitFor(/[$#] $/);
      run.write(`ls; sudo -n true 2>/dev/null; /usr/bin/touch ${home}/rejected\r`);
      await run.waitFor(/matches "touch" \(rule 1\): rejected, the line was not sent/);
      run.write('echo alive-$((40+2))\r');
      await run.waitFor(/alive-42/);
      expect(existsSync(join(home, 'rejected'))).toBe(false);

      run.write(`mkdir ${home}/confirmed\r`);
      await run.waitFor(/confirm to run it\. Send it\? \[y\/N\]/);
      expect(existsSync(join(home, 'confirmed'))).toBe(false); // held
      run.write('y');
      expect(await waitFor(() => existsSync(join(home, 'confirmed')), 10_000)).toBe(true);

      run.write(`mkdir ${home}/declined\r`);
      await run.waitFor(/Send it\?[^]*Send it\?/);
      run.write('n');
      await run.waitFor(/not confirmed: the line was not sent/);
      run.write('echo alive-$((50+2))\r');
      await run.waitFor(/alive-52/);
      expect(existsSync(join(home, 'declined'))).toBe(false);
      run.write('exit\r');
      await run.exited;
    } finally {
      run.child.kill();
    }
    const rejected = auditEntries(dataDir, 'command.rejected');
    expect(rejected[0]).toMatchObject({ actor: 'alice', data: { host: 'web-01', source: 'shell', rule: { id: 1, pattern: 'touch', action: 'reject' }, command: `touch ${home}/rejected` } });
    expect(auditEntries(dataDir, 'command.confirmed')[0]).toMatchObject({ data: { line: `mkdir ${home}/confirmed`, rule: { id: 2 } } });
    expect(auditEntries(dataDir, 'command.refused')[0]).toMatchObject({ data: { line: `mkdir ${home}/declined` } });
  });

  it('a line edited with the cursor, recalled from history or completed is checked as the shell holds it', async () => {
    const run = spawnOpenSsh({ port: gw.address.port, keyFile, knownHosts: writeKnownHosts(dir, gw), user: `alice:${login}@web-01`, options: ['-tt'] });
    try {
      await run.waitFor(/[$#] $/);
      // Typed `ouch FILE`, then Home and `t`: the shell runs `touch FILE`.
      run.write(`ouch ${home}/edited\x1b[Ht\r`);
      await run.waitFor(/matches "touch" \(rule 1\): rejected[^]*[$#] $/);
      // `: touch FILE` runs harmlessly (`:` is the command); recalled with Up and its `: ` deleted, it would touch.
      run.write(`: touch ${home}/recalled\r`);
      run.write('echo mark-$((60+1))\r');
      await run.waitFor(/mark-61[^]*[$#] $/);
      run.write('\x1b[A\x1b[A\x01\x1b[3~\x1b[3~');
      await new Promise((r) => setTimeout(r, 300));
      run.write('\r');
      await run.waitFor(/matches "touch" \(rule 1\): rejected[^]*matches "touch" \(rule 1\): rejected/);
      // `touc` completed by the shell with Tab.
      run.write(`touc\t ${home}/completed\r`);
      await run.waitFor(/(matches "touch" \(rule 1\): rejected[^]*){3}/);
      run.write('echo alive-$((70+2))\r');
      await run.waitFor(/alive-72/);
      for (const name of ['edited', 'recalled', 'completed']) expect(existsSync(join(home, name)), name).toBe(false);
      run.write('exit\r');
      await run.exited;
    } finally {
      run.child.kill();
    }
    const lines = auditEntries(dataDir, 'command.rejected').map((e) => (e.data as { line?: string; command?: string }).line ?? (e.data as { command?: string }).command);
    expect(lines).toEqual(expect.arrayContaining([`touch ${home}/edited`, `touch ${home}/recalled`, expect.stringMatching(/^touch +\/.*\/completed$/)]));
  });

  it('an exec is refused before it reaches the host, with the reason and exit status 126', async () => {
    const r = await openSsh([`alice:${login}@web-01@127.0.0.1`, `env A=1 bash -c 'touch ${home}/exec'`]);
    expect(r.stderr).toMatch(/portcullis: .*matches "touch" \(rule 1\): rejected by a command rule; nothing was run/);
    expect(r.code).toBe(126);
    expect(existsSync(join(home, 'exec'))).toBe(false);
    const confirm = await openSsh([`alice:${login}@web-01@127.0.0.1`, `mkdir ${home}/exec-dir`]);
    expect(confirm.code).toBe(126);
    expect(confirm.stderr).toMatch(/needs confirming, which an exec cannot do/);
    expect(existsSync(join(home, 'exec-dir'))).toBe(false);
    expect(auditEntries(dataDir, 'command.rejected').some((e) => e.data.source === 'exec')).toBe(true);
  });

  it("a batch job's host run is refused the same way, for its command and for a script", async () => {
    const r = await openSsh(['alice@127.0.0.1', 'batch', '--hosts', 'web-01', '--', `echo hi; touch ${home}/batch`]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/matches "touch" \(rule 1\)/);
    expect(existsSync(join(home, 'batch'))).toBe(false);
    const script = await runProcess('ssh', ['-p', String(gw.address.port), ...openSshClientOptions(keyFile, writeKnownHosts(dir, gw)), 'alice@127.0.0.1', 'batch', '--hosts', 'web-01', '--script'], { input: `echo one\ntouch ${home}/script\n` });
    expect(script.code).toBe(1);
    expect(existsSync(join(home, 'script'))).toBe(false);
  });
});
