// Watching and terminating live sessions against a real gateway, a real OpenSSH target and real
// clients (ssh2 for terminals of a known size and the API, OpenSSH `ssh -tt` for a user's terminal):
// a watcher's screen equals the user's (both drawn by @xterm/headless), several watch at once, one
// that stops reading falls behind alone, terminate (API and CLI) shows the reason before the cut.
import { statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import xtermHeadless from '@xterm/headless';
import type { ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShell, setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import { GATEWAY_API_SUBSYSTEM } from '../../../shared/contract/gateway-api';
import { capChannelWindow, openWithSmallWindow } from '../../../shared/node/ssh-window';
import type { SessionOutputData } from '../../../shared/contract/gateway-api/live';
import type { Gateway } from '..';
import { controlSocketPath } from '../control/protocol';
import { openStore } from '../store';
import { auditEntries, connectClient, runCliCaptured, spawnOpenSsh, waitFor, writeKnownHosts } from '../testing';
import { createSessionRepo, type SessionRecord } from './repo';

let fx: Fixture;
let gw: Gateway;

beforeAll(async () => {
  fx = await setUpFixture('gw-watch-');
  // A small queue per subscription, so a watcher that stops reading falls behind after little output.
  gw = await fx.start({ api: { events: { subscriptionQueueBytes: 64 * 1024 } } });
});
afterAll(async () => {
  await gw?.close();
  await fx?.lab.stop();
});

function row(id: string): SessionRecord | undefined {
  const store = openStore(fx.dataDir);
  try {
    return createSessionRepo(store.db).get(id);
  } finally {
    store.close();
  }
}
function newestLive(user: string): SessionRecord | undefined {
  const store = openStore(fx.dataDir);
  try {
    return createSessionRepo(store.db).list({ user, status: 'live', limit: 1 })[0];
  } finally {
    store.close();
  }
}

/** Alice's pty shell (ssh2 client, 80×24) and everything it showed, resizes in their place. */
async function aliceShell() {
  const conn = await fx.connect(gw, 'alice');
  const channel = await openShell(conn, 80, 24);
  const seen: Array<string | { cols: number; rows: number }> = [];
  let text = '';
  channel.on('data', (d: Buffer) => {
    seen.push(d.toString('utf8'));
    text += d.toString('utf8');
  });
  const waitText = async (pattern: RegExp) => expect(await waitFor(() => pattern.test(text), 10_000), `${pattern} in ${JSON.stringify(text.slice(-300))}`).toBe(true);
  await waitText(/\$ $|# $/); // a prompt: the shell is up
  const session = await waitFor(() => !!newestLive('alice'), 5000).then(() => newestLive('alice')!);
  return {
    conn,
    channel,
    id: session.id,
    seen,
    text: () => text,
    waitText,
    run: (command: string) => channel.write(command + '\n'),
    resize(cols: number, rows: number) {
      seen.push({ cols, rows });
      channel.setWindow(rows, cols, 0, 0);
    },
  };
}

type Answer = { id: number; ok: boolean; result?: unknown; error?: { code: string; message: string } };

/** An API channel as `user` (no target): requests by id, events by subscription; `window`: its SSH receive window. */
async function apiAs(user: 'sam' | 'alice', window?: number) {
  const conn = await connectClient({ port: gw.address.port, username: user, privateKey: fx.keys[user].private, hostPublicKey: gw.hostPublicKey });
  const open = () => new Promise<ClientChannel>((resolve, reject) => conn.subsys(GATEWAY_API_SUBSYSTEM, (err, ch) => (err ? reject(err) : resolve(ch))));
  const channel = await (window === undefined ? open() : openWithSmallWindow(conn, open, window));
  // ssh2 keeps opening a channel's window whether it is read or not, unless capped.
  if (window !== undefined) capChannelWindow(conn, channel, window, { openedWith: window });
  const answers = new Map<number, (a: Answer) => void>();
  const events: Array<{ event: string; payload: { subscription: number; data?: SessionOutputData; reason?: string } }> = [];
  let carry = '';
  let nextId = 1;
  channel.on('data', (d: Buffer) => {
    const lines = (carry + d.toString('utf8')).split('\n');
    carry = lines.pop()!;
    for (const line of lines) {
      const message = JSON.parse(line) as { type: string } & Answer & (typeof events)[number];
      if (message.type === 'response') answers.get(message.id)?.(message);
      else events.push(message);
    }
  });
  const call = (method: string, params: unknown) =>
    new Promise<Answer>((resolve) => {
      const id = nextId++;
      answers.set(id, resolve);
      channel.write(JSON.stringify({ type: 'request', id, method, params }) + '\n');
    });
  return {
    conn,
    channel,
    call,
    async watch(sessionId: string) {
      const answer = await call('events.subscribe', { topic: 'sessions.output', params: { sessionId } });
      expect(answer.error).toBeUndefined();
      return (answer.result as { subscription: number }).subscription;
    },
    /** What a subscription delivered so far (its topic's data, in order). */
    dataOf: (subscription: number) => events.filter((e) => e.event === 'sessions.output' && e.payload.subscription === subscription).map((e) => e.payload.data!),
    endOf: (subscription: number) => events.find((e) => e.event === 'subscription.ended' && e.payload.subscription === subscription)?.payload,
  };
}

/** Draws a stream into a fresh headless xterm; its visible lines and cursor. */
async function render(cols: number, rows: number, steps: Array<string | { cols: number; rows: number }>, convertEol = false): Promise<string[]> {
  const term = new xtermHeadless.Terminal({ cols, rows, allowProposedApi: true, convertEol });
  for (const step of steps) {
    if (typeof step === 'string') await new Promise<void>((resolve) => term.write(step, resolve));
    else term.resize(step.cols, step.rows);
  }
  const buffer = term.buffer.active;
  const lines = Array.from({ length: term.rows }, (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
  lines.push(`cursor ${buffer.cursorX},${buffer.cursorY}`);
  term.dispose();
  return lines;
}

/** A watcher's screen: the snapshot it started from, then the tail. */
function watcherScreen(data: SessionOutputData[]): Promise<string[]> {
  const screen = data.find((d) => d.kind === 'screen');
  if (screen?.kind !== 'screen') return Promise.resolve(['no screen yet']);
  const steps = data.flatMap((d): Array<string | { cols: number; rows: number }> => (d.kind === 'output' ? [d.data] : d.kind === 'resize' ? [{ cols: d.cols, rows: d.rows }] : []));
  return render(screen.cols, screen.rows, [screen.snapshot, ...steps], !screen.pty);
}

async function sameScreen(user: Awaited<ReturnType<typeof aliceShell>>, data: () => SessionOutputData[]): Promise<{ user: string[]; watcher: string[] }> {
  let last = { user: [] as string[], watcher: [] as string[] };
  // The watcher's copy arrives a moment after the user's: compare until they agree or time runs out.
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    last = { user: await render(80, 24, user.seen), watcher: await watcherScreen(data()) };
    if (JSON.stringify(last.user) === JSON.stringify(last.watcher)) break;
  }
  return last;
}

describe('sessions.output: watching a live session', () => {
  it('two watchers see the same screen as the user: the screen as it was when they joined, then the live tail with resizes', async () => {
    const alice = await aliceShell();
    alice.run(`printf '\\033[1;31mRED\\033[0m before\\n'; seq 1 30; echo BEFORE-$((1+1))`);
    await alice.waitText(/BEFORE-2\r\n.*[$#] $/s);
    const [one, two] = [await apiAs('sam'), await apiAs('sam')];
    const subs = [await one.watch(alice.id), await two.watch(alice.id)];
    const watchers = [() => one.dataOf(subs[0]!), () => two.dataOf(subs[1]!)];
    expect(await waitFor(() => watchers.every((w) => w()[0]?.kind === 'screen'), 5000)).toBe(true);
    // The first event is the screen as it is: what ran before anyone watched is on it.
    const first = watchers[0]!()[0]!;
    expect(first.kind === 'screen' && first.snapshot).toContain('BEFORE-2');

    alice.resize(100, 30);
    expect(await waitFor(() => watchers.every((w) => w().some((d) => d.kind === 'resize')), 5000)).toBe(true);
    alice.run(`printf '\\033[44mblue\\033[0m after\\n'; seq 100 140; echo AFTER-$((2+2))`);
    await alice.waitText(/AFTER-4\r\n.*[$#] $/s);
    for (const data of watchers) {
      const { user, watcher } = await sameScreen(alice, data);
      expect(user.join('\n')).toContain('AFTER-4');
      expect(watcher).toEqual(user);
    }
    expect(auditEntries(fx.dataDir, 'session.watch.start').filter((e) => e.data.session === alice.id)).toHaveLength(2);
    expect(auditEntries(fx.dataDir, 'session.watch.start')[0]).toMatchObject({ actor: 'sam', data: { session: alice.id, user: 'alice', host: 'web-01' } });
    // Unsubscribing stops the watch, audited with who.
    expect((await one.call('events.unsubscribe', { subscription: subs[0] })).ok).toBe(true);
    expect(auditEntries(fx.dataDir, 'session.watch.stop').filter((e) => e.data.session === alice.id)).toEqual([expect.objectContaining({ actor: 'sam' })]);
    for (const c of [one, two, alice]) c.conn.end();
  });

  it('a watcher that stops reading falls behind alone: its subscription ends with fell_behind, the session and the other watcher go on', async () => {
    const alice = await aliceShell();
    const [slow, steady] = [await apiAs('sam', 16 * 1024), await apiAs('sam')];
    const [slowSub, steadySub] = [await slow.watch(alice.id), await steady.watch(alice.id)];
    expect(await waitFor(() => slow.dataOf(slowSub).length > 0, 5000)).toBe(true);
    slow.channel.pause(); // reads nothing more: its window closes, the gateway's queue fills
    alice.run(`head -c 3000000 /dev/zero | tr '\\0' x; echo; echo FLOOD-$((3+3))`);
    await alice.waitText(/FLOOD-6\r\n/);
    slow.channel.resume();
    expect(await waitFor(() => !!slow.endOf(slowSub), 10_000)).toBe(true);
    expect(slow.endOf(slowSub)).toMatchObject({ reason: 'fell_behind' });
    // The user's session is unaffected, and so is the watcher that kept reading.
    alice.run('echo ALIVE-$((4+4))');
    await alice.waitText(/ALIVE-8\r\n/);
    expect(await waitFor(() => steady.dataOf(steadySub).some((d) => d.kind === 'output' && d.data.includes('ALIVE-8')), 10_000)).toBe(true);
    expect(steady.endOf(steadySub)).toBeUndefined();
    expect(row(alice.id)?.status).toBe('live');
    for (const c of [slow, steady, alice]) c.conn.end();
  });

  it('is refused to an operator, even for their own session, and not_found for a session that is not live', async () => {
    const alice = await aliceShell();
    const own = await apiAs('alice');
    const denied = await own.call('events.subscribe', { topic: 'sessions.output', params: { sessionId: alice.id } });
    expect(denied.error).toEqual({ code: 'denied', message: 'only the security and admin roles may watch a live session' });
    const sam = await apiAs('sam');
    const missing = await sam.call('events.subscribe', { topic: 'sessions.output', params: { sessionId: 'no-such-session' } });
    expect(missing.error?.code).toBe('not_found');
    expect((await own.call('sessions.terminate', { sessionId: alice.id, reason: 'mine' })).error?.code).toBe('denied');
    expect(row(alice.id)?.status).toBe('live');
    for (const c of [own, sam, alice]) c.conn.end();
  });
});

describe('terminate', () => {
  it('sessions.terminate: the user reads who and why in their terminal (OpenSSH ssh -tt), the session ends as terminated, watchers get the cause', async () => {
    const keyFile = join(fx.dir, 'alice_key');
    writeFileSync(keyFile, fx.keys.alice.private, { mode: 0o600 });
    const user = spawnOpenSsh({ port: gw.address.port, keyFile, knownHosts: writeKnownHosts(fx.dir, gw), user: `alice:${fx.login}@web-01`, options: ['-tt'] });
    user.write('echo "LIVE-$((40+2))"\n');
    await user.waitFor(/LIVE-42/);
    expect(await waitFor(() => !!newestLive('alice'), 5000)).toBe(true);
    const id = newestLive('alice')!.id;
    const sam = await apiAs('sam');
    const sub = await sam.watch(id);

    const answer = await sam.call('sessions.terminate', { sessionId: id, reason: 'copying customer data\x1b[2J' });
    expect(answer).toMatchObject({ ok: true, result: { sessionId: id, endedAt: expect.any(Number) } });
    // Before the cut, in the terminal (escape sequences in the reason are made harmless).
    await user.waitFor(/portcullis: session terminated by sam: copying customer data \[2J\r\n/);
    expect(await user.exited).toBe(255);
    expect(row(id)).toMatchObject({ status: 'ended', endedBy: 'terminated', endActor: 'sam', endReason: 'copying customer data [2J' });
    expect(auditEntries(fx.dataDir, 'session.terminated').find((e) => e.data.session === id)).toMatchObject({ actor: 'sam', data: { user: 'alice', reason: 'copying customer data [2J' } });
    expect(auditEntries(fx.dataDir, 'session.end').find((e) => e.data.session === id)?.data).toMatchObject({ endedBy: 'terminated', by: 'sam' });
    expect(await waitFor(() => !!sam.endOf(sub), 5000)).toBe(true);
    expect(sam.dataOf(sub).at(-1)).toEqual({ kind: 'ended', endedBy: 'terminated', by: 'sam', reason: 'copying customer data [2J' });
    expect(sam.endOf(sub)).toMatchObject({ reason: 'closed' });
    expect(auditEntries(fx.dataDir, 'session.watch.stop').find((e) => e.data.session === id)).toMatchObject({ actor: 'sam' });
    // Nothing left to terminate.
    expect((await sam.call('sessions.terminate', { sessionId: id, reason: 'again' })).error?.code).toBe('not_found');
    sam.conn.end();
  });

  it('the CLI ends a live session of the running gateway through its control socket (0600 in a 0700 directory) and exits 0 once it ended', async () => {
    const socket = controlSocketPath(fx.dataDir);
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    expect(statSync(join(socket, '..')).mode & 0o777).toBe(0o700);
    const alice = await aliceShell();
    const cli = (...args: string[]) => runCliCaptured(args, { env: { PORTCULLIS_DATA: fx.dataDir } });
    expect((await cli('sessions', 'list', '--live')).stdout).toContain(alice.id);

    const done = await cli('sessions', 'terminate', alice.id, '--reason', 'end of the change window');
    expect(done).toMatchObject({ code: 0, stdout: expect.stringContaining(`session ${alice.id} terminated`) });
    expect(row(alice.id)).toMatchObject({ status: 'ended', endedBy: 'terminated', endActor: expect.stringMatching(/^admin:cli:/), endReason: 'end of the change window' });
    await alice.waitText(/portcullis: session terminated by admin:cli:\S+: end of the change window\r\n/);
    expect((await cli('sessions', 'list', '--live')).stdout).not.toContain(alice.id);

    const unknown = await cli('sessions', 'terminate', 'no-such-session', '--reason', 'x');
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('there is no live session or port forward no-such-session') });
    expect(await cli('sessions', 'terminate', alice.id)).toMatchObject({ code: 2 }); // --reason is required
    alice.conn.end();
  });
});

describe('the control socket', () => {
  it('answers a request it cannot read with a clear error and ends nothing', async () => {
    const ask = (text: string) =>
      new Promise<string>((resolve, reject) => {
        let answer = '';
        const socket = connect(controlSocketPath(fx.dataDir), () => socket.write(text));
        socket.on('data', (d: Buffer) => (answer += d.toString()));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
      });
    expect(JSON.parse(await ask('not json\n'))).toEqual({ ok: false, error: { code: 'bad_request', message: 'the request is not JSON' } });
    expect(JSON.parse(await ask(JSON.stringify({ op: 'terminate', sessionId: 'x', actor: 'me' }) + '\n'))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(JSON.parse(await ask('x'.repeat(5000)))).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'the request is longer than 4096 bytes' } });
  });
});

describe('terminate without a running gateway', () => {
  it('the CLI says it cannot reach one, exit 1', async () => {
    const r = await runCliCaptured(['sessions', 'terminate', 'abc', '--reason', 'x'], { env: { PORTCULLIS_DATA: join(fx.dir, 'elsewhere') } });
    expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot reach a running gateway') });
  });
});
