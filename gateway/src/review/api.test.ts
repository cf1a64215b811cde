// The review API against a real gateway, sessions made over real SSH to a real sshd: who sees
// what, paging, full-text search, recordings in chunks, the audit log, and evidence bundles
// fetched over the API and from the CLI, verified offline, with each alteration named.
/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are JSON checked by expect(), not by types */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_API_SUBSYSTEM } from '../../../shared/contract/gateway-api';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import type { Gateway } from '..';
import { connectClient, exec, runCliCaptured } from '../testing';
import { verifyBundle } from './bundle-verify';

let fx: Fixture;
let gw: Gateway;
const ids: Record<'alice' | 'sam', string> = { alice: '', sam: '' };

type Answer = { ok: boolean; result?: any; error?: { code: string; message: string } };

/** One API request as `user` on a channel of its own. */
async function call(user: 'alice' | 'sam', method: string, params: unknown): Promise<Answer> {
  const conn: Client = await connectClient({ port: gw.address.port, username: user, privateKey: fx.keys[user].private, hostPublicKey: gw.hostPublicKey });
  try {
    const channel = await new Promise<ClientChannel>((resolve, reject) => conn.subsys(GATEWAY_API_SUBSYSTEM, (err, ch) => (err ? reject(err) : resolve(ch))));
    let text = '';
    channel.on('data', (d: Buffer) => (text += d.toString()));
    channel.end(JSON.stringify({ type: 'request', id: 1, method, params }) + '\n');
    await new Promise((resolve) => channel.on('close', resolve));
    return JSON.parse(text.trim().split('\n')[0]!) as Answer;
  } finally {
    conn.end();
  }
}
const ok = async (user: 'alice' | 'sam', method: string, params: unknown) => {
  const a = await call(user, method, params);
  expect(a.error).toBeUndefined();
  return a.result;
};

beforeAll(async () => {
  fx = await setUpFixture('gw-review-');
  gw = await fx.start();
  for (const user of ['alice', 'sam'] as const) {
    const conn = await fx.connect(gw, user);
    expect((await exec(conn, `echo review-${user}-$((6*7)) && printf 'x%.0s' $(seq 1 3000)`)).code).toBe(0);
    conn.end();
  }
  const found = await ok('sam', 'review.sessions.search', {});
  for (const s of found.sessions) ids[s.user as 'alice' | 'sam'] = s.id;
}, 60_000);
afterAll(async () => {
  await gw?.close();
  await fx?.lab.stop();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

describe('review API', () => {
  it('security sees every session, an operator only their own; asking for another user is denied', async () => {
    expect((await ok('sam', 'review.sessions.search', {})).sessions.map((s: any) => s.user).sort()).toEqual(['alice', 'sam']);
    const mine = await ok('alice', 'review.sessions.search', {});
    expect(mine.sessions).toHaveLength(1);
    expect(mine.sessions[0]).toMatchObject({ user: 'alice', host: 'web-01', kind: 'exec', status: 'ended', endedBy: 'target', exitCode: 0, recorded: true });
    expect(mine.sessions[0].source).toMatch(/^127\.0\.0\.1:\d+$/);
    expect((await call('alice', 'review.sessions.search', { user: 'sam' })).error?.code).toBe('denied');
    expect((await call('alice', 'review.recording.open', { sessionId: ids.sam })).error?.code).toBe('not_found');
    expect((await call('alice', 'review.bundle.create', { sessionId: ids.sam })).error?.code).toBe('not_found');
  });

  it('sessions by command text, and commands searched in pages', async () => {
    expect((await ok('sam', 'review.sessions.search', { command: 'review-alice' })).sessions.map((s: any) => s.id)).toEqual([ids.alice]);
    const first = await ok('sam', 'review.commands.search', { query: 'echo', limit: 1 });
    expect(first.commands).toHaveLength(1);
    expect(first.next).not.toBeNull();
    const second = await ok('sam', 'review.commands.search', { query: 'echo', limit: 1, cursor: first.next });
    expect([first.commands[0].user, second.commands[0].user].sort()).toEqual(['alice', 'sam']);
    expect(second.next).toBeNull();
    expect(second.commands[0]).toMatchObject({ host: 'web-01', login: fx.login, t: 0 });
    expect((await ok('alice', 'review.commands.search', { query: 'echo' })).commands.map((c: any) => c.user)).toEqual(['alice']);
  });

  it('a recording opens with its header and command markers, and comes in bounded chunks', async () => {
    const header = await ok('alice', 'review.recording.open', { sessionId: ids.alice });
    expect(header).toMatchObject({ width: 80, height: 24, live: false });
    expect(header.commands[0].command).toContain('echo review-alice');
    let chunk = await ok('alice', 'review.recording.chunk', { sessionId: ids.alice, from: 0, maxBytes: 1024 });
    let output = '';
    let chunks = 0;
    for (;;) {
      chunks++;
      output += chunk.events.filter((e: string[]) => e[1] === 'o').map((e: string[]) => e[2]).join('');
      if (chunk.next === null) break;
      chunk = await ok('alice', 'review.recording.chunk', { sessionId: ids.alice, cursor: chunk.next, maxBytes: 1024 });
    }
    expect(output).toContain('review-alice-42');
    expect(output).toContain('x'.repeat(3000));
    expect(chunks).toBeGreaterThan(1);
  });

  it('the audit log, filtered, and its verification: for security, not for operators', async () => {
    const rows = await ok('sam', 'review.audit.list', { session: ids.alice });
    expect(rows.rows.map((r: any) => r.type)).toEqual(['session.start', 'session.end']);
    expect(rows.rows[1].prevHash).toMatch(/^[0-9a-f]{64}$/);
    const page = await ok('sam', 'review.audit.list', { type: 'session.start', limit: 1 });
    expect(page.next).not.toBeNull();
    expect((await ok('sam', 'review.audit.verify', {})).ok).toBe(true);
    expect((await call('alice', 'review.audit.list', {})).error?.code).toBe('denied');
  });

  it('an evidence bundle fetched over the API in chunks verifies offline', async () => {
    const made = await ok('alice', 'review.bundle.create', { sessionId: ids.alice });
    const parts: Buffer[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const part: any = await ok('alice', 'review.bundle.chunk', { bundle: made.bundle, offset, maxBytes: 4096 });
      parts.push(Buffer.from(part.data, 'base64'));
      offset = part.next;
    }
    const bytes = Buffer.concat(parts);
    expect(bytes.length).toBe(made.size);
    const report = verifyBundle(bytes.toString('utf8'));
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, session: ids.alice, fingerprint: made.fingerprint });
    // Someone else cannot fetch it.
    expect((await call('sam', 'review.bundle.chunk', { bundle: made.bundle, offset: 0 })).error?.code).toBe('not_found');
  });
});

