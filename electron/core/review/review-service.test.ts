// The review capability through the client's main side, in plain Node against the REAL gateway and
// a real sshd: alice (operator) runs a command; as sam (security) the renderer finds her session,
// plays its recording chunk by chunk, finds the command and fetches the evidence bundle; alice sees
// only her own; params the contract refuses never reach the gateway.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import type { Gateway } from '../../../gateway/src/index';
import { exec } from '../../../gateway/src/testing';
import { createClientService, type ClientService } from '../client-service';
import { presentedKeyFromLine } from '../connection/host-trust';
import { endpointOf, openClientStore, type ClientStore } from '../store/client-store';
import { FakeRenderer, stopClientTest } from '../testing';

let fx: Fixture;
let gw: Gateway;
let store: ClientStore;
let service: ClientService;
const profiles: Record<'alice' | 'sam', string> = { alice: '', sam: '' };

beforeAll(async () => {
  fx = await setUpFixture('client-review-');
  gw = await fx.start();
  mkdirSync(join(fx.dir, 'home'));
  store = openClientStore(join(fx.dir, 'client'), { log: () => {} });
  for (const user of ['alice', 'sam'] as const) {
    writeFileSync(join(fx.dir, `${user}_key`), fx.keys[user].private, { mode: 0o600 });
    const profile = store.saveProfile(undefined, { name: user, host: gw.address.host, port: gw.address.port, user, auth: { kind: 'key', keyFile: join(fx.dir, `${user}_key`) } });
    store.trustHostKey(endpointOf(profile), presentedKeyFromLine(gw.hostPublicKey));
    profiles[user] = profile.id;
  }
  service = createClientService({ store, home: join(fx.dir, 'home'), shell: 'browser', version: '0.0.0-test', log: () => {} });
  const conn = await fx.connect(gw, 'alice');
  // The pause splits the output into two reads at least, however loaded the machine (one read would be one event: one chunk).
  expect((await exec(conn, 'echo review-main-$((6*7)); seq 1 1000; sleep 0.3; seq 1001 2000')).code).toBe(0);
  conn.end();
}, 60_000);
afterAll(() => stopClientTest({ service, store, gateway: gw, fx }));

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are JSON checked by expect() */
it('as security: finds the session, plays its recording in chunks, finds the command, fetches the bundle', async () => {
  const r = new FakeRenderer(service.openSession());
  await r.call('gateway.connect', { profileId: profiles.sam });
  const page = (await r.call('review.sessions.search', { user: 'alice' })) as any;
  expect(page.sessions).toHaveLength(1);
  const session = page.sessions[0];
  expect(session).toMatchObject({ user: 'alice', host: 'web-01', kind: 'exec', status: 'ended', exitCode: 0 });

  const header = (await r.call('review.recording.open', { sessionId: session.id })) as any;
  expect(header).toMatchObject({ sessionId: session.id, live: false });
  expect(header.commands.map((c: any) => c.command)).toEqual(['echo review-main-$((6*7)); seq 1 1000; sleep 0.3; seq 1001 2000']);

  // Small chunks: the recording arrives in several, and together they are the whole output.
  let chunk = (await r.call('review.recording.chunk', { sessionId: session.id, from: 0, maxBytes: 1024 })) as any;
  expect(chunk.keyframe).not.toBeNull();
  let output = '';
  let chunks = 0;
  for (;;) {
    chunks++;
    for (const [, type, data] of chunk.events) if (type === 'o') output += data;
    if (chunk.next === null) break;
    chunk = await r.call('review.recording.chunk', { sessionId: session.id, cursor: chunk.next, maxBytes: 1024 });
    expect(chunk.keyframe).toBeNull();
  }
  expect(chunks).toBeGreaterThan(1);
  expect(output).toContain('review-main-42');
  expect(output).toMatch(/1999\r?\n2000/);

  const found = (await r.call('review.commands.search', { query: 'review-main' })) as any;
  expect(found.commands).toMatchObject([{ user: 'alice', sessionId: session.id }]);

  const bundle = (await r.call('review.bundle.create', { sessionId: session.id })) as any;
  const parts: Buffer[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const part = (await r.call('review.bundle.chunk', { bundle: bundle.bundle, offset, maxBytes: 4096 })) as any;
    parts.push(Buffer.from(part.data, 'base64'));
    offset = part.next;
  }
  const bytes = Buffer.concat(parts);
  expect(bytes.length).toBe(bundle.size);
  expect(JSON.parse(bytes.toString().split('\n')[0]!)).toMatchObject({ kind: 'header', format: 'portcullis-evidence-bundle' });
  await r.session.close();
});

it('refuses bad params on the main side with bad_request, and an operator sees only their own sessions', async () => {
  const r = new FakeRenderer(service.openSession());
  await r.call('gateway.connect', { profileId: profiles.alice });
  await expect(r.call('review.recording.chunk', { sessionId: 'x', from: 0, cursor: 3 })).rejects.toMatchObject({ code: 'bad_request' });
  await expect(r.call('review.recording.chunk', { sessionId: 'x', from: 0, maxBytes: 10 * 1024 * 1024 })).rejects.toMatchObject({ code: 'bad_request' });
  await expect(r.call('review.sessions.search', { limit: 100_000 })).rejects.toMatchObject({ code: 'bad_request' });
  await expect(r.call('review.sessions.search', { sort: 'random' })).rejects.toMatchObject({ code: 'bad_request' });
  await expect(r.call('review.sessions.search', { user: 'sam' })).rejects.toMatchObject({ code: 'denied' });
  const mine = (await r.call('review.sessions.search', {})) as any;
  expect(mine.sessions.map((s: any) => s.user)).toEqual(['alice']);
  await r.session.close();
});
