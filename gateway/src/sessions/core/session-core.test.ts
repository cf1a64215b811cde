// The session core without an SSH channel in front: its client side is plain Node streams
// (PassThrough), the target a real OpenSSH sshd, the store, access, recording and liveness real.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../../../lab/gateway-fixture';
import { createAccess } from '../../access';
import { createLiveness, type Liveness } from '../../liveness';
import { silentLogger } from '../../logger';
import { openStore, type Store } from '../../store';
import { createSessionLifecycle, type SessionLifecycle } from '../lifecycle';
import type { ExitInfo } from '../outcome';
import { createSessionRepo } from '../repo';
import { waitFor } from '../../testing';
import type { ClientSide } from './client-side';
import { createSessionCore, type SessionCore } from './session-core';

let fx: Fixture;
let store: Store;
let liveness: Liveness;
let lifecycle: SessionLifecycle;
let core: SessionCore;

/** A client side over PassThrough streams that keeps what it was told. */
function streamSide() {
  const output = new PassThrough();
  const stderr = new PassThrough();
  const input = new PassThrough();
  const seen = { out: '', err: '', exit: undefined as ExitInfo | undefined, ended: false, closed: false };
  output.on('data', (d: Buffer) => (seen.out += d.toString()));
  stderr.on('data', (d: Buffer) => (seen.err += d.toString()));
  const side: ClientSide = {
    output,
    stderr,
    input,
    get writable() {
      return !seen.ended && !seen.closed;
    },
    exit: (exit) => (seen.exit = exit),
    end: () => (seen.ended = true),
    close: () => (seen.closed = true),
  };
  return { side, input, seen };
}

beforeAll(async () => {
  fx = await setUpFixture('gw-core-');
  store = openStore(fx.dataDir);
  liveness = createLiveness(store.db, silentLogger, 100);
  lifecycle = createSessionLifecycle({ store, dataDir: fx.dataDir, logger: silentLogger });
  core = createSessionCore({ store, access: createAccess(store), logger: silentLogger, liveness, lifecycle });
});
afterAll(async () => {
  liveness?.stop();
  await lifecycle?.drain();
  store?.close();
  await fx?.lab.stop();
  rmSync(fx.dir, { recursive: true, force: true });
});

const rowOf = (id: string) => createSessionRepo(store.db).get(id)!;

describe('the session core with plain streams for a client', () => {
  it('runs a recorded exec: output, stderr, exit status, the row and the recording', async () => {
    const { side, input, seen } = streamSide();
    input.end(); // no input: EOF at once
    const handle = core.open({ user: 'alice', target: `${fx.login}@web-01`, kind: 'exec', command: 'echo out-$((6*7)); echo err >&2; exit 3' }, side);
    const result = await handle.done;
    expect(result).toEqual({ status: 'ended', exit: { code: 3 }, cause: { endedBy: 'target' } });
    expect(seen.out).toBe('out-42\n');
    expect(seen.err).toBe('err\n');
    expect(seen.exit).toEqual({ code: 3 });
    expect(seen.ended).toBe(true);
    const row = rowOf(handle.id);
    expect(row).toMatchObject({ user: 'alice', host: 'web-01', kind: 'exec', status: 'ended', exitCode: 3, endedBy: 'target' });
    expect(readFileSync(join(fx.dataDir, row.recording!), 'utf8')).toContain('out-42');
  });

  it('runs a shell with a pty: typed input reaches it, it is listed live with its bytes, exit ends it', async () => {
    const { side, input, seen } = streamSide();
    const handle = core.open({ user: 'alice', target: `${fx.login}@web-01`, kind: 'shell', pty: { term: 'xterm', cols: 100, rows: 30, width: 0, height: 0 } }, side);
    input.write('stty size; echo CORE-$((40+2))\n');
    expect(await waitFor(() => /CORE-42/.test(seen.out), 10_000)).toBe(true);
    expect(seen.out).toContain('30 100');
    const live = core.registry.get(handle.id);
    expect(live).toMatchObject({ user: 'alice', host: 'web-01', login: fx.login, kind: 'shell' });
    expect(live!.bytesOut).toBeGreaterThan(0);
    expect(live!.bytesIn).toBe('stty size; echo CORE-$((40+2))\n'.length);
    input.write('exit 4\n');
    const result = await handle.done;
    expect(result).toMatchObject({ status: 'ended', exit: { code: 4 }, cause: { endedBy: 'target' } });
    expect(core.registry.get(handle.id)).toBeUndefined();
    expect(readFileSync(join(fx.dataDir, rowOf(handle.id).recording!), 'utf8')).toContain('"i", "exit 4\\n"');
  });

  it('ends a session on request, with who and why in the row and the audit event', async () => {
    const { side, seen } = streamSide();
    const handle = core.open({ user: 'alice', target: `${fx.login}@web-01`, kind: 'exec', command: 'echo started; exec sleep 30' }, side);
    expect(await waitFor(() => seen.out.includes('started'), 10_000)).toBe(true);
    handle.end({ endedBy: 'terminated', by: 'sam', reason: 'incident 42' }, 'an administrator ended this session');
    expect(await handle.done).toMatchObject({ status: 'ended', cause: { endedBy: 'terminated', by: 'sam', reason: 'incident 42' } });
    expect(seen.err).toContain('portcullis: an administrator ended this session');
    expect(seen.exit).toEqual({ code: 255 });
    expect(rowOf(handle.id)).toMatchObject({ status: 'ended', endedBy: 'terminated', endActor: 'sam', endReason: 'incident 42' });
    const end = store.audit.list({ type: 'session.end' }).find((e) => e.data.session === handle.id);
    expect(end?.data).toMatchObject({ endedBy: 'terminated', by: 'sam', reason: 'incident 42' });
  });

  it('refuses a target the user may not use, saying so, and records nothing', async () => {
    const { side, input, seen } = streamSide();
    input.end();
    const handle = core.open({ user: 'alice', target: `${fx.login}@vault-01`, kind: 'exec', command: 'true' }, side);
    expect(await handle.done).toEqual({ status: 'refused', why: 'no_grant' });
    expect(seen.err).toMatch(/access to .*@vault-01 denied/);
    await waitFor(() => seen.exit !== undefined, 2000); // sent once the message is out
    expect(seen.exit).toEqual({ code: 1 });
    expect(rowOf(handle.id)).toBeUndefined();
  });
});