describe('evidence bundle from the CLI, verified offline', () => {
  let file: string;
  let text: string;
  const verify = async (content: string, ...args: string[]) => {
    const altered = join(fx.dir, 'altered.bundle');
    writeFileSync(altered, content);
    return runCliCaptured(['bundle', 'verify', altered, ...args]);
  };
  /** The bundle with one record of `kind` changed by `edit`. */
  const alter = (kind: string, edit: (r: any) => void, nth = 0) => {
    let seen = 0;
    return text
      .split('\n')
      .map((line) => {
        if (!line) return line;
        const r = JSON.parse(line);
        if (r.kind !== kind || seen++ !== nth) return line;
        edit(r);
        return JSON.stringify(r);
      })
      .join('\n');
  };

  beforeAll(async () => {
    file = join(fx.dir, 'alice.bundle');
    const made = await runCliCaptured(['recording', 'bundle', ids.alice, '--out', file, '--data', fx.dataDir]);
    expect(made).toMatchObject({ code: 0 });
    text = readFileSync(file, 'utf8');
  });

  it('OK as written, with the key shown as a fingerprint', async () => {
    const run = await runCliCaptured(['bundle', 'verify', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^OK: session ${ids.alice}, key SHA256:`));
    expect(run.stdout).toContain('recording: ');
  });

  it.each([
    ['the recording', () => alter('recording', (r) => (r.data = Buffer.from(Buffer.from(r.data, 'base64').toString().replace('review-alice-42', 'review-alice-43')).toString('base64'))), /recording: SHA-256 .* does not match/],
    ['a command', () => alter('command', (r) => (r.command = 'echo innocent')), /command #\d+ "echo innocent" was altered after signing/],
    ['an audit row', () => alter('audit', (r) => (r.data.exitCode = 1), 1), /audit entry #\d+ \(session.end\): its content does not match its hash/],
    ['a chain link', () => alter('link', (r) => (r.hash = 'f'.repeat(64))), /chain link #\d+ was altered after signing/],
    ['the signature', () => alter('signature', (r) => (r.signature = Buffer.alloc(64, 1).toString('base64'))), /signature: it does not verify/],
  ])('%s altered: named', async (_what, make, expected) => {
    const run = await verify(make());
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ALTERED/);
    expect(run.stdout).toMatch(expected);
  });

  it('checked with another key than the gateway’s: the signature does not verify', async () => {
    const other = join(fx.dir, 'other.pub');
    writeFileSync(other, generateEd25519KeyPair().public);
    const run = await verify(text, '--public-key', other);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/the bundle names another key/);
    expect(run.stdout).toMatch(/signature: it does not verify/);
  });
});
