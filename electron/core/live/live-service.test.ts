// The live sessions and audit capabilities through the client's main side, in plain Node against
// the REAL gateway and a real sshd: a security reviewer watches alice's shell (the screen as it is,
// then the live tail), terminates it with a reason that alice reads before the cut and the watcher
// sees as the end; the audit log lists those rows and its chain verifies. Alice (an operator) is
// refused both by the gateway, and a bad reason never leaves the main side.
import type { ClientChannel } from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openShell, type Fixture } from '../../../lab/gateway-fixture';
import type { Gateway } from '../../../gateway/src/index';
import { readUntil } from '../../../gateway/src/testing';
import type { SessionOutputData } from '../../../shared/contract/gateway-api/live';
import type { LiveSessionsData } from '../../../shared/contract/live-sessions';
import type { ClientService } from '../client-service';
import { clientOnFixture, FakeRenderer } from '../testing';

let fx: Fixture;
let gw: Gateway;
let service: ClientService;
let profiles: Record<'alice' | 'sam', string>;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ fx, gw, service, profiles, close } = await clientOnFixture('client-live-', 'sam', 'alice'));
}, 60_000);
afterAll(() => close?.());

/** A renderer stand-in that keeps the data of each gateway subscription it hears. */
function renderer() {
  const r = new FakeRenderer(service.openSession());
  const data = new Map<number, unknown[]>();
  const ended = new Map<number, string>();
  r.session.onEvent((m) => {
    const p = m.payload as { subscription: number; data?: unknown; reason?: string };
    if (m.event === 'gateway.event') data.set(p.subscription, [...(data.get(p.subscription) ?? []), p.data]);
    if (m.event === 'gateway.subscriptionEnded') ended.set(p.subscription, p.reason!);
  });
  return { r, data, ended };
}

async function aliceShell(): Promise<{ shell: ClientChannel; seen: () => string }> {
  const conn = await fx.connect(gw, 'alice');
  const shell = await openShell(conn, 90, 20);
  let text = '';
  shell.on('data', (d: Buffer) => (text += d.toString()));
  shell.stderr.on('data', (d: Buffer) => (text += d.toString()));
  shell.on('close', () => conn.end());
  shell.write('PS1="alice$ "\n');
  await readUntil(shell, /alice\$ $/);
  return { shell, seen: () => text };
}

it('watches a live shell from its current screen, terminates it with a reason alice reads, and the watcher sees the end', async () => {
  const { r, data, ended } = renderer();
  await r.call('gateway.connect', { profileId: profiles.sam });
  expect(await r.call('live.caller')).toEqual({ user: 'sam', roles: ['security', 'operator'] });

  const alice = await aliceShell();
  alice.shell.write('echo before-$((6*7))\n');
  await readUntil(alice.shell, /before-42/);

  // The live list names alice's session; its bytes come from the gateway's row.
  const { subscription: list } = (await r.call('gateway.subscribe', { topic: 'sessions.live', params: {} })) as { subscription: number };
  await r.until(() => (data.get(list) ?? []).some((d) => (d as LiveSessionsData).change === 'list'), 'the live list');
  const first = (data.get(list)![0] as Extract<LiveSessionsData, { change: 'list' }>).sessions;
  expect(first).toHaveLength(1);
  const session = first[0]!;
  expect(session).toMatchObject({ user: 'alice', host: 'web-01', kind: 'shell' });
  const { bytes } = (await r.call('live.bytes')) as { bytes: Record<string, number> };
  expect(Object.keys(bytes)).toEqual([session.id]);

  // Watch: the screen as it is now (what alice typed before), then what comes after.
  const { subscription: watch } = (await r.call('gateway.subscribe', { topic: 'sessions.output', params: { sessionId: session.id } })) as { subscription: number };
  await r.until(() => (data.get(watch) ?? []).length > 0, 'the screen');
  const screen = data.get(watch)![0] as Extract<SessionOutputData, { kind: 'screen' }>;
  expect(screen).toMatchObject({ kind: 'screen', cols: 90, rows: 20, pty: true });
  expect(screen.snapshot).toContain('before-42');
  alice.shell.write('echo after-$((7*8))\n');
  const output = () => (data.get(watch) ?? []).flatMap((d) => ((d as SessionOutputData).kind === 'output' ? [(d as { data: string }).data] : [])).join('');
  await r.until(() => output().includes('after-56'), 'the live tail');

  // Bad input is refused by the main side's schema, before the gateway.
  await expect(r.call('live.terminate', { sessionId: session.id, reason: '   ' })).rejects.toMatchObject({ code: 'bad_request' });
  await expect(r.call('live.terminate', { sessionId: session.id, reason: 'x'.repeat(501) })).rejects.toMatchObject({ code: 'bad_request' });

  const done = (await r.call('live.terminate', { sessionId: session.id, reason: 'change window closed' })) as { sessionId: string; endedAt: number };
  expect(done.sessionId).toBe(session.id);
  expect(alice.seen()).toContain('session terminated by sam: change window closed');
  await r.until(() => ended.get(watch) === 'closed', 'the watch to close');
  expect(data.get(watch)!.at(-1)).toEqual({ kind: 'ended', endedBy: 'terminated', reason: 'change window closed', by: 'sam' });
  await r.until(() => (data.get(list) ?? []).some((d) => (d as LiveSessionsData).change === 'ended'), 'the list to drop it');

  // The audit log has the watch and the terminate, with their actor; the chain verifies.
  const audit = (await r.call('audit.list', { session: session.id, limit: 100 })) as { rows: Array<{ type: string; actor: string; seq: number }>; next: string | null };
  expect(audit.rows.map((row) => row.type)).toEqual(expect.arrayContaining(['session.watch.start', 'session.terminated', 'session.end']));
  expect(audit.rows.find((row) => row.type === 'session.terminated')!.actor).toBe('sam');
  const paged = (await r.call('audit.list', { limit: 1 })) as { rows: Array<{ seq: number }>; next: string | null };
  expect(paged.rows).toHaveLength(1);
  const second = (await r.call('audit.list', { limit: 1, cursor: paged.next })) as { rows: Array<{ seq: number }> };
  expect(second.rows[0]!.seq).toBeGreaterThan(paged.rows[0]!.seq);
  const verify = (await r.call('audit.verify')) as { ok: boolean; entries: number; head: string };
  expect(verify).toMatchObject({ ok: true });
  expect(verify.entries).toBeGreaterThan(audit.rows.length);
  expect(verify.head).toMatch(/^[0-9a-f]{64}$/);
  await expect(r.call('audit.list', { limit: 0 })).rejects.toMatchObject({ code: 'bad_request' });
  await r.call('gateway.disconnect');
  await r.session.close();
});

it('an operator is refused terminate and the audit log by the gateway, with a clear error', async () => {
  const { r } = renderer();
  await r.call('gateway.connect', { profileId: profiles.alice });
  expect(await r.call('live.caller')).toEqual({ user: 'alice', roles: ['operator'] });
  const alice = await aliceShell();
  await expect(r.call('live.terminate', { sessionId: 'whatever', reason: 'mine' })).rejects.toMatchObject({ code: 'denied', message: expect.stringMatching(/security|admin/) });
  await expect(r.call('audit.list', { limit: 10 })).rejects.toMatchObject({ code: 'denied' });
  await expect(r.call('audit.verify')).rejects.toMatchObject({ code: 'denied' });
  alice.shell.end();
  await r.call('gateway.disconnect');
  await r.session.close();
});
