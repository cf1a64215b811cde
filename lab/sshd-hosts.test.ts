import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from './sshd-hosts';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';

function execOn(host: { port: number; login: string; hostPublicKey: string }, privateKey: string, command: string) {
  return new Promise<{ out: string; code: number | null; hostKey: string }>((resolve, reject) => {
    const conn = new ssh2.Client();
    let hostKey = '';
    conn
      .on('ready', () => {
        conn.exec(command, (err, ch) => {
          if (err) return reject(err);
          let out = '';
          let code: number | null = null;
          ch.on('data', (d: Buffer) => (out += d.toString()));
          ch.on('exit', (c: number | null) => (code = c));
          ch.on('close', () => {
            conn.end();
            resolve({ out, code, hostKey });
          });
        });
      })
      .on('error', reject)
      .connect({
        host: '127.0.0.1',
        port: host.port,
        username: host.login,
        privateKey,
        hostVerifier: (key: Buffer) => {
          hostKey = `ssh-ed25519 ${key.subarray(0).toString('base64')}`;
          return true;
        },
      });
  });
}

describe('startSshdHosts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sshd-hosts-'));
  const key = generateEd25519KeyPair();
  let lab: SshdHosts;

  beforeAll(async () => {
    lab = await startSshdHosts({ dir, names: ['web-01', 'db-01'], authorizedKeys: [key.public] });
  });
  afterAll(async () => {
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts one sshd per host on its own loopback port with its own host key', async () => {
    expect(lab.hosts.map((h) => h.name)).toEqual(['web-01', 'db-01']);
    const [a, b] = lab.hosts;
    expect(a!.port).not.toBe(b!.port);
    expect(a!.hostPublicKey).not.toBe(b!.hostPublicKey);
    expect(a!.address).toBe(`127.0.0.1:${a!.port}`);
    for (const host of lab.hosts) {
      const r = await execOn(host, key.private, 'id -un; echo "$HOME"');
      expect(r.code).toBe(0);
      const [user, home] = r.out.trim().split('\n');
      expect(user).toBe(host.login);
      expect(home).toBe(join(dir, host.name, 'home'));
      expect(r.hostKey).toBe(host.hostPublicKey);
    }
  });

  it('refuses a key that is not authorized', async () => {
    const other = generateEd25519KeyPair();
    await expect(execOn(lab.hosts[0]!, other.private, 'true')).rejects.toThrow(/authentication/i);
  });

  it('stop() ends every sshd', async () => {
    const extra = await startSshdHosts({ dir: join(dir, 'extra'), names: ['x'], authorizedKeys: [key.public] });
    const pid = extra.hosts[0]!.pid;
    expect(() => process.kill(pid, 0)).not.toThrow();
    await extra.stop();
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('sshd dies with the process that started it, even on SIGKILL', async () => {
    const script = `
      import { startSshdHosts } from ${JSON.stringify(join(__dirname, 'sshd-hosts.ts'))};
      const lab = await startSshdHosts({ dir: ${JSON.stringify(join(dir, 'orphan'))}, names: ['o'], authorizedKeys: [] });
      console.log('PID=' + lab.hosts[0].pid);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /PID=(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error('child exited early: ' + out)));
    });
    expect(() => process.kill(pid, 0)).not.toThrow();
    child.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    let alive = true;
    while (alive && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
  });

  it('says how to install sshd when it is missing', async () => {
    await expect(startSshdHosts({ dir, names: ['y'], authorizedKeys: [], sshdPath: '/nonexistent/sshd' })).rejects.toThrow(
      'sudo apt-get install openssh-server',
    );
  });
});
