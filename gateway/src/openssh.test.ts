// The gateway with the real OpenSSH client: what plain `ssh 'alice:root@web-01'@bastion` users get.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../lab/sshd-hosts';
import { GATEWAY_API_SUBSYSTEM } from '../../shared/contract/gateway-api';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '.';
import { generateEd25519KeyPair } from '../../shared/node/ssh-keys';
import { writeKnownHosts } from './testing';

const alice = generateEd25519KeyPair();
const stranger = generateEd25519KeyPair();
const credential = generateEd25519KeyPair();

let dir: string;
let lab: SshdHosts;
let gw: Gateway;
let login: string;
let knownHosts: string;
const keyFile = (name: string, key: string) => {
  const file = join(dir, name);
  writeFileSync(file, key, { mode: 0o600 });
  return file;
};
let aliceKey: string;
let strangerKey: string;

interface SshRun {
  stdout: string;
  stderr: string;
  code: number | null;
}

function ssh(user: string, remote: string[], opts: { key?: string; input?: string | Buffer; extra?: string[]; knownHosts?: string; onStdout?: (text: string, pid: number) => void } = {}): Promise<SshRun> {
  const args = [
    '-F', '/dev/null',
    '-p', String(gw.address.port),
    '-i', opts.key ?? aliceKey,
    '-o', 'IdentitiesOnly=yes',
    '-o', 'BatchMode=yes',
    '-o', `UserKnownHostsFile=${opts.knownHosts ?? knownHosts}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'LogLevel=ERROR',
    ...(opts.extra ?? []),
    `${user}@127.0.0.1`,
    ...remote,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      opts.onStdout?.(stdout, child.pid!);
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-openssh-'));
  aliceKey = keyFile('alice_key', alice.private);
  strangerKey = keyFile('stranger_key', stranger.private);
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [credential.public] });
  login = lab.hosts[0]!.login;
  const dataDir = join(dir, 'data');
  const admin = openGatewayAdmin(dataDir);
  admin.addUser({ name: 'alice', publicKeys: [alice.public] });
  admin.addHost({ name: 'web-01', address: lab.hosts[0]!.address, nodes: [['pay', 'web']] });
  admin.addHost({ name: 'vault-01', address: '127.0.0.1:1' });
  admin.setCredential({ host: 'web-01', login, privateKey: credential.private });
  admin.pinHostKey('web-01', lab.hosts[0]!.hostPublicKey);
  admin.addGrant({ user: 'alice', hosts: 'node:pay', login });
  admin.close();
  // Many logins from 127.0.0.1, some refused on purpose: no per-source delays here.
  gw = await startGateway({ dataDir, logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 } });
  knownHosts = writeKnownHosts(dir, gw);
});

afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('gateway with the OpenSSH client', () => {
  it('runs a command on the target named in the user name, stdin at EOF from the start', async () => {
    expect(await ssh(`alice:${login}@web-01`, ['echo $((6*7))'])).toMatchObject({ stdout: '42\n', code: 0 });
  });

  it('passes the exit status and stderr back', async () => {
    expect(await ssh(`alice:${login}@web-01`, ['echo bad >&2; exit 3'])).toMatchObject({ stdout: '', stderr: 'bad\n', code: 3 });
  });

  it('takes the target from SetEnv=PORTCULLIS_TARGET', async () => {
    const r = await ssh('alice', ['echo via-env'], { extra: ['-o', `SetEnv=PORTCULLIS_TARGET=${login}@web-01`] });
    expect(r).toMatchObject({ stdout: 'via-env\n', code: 0 });
  });

  it('streams stdin to the target and forwards EOF', async () => {
    const input = Buffer.alloc(5 * 1024 * 1024, 'abcdefgh');
    const r = await ssh(`alice:${login}@web-01`, ['wc -c'], { input });
    expect(r).toMatchObject({ stdout: `${input.length}\n`, code: 0 });
  });

  it('gives a pty with -tt', async () => {
    const r = await ssh(`alice:${login}@web-01`, ['tty; exit 4'], { extra: ['-tt'], input: '' });
    expect(r.stdout).toMatch(/^\/dev\/pts\/\d+/);
    expect(r.code).toBe(4);
  });

  it('unknown and ungranted hosts: the same message and exit status 1', async () => {
    const unknown = await ssh(`alice:${login}@nope-01`, ['true']);
    const ungranted = await ssh(`alice:${login}@vault-01`, ['true']);
    expect(unknown.code).toBe(1);
    expect(ungranted.code).toBe(1);
    expect(unknown.stderr).toMatch(/access to .* denied/);
    // OpenSSH sends no refusal tag: it reads the message alone, no marker line (shared/contract/refusal.ts).
    expect(unknown.stderr).not.toMatch(/portcullis-refusal/);
    expect(ungranted.stderr.replace('vault-01', 'nope-01')).toBe(unknown.stderr);
  });

  it('refuses a key that is not registered', async () => {
    const r = await ssh(`alice:${login}@web-01`, ['true'], { key: strangerKey });
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Permission denied \(publickey\)/);
  });

  it("the client's pin of the gateway host key is checked", async () => {
    const wrong = join(dir, 'wrong_known_hosts');
    writeFileSync(wrong, `[127.0.0.1]:${gw.address.port} ${stranger.public}\n`);
    const r = await ssh(`alice:${login}@web-01`, ['true'], { knownHosts: wrong });
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/verification failed|IDENTIFICATION HAS CHANGED/i);
  });

  it('speaks the API over `ssh -s portcullis-api`, bad lines included', async () => {
    const input = ['{not json', '{"type":"request","id":1,"method":"whoami","params":{}}', '{"type":"request","id":2,"method":"hosts.list","params":{}}', ''].join('\n');
    const r = await ssh('alice', ['-s', GATEWAY_API_SUBSYSTEM], { input });
    expect(r.code).toBe(0);
    const replies = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(replies).toHaveLength(3);
    expect(replies).toContainEqual({ type: 'response', id: 0, ok: false, error: { code: 'bad_request', message: expect.stringMatching(/malformed JSON/) } });
    expect(replies).toContainEqual({ type: 'response', id: 1, ok: true, result: { user: 'alice', roles: ['operator'] } });
    const hosts = replies.find((m) => m.id === 2);
    expect(hosts.result.map((h: { name: string }) => h.name)).toEqual(['web-01']);
  });

  it('when the ssh client dies, the target session ends too', async () => {
    let targetPid = 0;
    const run = ssh(`alice:${login}@web-01`, ['echo PID=$$; exec sleep 60'], {
      extra: ['-tt'],
      input: undefined,
      onStdout: (text, sshPid) => {
        const m = /PID=(\d+)/.exec(text);
        if (m && !targetPid) {
          targetPid = Number(m[1]);
          process.kill(sshPid, 'SIGKILL');
        }
      },
    });
    await run;
    expect(targetPid).toBeGreaterThan(0);
    const deadline = Date.now() + 5000;
    let gone = false;
    while (!gone && Date.now() < deadline) {
      try {
        process.kill(targetPid, 0);
        await new Promise((r) => setTimeout(r, 50));
      } catch {
        gone = true;
      }
    }
    expect(gone).toBe(true);
  });
});
