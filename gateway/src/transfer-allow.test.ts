// File transfer allowed (`transfer.policy: allow`), with the real OpenSSH sftp and scp through a
// real gateway to a real sshd target: files arrive intact both ways, each is audited with its
// direction, path, size and SHA-256 (computed here from the file itself), the session is an `sftp`
// row naming the files, and access, limits and legacy scp are refused as documented.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../lab/gateway-fixture';
import { generateEd25519KeyPair } from '../../shared/node/ssh-keys';
import type { Gateway } from '.';
import { createSessionRepo } from './sessions/repo';
import { LEGACY_SCP_REFUSED } from './ssh/transfer';
import { openStore } from './store';
import { auditEntries, openSshClientOptions, runProcess, waitFor, withAdmin, writeKnownHosts } from './testing';

let fx: Fixture;
let gw: Gateway;
let knownHosts: string;
const keyFiles: Record<string, string> = {};

const run = (tool: 'scp' | 'sftp', who: 'alice' | 'bob', user: string, args: string[], input?: string) =>
  runProcess(tool, ['-P', String(gw.address.port), ...openSshClientOptions(keyFiles[who]!, knownHosts), '-o', `User=${user}`, ...args], { input });

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const fileRows = (): Array<Record<string, unknown>> => auditEntries(fx.dataDir, 'transfer.file').map((e) => ({ actor: e.actor, ...e.data }));
const sessionRows = () => {
  const store = openStore(fx.dataDir);
  try {
    return createSessionRepo(store.db).list();
  } finally {
    store.close();
  }
};
/** Waits for the row of a file (sessions end just after the client exits). */
const rowFor = async (direction: string, path: string) => {
  await waitFor(() => fileRows().some((r) => r.direction === direction && r.path === path), 5000);
  return fileRows().find((r) => r.direction === direction && r.path === path);
};
/** A file of `size` random bytes: several SFTP reads and writes. */
const randomFile = (name: string, size: number) => {
  const file = join(fx.dir, name);
  writeFileSync(file, randomBytes(size));
  return file;
};

beforeAll(async () => {
  fx = await setUpFixture('gw-transfer-allow-');
  for (const who of ['alice', 'bob'] as const) keyFiles[who] = join(fx.dir, `${who}_key`);
  writeFileSync(keyFiles.alice!, fx.keys.alice.private, { mode: 0o600 });
  const bob = generateEd25519KeyPair();
  writeFileSync(keyFiles.bob!, bob.private, { mode: 0o600 });
  withAdmin(fx.dataDir, (admin) => {
    // db-01 is the same sshd under another name: bob may reach web-01 only.
    admin.addHost({ name: 'db-01', address: fx.lab.hosts[0]!.address });
    admin.addUser({ name: 'bob', roles: ['operator'], publicKeys: [bob.public] });
    admin.addGrant({ user: 'bob', hosts: 'web-01', login: fx.login });
  });
  gw = await fx.start({ transfer: { policy: 'allow', maxOpenHandles: 2 } });
  knownHosts = writeKnownHosts(fx.dir, gw);
});

afterAll(async () => {
  await gw?.close();
  await fx?.lab.stop();
  rmSync(fx.dir, { recursive: true, force: true });
});

