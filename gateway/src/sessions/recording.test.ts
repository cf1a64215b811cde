// Sessions, recordings and the command log end to end: a real gateway, real sshd + bash targets,
// the ssh2 client typing like a person, the real `asciinema` reading the result.
import { execFileSync } from 'node:child_process';
import { statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import xtermHeadless from '@xterm/headless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayMethods } from '../../../shared/contract/gateway-api';
import { createDispatcher } from '../../../shared/rpc/dispatcher';
import type { Gateway } from '..';
import { createGatewayHandlers } from '../api/handlers';
import { createAccess } from '../access';
import { createCommandRepo } from '../commands/repo';
import { indexPathOf, readCast, readKeyframes, seek } from '../recording';
import { openStore, type Store } from '../store';
import { collect, exec, readUntil } from '../testing';
import { createSessionRepo, type SessionRecord } from './repo';
import { openShell, setUpFixture, type Fixture } from '../../../lab/gateway-fixture';

let fx: Fixture;
let gw: Gateway;
let store: Store;

beforeAll(async () => {
  fx = await setUpFixture('gw-rec-');
  // A screen budget no test output reaches: keyframes come from an exact screen (floods: screen.test.ts).
  gw = await fx.start({ recording: { screenBudgetBytesPerSec: 1e12 } });
  store = openStore(fx.dataDir);
});

afterAll(async () => {
  store?.close();
  await gw?.close();
  await fx?.lab.stop();
  if (fx && !process.env.KEEP) rmSync(fx.dir, { recursive: true, force: true });
});

const sessions = () => createSessionRepo(store.db);
const castOf = (s: SessionRecord) => join(fx.dataDir, s.recording!);
const outputOf = async (s: SessionRecord) =>
  (await readCast(castOf(s))).events
    .filter((e) => e.type === 'o')
    .map((e) => e.data)
    .join('');
/** The newest session of a user, once its row has ended. */
async function endedSession(user: string): Promise<SessionRecord> {
  for (let i = 0; i < 100; i++) {
    const s = sessions().list({ user, limit: 1 })[0];
    if (s && s.status !== 'live') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('session did not end');
}
const asciinemaCat = (file: string) => execFileSync('script', ['-qec', `asciinema cat ${file}`, '/dev/null'], { encoding: 'utf8', timeout: 20_000 });

describe('recording an exec', () => {
  let s: SessionRecord;
  beforeAll(async () => {
    const conn = await fx.connect(gw);
    const r = await exec(conn, 'echo hello-recording; echo to-stderr >&2; exit 3');
    conn.end();
    expect(r.stdout).toBe('hello-recording\n');
    s = await endedSession('alice');
  });

  it('writes the sessions row and the audit events', () => {
    expect(s).toMatchObject({ user: 'alice', host: 'web-01', login: fx.login, kind: 'exec', command: 'echo hello-recording; echo to-stderr >&2; exit 3', status: 'ended', exitCode: 3 });
    expect(s.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{21}$/);
    expect(s.recording).toMatch(/^recordings\/\d{4}\/\d{2}\/\d{2}\/[A-Za-z0-9_-]{22}\.cast$/);
    expect(s.bytes).toBe(statSync(castOf(s)).size);
    const audit = store.audit.list().filter((e) => e.data.session === s.id);
    expect(audit.map((e) => e.type)).toEqual(['session.start', 'session.end']);
    expect(audit[1]!.data).toMatchObject({ exitCode: 3, endedBy: 'target' });
  });

  it('records output and stderr as asciicast v2, append-only 0600', async () => {
    expect(statSync(castOf(s)).mode & 0o777).toBe(0o600);
    const cast = await readCast(castOf(s));
    expect(cast.header).toMatchObject({ version: 2, width: 80, height: 24, env: { TERM: 'xterm' } });
    const out = await outputOf(s);
    expect(out).toContain('hello-recording\n');
    expect(out).toContain('to-stderr\n');
  });

  it('stores the exec command in the command log', () => {
    const found = createCommandRepo(store.db).search({ query: 'hello-recording' });
    expect(found.map((c) => [c.sessionId, c.command])).toEqual([[s.id, s.command]]);
  });

  it('plays in the real asciinema', () => {
    expect(asciinemaCat(castOf(s))).toContain('hello-recording');
  });
});

describe('recording a shell and its command log', () => {
  let s: SessionRecord;
  const prompt = /[#$] $/;
  beforeAll(async () => {
    const conn = await fx.connect(gw);
    const ch = await openShell(conn);
    const done = collect(ch);
    await readUntil(ch, prompt);
    // Each step waits for the shell to answer, as a person would.
    const step = async (keys: string, until: RegExp) => {
      const seen = readUntil(ch, until);
      ch.write(keys);
      await seen;
    };
    await step('echo one\r', /one\r\n[\s\S]*[#$] $/);
    await step('echo twx\x7fo\r', /two\r\n[\s\S]*[#$] $/); // backspace
    await step('echo hree', /hree$/);
    await step('\x1b[D\x1b[D\x1b[D\x1b[Dt\r', /three\r\n[\s\S]*[#$] $/); // left arrows, insert
    await step(`echo ${'x'.repeat(150)}\r`, /x{150}\r\n[\s\S]*[#$] $/); // wraps at 80 columns
    await step('echo never', /never$/);
    await step('\x03', /\^C/); // abandoned: not a command
    await step('echo after-c\r', /after-c\r\n[\s\S]*[#$] $/);
    await step('echo p1\recho p2\r', /p2\r\n[\s\S]*[#$] $/); // pasted two lines at once
    ch.setWindow(30, 100, 0, 0);
    await step('\x1b[A\r', /p2\r\n[\s\S]*[#$] $/); // history: the last line again
    ch.write('exit\r');
    await done;
    conn.end();
    s = await endedSession('alice');
  });

  it('extracts each command line as the shell showed it', async () => {
    const commands = createCommandRepo(store.db).ofSession(s.id).map((c) => c.command);
    // On a mismatch the events say how input and output interleaved (replayable into the extractor).
    const events = (await readCast(castOf(s))).events.map((e) => JSON.stringify([e.type, e.data])).join('\n');
    expect(commands, events).toEqual(['echo one', 'echo two', 'echo three', `echo ${'x'.repeat(150)}`, 'echo after-c', 'echo p1', 'echo p2', 'echo p2', 'exit']);
  });

  it('points each command at its input event in the recording', async () => {
    const cast = await readCast(castOf(s));
    const byOffset = new Map(cast.events.map((e) => [e.offset, e]));
    for (const c of createCommandRepo(store.db).ofSession(s.id)) {
      const e = byOffset.get(c.offset);
      expect(e?.type).toBe('i');
    }
  });

  it('records input and resize events', async () => {
    const cast = await readCast(castOf(s));
    expect(cast.events.filter((e) => e.type === 'i').map((e) => e.data).join('')).toContain('echo twx\x7fo\r');
    expect(cast.events.filter((e) => e.type === 'r').map((e) => e.data)).toEqual(['100x30']);
    expect(asciinemaCat(castOf(s))).toContain('three');
  });

  it('finds commands by full-text search', () => {
    const repo = createCommandRepo(store.db);
    expect(repo.search({ query: 'thr' }).map((c) => c.command)).toEqual(['echo three']);
    expect(repo.search({ query: 'echo p2', user: 'alice' })).toHaveLength(2);
    expect(repo.search({ query: 'echo', user: 'nobody' })).toHaveLength(0);
    expect(repo.search({ query: '"unbalanced AND (' })).toHaveLength(0); // never an FTS syntax error
  });
});

describe('keyframes', () => {
  it('lets a player seek: keyframe + events give the same screen as replaying everything', async () => {
    const conn = await fx.connect(gw);
    const ch = await openShell(conn);
    const done = collect(ch);
    await readUntil(ch, /[#$] $/);
    ch.write('seq 1 100000; echo seq-done\r');
    await readUntil(ch, /seq-done\r\n[\s\S]*[#$] $/, 20_000);
    ch.write('exit\r');
    await done;
    conn.end();
    const s = await endedSession('alice');
    const keyframes = readKeyframes(indexPathOf(castOf(s)));
    expect(keyframes.length).toBeGreaterThanOrEqual(2); // ~600 KB of output, one every 256 KB
    const cast = await readCast(castOf(s));
    const t = cast.events[cast.events.length - 1]!.t;

    const screen = async (write: (term: InstanceType<typeof xtermHeadless.Terminal>) => string[]) => {
      const term = new xtermHeadless.Terminal({ cols: 80, rows: 24, allowProposedApi: true });
      for (const chunk of write(term)) await new Promise<void>((r) => term.write(chunk, r));
      const lines = [];
      for (let y = 0; y < 24; y++) lines.push(term.buffer.active.getLine(term.buffer.active.baseY + y)!.translateToString(true));
      term.dispose();
      return lines.join('\n');
    };
    const full = await screen(() => cast.events.filter((e) => e.type === 'o').map((e) => e.data));
    const sought = await seek(castOf(s), indexPathOf(castOf(s)), t);
    expect(sought.keyframe).not.toBeNull();
    expect(sought.events.length).toBeLessThan(cast.events.length);
    const fromKeyframe = await screen(() => [sought.keyframe!.snapshot, ...sought.events.filter((e) => e.type === 'o').map((e) => e.data)]);
    expect(fromKeyframe).toBe(full);
    expect(full).toContain('seq-done');
  }, 30_000);
});

describe('API', () => {
  const dispatcher = () => createDispatcher(gatewayMethods, createGatewayHandlers({ access: createAccess(store), store }));
  const ctxOf = (name: string) => ({ user: store.users.find(name)! });

  it('shows operators their own sessions and security everyone’s', async () => {
    const conn = await fx.connect(gw, 'sam');
    await exec(conn, 'true');
    conn.end();
    await endedSession('sam');
    const d = dispatcher();
    const asAlice = await d.dispatch({ type: 'request', id: 1, method: 'sessions.list', params: {} }, ctxOf('alice'));
    type Rows = Array<{ user: string; command: string }>;
    expect(asAlice.ok && (asAlice.result as Rows).every((x) => x.user === 'alice')).toBe(true);
    const asSam = await d.dispatch({ type: 'request', id: 2, method: 'sessions.list', params: { limit: 1000 } }, ctxOf('sam'));
    expect(asSam.ok && new Set((asSam.result as Rows).map((x) => x.user))).toEqual(new Set(['alice', 'sam']));
    expect(asSam.ok && (asSam.result as Rows).find((x) => x.user === 'sam')).toMatchObject({ endedBy: 'target', endReason: null }); // who ended it, as the row says
    const denied = await d.dispatch({ type: 'request', id: 3, method: 'commands.search', params: { query: 'echo', user: 'sam' } }, ctxOf('alice'));
    expect(denied).toMatchObject({ ok: false, error: { code: 'denied' } });
    const found = await d.dispatch({ type: 'request', id: 4, method: 'commands.search', params: { query: 'three', user: 'alice' } }, ctxOf('sam'));
    expect(found.ok && (found.result as Rows).map((c) => c.command)).toEqual(['echo three']);
  });

  it('answers malformed params with a structured error', async () => {
    const d = dispatcher();
    for (const params of [{ limit: 0 }, { limit: 'ten' }, { bogus: 1 }, { status: 'weird' }]) {
      const r = await d.dispatch({ type: 'request', id: 5, method: 'sessions.list', params }, ctxOf('sam'));
      expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    const r = await d.dispatch({ type: 'request', id: 6, method: 'commands.search', params: {} }, ctxOf('sam'));
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
