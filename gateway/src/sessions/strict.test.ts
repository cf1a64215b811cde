// Strict recording against a really full disk: the recordings directory is a 64 KiB tmpfs (we run
// as root here; without mount permission the tests are skipped and say why). Root bypasses file
// permissions, so "cannot open the recording" is a read-only mount (EROFS), not chmod 000.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '..';
import { RECORDINGS_DIR } from '../recording';
import { openStore, type Store } from '../store';
import { exec } from '../testing';
import { refusalMessage } from './lifecycle';
import { createSessionRepo } from './repo';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';

function mountPermitted(): string | undefined {
  const probe = mkdtempSync(join(tmpdir(), 'gw-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe]);
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]}): needs root or CAP_SYS_ADMIN`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
const cannotMount = mountPermitted();
if (cannotMount) console.warn(`skipping the full-disk tests: ${cannotMount}`);

let fx: Fixture;
let recordings: string;
let store: Store;
let gw: Gateway | undefined;
const mount = (options: string) => execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', recordings]);

describe.skipIf(!!cannotMount)('recording on a full disk', () => {
  beforeAll(async () => {
    fx = await setUpFixture('gw-strict-');
    recordings = join(fx.dataDir, RECORDINGS_DIR);
    mkdirSync(recordings, { recursive: true });
    store = openStore(fx.dataDir);
  });
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
    execFileSync('umount', [recordings]);
  });
  afterAll(async () => {
    store?.close();
    await fx?.lab.stop();
    if (fx) rmSync(fx.dir, { recursive: true, force: true });
  });
  const newest = () => createSessionRepo(store.db).list({ limit: 1 })[0]!;
  const auditOf = (id: string) => store.audit.list().filter((e) => e.data.session === id);
  // ~540 KB of output over ~2 s: far more than the 64 KiB the disk holds, slow enough that the
  // session is still running when a flush (every 250 ms) fails.
  const BIG = 'for i in $(seq 1 40); do head -c 10000 /dev/zero | base64; sleep 0.05; done; echo never-ends-here';

  it('strict: a write failing mid-session ends the session with a message', async () => {
    mount('size=64k');
    gw = await fx.start({ recording: { strict: true } });
    const conn = await fx.connect(gw);
    const r = await exec(conn, BIG);
    conn.end();
    expect(r.stderr).toContain("this session's recording failed (write failed: ENOSPC)");
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('never-ends-here');
    await gw.close();
    const s = newest();
    expect(s.status).toBe('ended');
    expect(auditOf(s.id).map((e) => e.type)).toEqual(['session.start', 'recording.failed', 'session.end']);
  });

  it('strict: a recording that cannot be opened refuses the session before the target runs anything', async () => {
    mount('size=64k,ro');
    gw = await fx.start({ recording: { strict: true } });
    const conn = await fx.connect(gw);
    const marker = join(fx.dir, 'ran');
    const r = await exec(conn, `touch ${marker}`);
    conn.end();
    // mkdir of the day's directory fails first (ENOENT/EROFS, depending on the kernel's path walk)
    const [before, after] = refusalMessage('CODE').split('CODE') as [string, string];
    expect(r.stderr.startsWith(before) && r.stderr.includes(after)).toBe(true);
    expect(r.stderr).toMatch(/\((ENOENT|EROFS)\)/);
    expect(r.code).toBe(1);
    expect(() => execFileSync('test', ['-e', marker])).toThrow(); // never ran
    const s = newest();
    expect(s).toMatchObject({ status: 'refused', recording: null });
    expect(auditOf(s.id).map((e) => e.type)).toEqual(['recording.failed', 'session.refused']);
  });

  it('not strict: the session goes on unrecorded and the failure is audited', async () => {
    mount('size=64k');
    gw = await fx.start({ recording: { strict: false } });
    const conn = await fx.connect(gw);
    const r = await exec(conn, BIG);
    conn.end();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('never-ends-here');
    await gw.close();
    const s = newest();
    expect(s.status).toBe('ended');
    expect(auditOf(s.id).map((e) => e.type)).toEqual(['session.start', 'recording.failed', 'session.end']);
    expect(auditOf(s.id)[1]!.data).toMatchObject({ strict: false, reason: 'write failed: ENOSPC' });
  });
});