describe('file transfer: transfer.policy allow', () => {
  const target = () => `${fx.login}@web-01`;

  it('sftp -b: an upload and a download arrive intact, each audited with its SHA-256 and size', async () => {
    const up = randomFile('up.bin', 300_000);
    const onTarget = randomFile('on-target.bin', 200_000);
    const uploaded = join(fx.dir, 'uploaded.bin');
    const downloaded = join(fx.dir, 'downloaded.bin');
    const r = await run('sftp', 'alice', `alice:${target()}`, ['-b', '-', '127.0.0.1'], `put ${up} ${uploaded}\nget ${onTarget} ${downloaded}\n`);
    expect(r.stderr).not.toMatch(/portcullis/);
    expect(r.code).toBe(0);
    expect(sha256(uploaded)).toBe(sha256(up));
    expect(sha256(downloaded)).toBe(sha256(onTarget));
    const upRow = await rowFor('upload', uploaded);
    const id = upRow?.session;
    expect(upRow).toMatchObject({ actor: 'alice', host: 'web-01', login: fx.login, bytes: 300_000, sha256: sha256(up), complete: true });
    expect(await rowFor('download', onTarget)).toMatchObject({ actor: 'alice', host: 'web-01', bytes: 200_000, sha256: sha256(onTarget), complete: true, session: id });
    await waitFor(() => sessionRows().some((s) => s.id === id && s.status === 'ended'), 5000);
    const session = sessionRows().find((s) => s.id === id)!;
    expect(session).toMatchObject({ kind: 'sftp', user: 'alice', host: 'web-01', status: 'ended', recording: null, bytes: 500_000 });
    expect(session.command).toBe(`upload ${uploaded} (300000 bytes); download ${onTarget} (200000 bytes)`);
    const end = auditEntries(fx.dataDir, 'session.end').find((e) => (e.data as { session?: unknown }).session === id);
    expect(end?.data).toMatchObject({ files: 2, bytes: 500_000 });
  });

  it('scp (default SFTP mode): upload and download, audited the same way', async () => {
    const up = randomFile('scp-up.bin', 100_000);
    const onTarget = randomFile('scp-on-target.bin', 70_000);
    const uploaded = join(fx.dir, 'scp-uploaded.bin');
    const downloaded = join(fx.dir, 'scp-downloaded.bin');
    const put = await run('scp', 'alice', 'alice', ['-o', `SetEnv=PORTCULLIS_TARGET=${target()}`, up, `127.0.0.1:${uploaded}`]);
    expect(put.code).toBe(0);
    const get = await run('scp', 'alice', `alice:${target()}`, [`127.0.0.1:${onTarget}`, downloaded]);
    expect(get.code).toBe(0);
    expect(sha256(uploaded)).toBe(sha256(up));
    expect(sha256(downloaded)).toBe(sha256(onTarget));
    expect(await rowFor('upload', uploaded)).toMatchObject({ bytes: 100_000, sha256: sha256(up), complete: true });
    expect(await rowFor('download', onTarget)).toMatchObject({ bytes: 70_000, sha256: sha256(onTarget), complete: true });
  });

  it('what the target refuses reaches the user as the target said it, and moves nothing', async () => {
    const up = randomFile('refused.bin', 10);
    const r = await run('sftp', 'alice', `alice:${target()}`, ['-b', '-', '127.0.0.1'], `put ${up} /nonexistent-dir/x.bin\n`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/No such file|Permission denied|Failure/i);
    expect(fileRows().some((row) => row.path === '/nonexistent-dir/x.bin')).toBe(false);
  });

  it('a host not granted is refused like a shell would be, and nothing is written there', async () => {
    const up = randomFile('bob.bin', 10);
    const dest = join(fx.dir, 'bob-on-db.bin');
    const r = await run('sftp', 'bob', `bob:${fx.login}@db-01`, ['-b', '-', '127.0.0.1'], `put ${up} ${dest}\n`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`access to ${fx.login}@db-01 denied`);
    expect(existsSync(dest)).toBe(false);
    expect(auditEntries(fx.dataDir, 'session.refused').map((e) => ({ actor: e.actor, ...e.data }))).toContainEqual({ actor: 'bob', target: `${fx.login}@db-01`, kind: 'sftp', reason: 'no grant' });
  });

  it('legacy scp -O is refused with a pointer to SFTP mode, audited', async () => {
    const up = randomFile('legacy.bin', 10);
    const dest = join(fx.dir, 'legacy-up.bin');
    const r = await run('scp', 'alice', `alice:${target()}`, ['-O', up, `127.0.0.1:${dest}`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(LEGACY_SCP_REFUSED);
    expect(existsSync(dest)).toBe(false);
    expect(auditEntries(fx.dataDir, 'transfer.refused').map((e) => ({ actor: e.actor, ...e.data }))).toContainEqual({ actor: 'alice', target: target(), protocol: 'scp', direction: 'upload', count: 1 });
  });

  it('open files per session are limited (transfer.maxOpenHandles): one more is refused by the gateway, closing one frees a place', async () => {
    const files = [randomFile('h1', 1), randomFile('h2', 1), randomFile('h3', 1)];
    const conn = await fx.connect(gw);
    try {
      const sftp = await new Promise<SFTPWrapper>((resolve, reject) => conn.sftp((err, s) => (err ? reject(err) : resolve(s))));
      const open = (path: string) => new Promise<Buffer>((resolve, reject) => sftp.open(path, 'r', (err, h) => (err ? reject(err) : resolve(h))));
      const close = (h: Buffer) => new Promise<void>((resolve, reject) => sftp.close(h, (err) => (err ? reject(err) : resolve())));
      const first = await open(files[0]!);
      await open(files[1]!);
      await expect(open(files[2]!)).rejects.toThrow('portcullis: too many open files in this session (limit 2)');
      await close(first);
      await close(await open(files[2]!));
    } finally {
      conn.end();
    }
    // Read to nothing and left open when the session ended: reported, as partial.
    expect(await rowFor('download', files[1]!)).toMatchObject({ bytes: 0, complete: false });
  });
});
