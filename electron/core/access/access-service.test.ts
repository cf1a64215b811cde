// Access requests through the client's main side, in plain Node against the REAL gateway: an
// operator (alice) asks for access and follows her request over the `access.requests` topic; an
// admin (ada, her own client) sees it pending, previews the hosts, approves; alice's `access.mine`
// then shows the new login. Alice is refused every admin method by the gateway, and a window
// outside 1 minute – 7 days is refused on the main side before the gateway sees it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AccessMine, AccessRequest, AccessRequestsEvent, GrantEntry } from '../../../shared/contract/gateway-api/access';
import type { ClientService } from '../client-service';
import type { ClientStore } from '../store/client-store';
import { clientAndAdminOnFixture, FakeRenderer } from '../testing';

let alice: ClientService;
let ada: { service: ClientService; store: ClientStore };
let close: () => Promise<void>;

beforeAll(async () => {
  ({ service: alice, ada, close } = await clientAndAdminOnFixture('client-access-', 'alice'));
}, 60_000);
afterAll(() => close?.());

/** A renderer session that keeps what each gateway topic sent it. */
function rendererOf(service: ClientService) {
  const r = new FakeRenderer(service.openSession());
  const events = new Map<string, unknown[]>();
  r.session.onEvent((m) => {
    if (m.event !== 'gateway.event') return;
    const { topic, data } = m.payload as { topic: string; data: unknown };
    events.set(topic, [...(events.get(topic) ?? []), data]);
  });
  return { r, events };
}

it('an operator asks, follows the request, and sees the access an admin approved', async () => {
  const a = rendererOf(alice);
  await a.r.call('gateway.connect');
  await a.r.call('gateway.subscribe', { topic: 'access.requests', params: {} });
  await a.r.call('gateway.subscribe', { topic: 'access.mine', params: {} });
  expect(await a.r.call('access.whoami')).toEqual({ user: 'alice', roles: ['operator'] });

  const asked = (await a.r.call('access.requests.create', { hosts: 'web-01', login: 'deploy', durationMs: 3_600_000, reason: 'INC-42 fix' })) as AccessRequest;
  expect(asked).toMatchObject({ requester: 'alice', hosts: 'web-01', login: 'deploy', state: 'pending' });

  const d = rendererOf(ada.service);
  await d.r.call('gateway.connect');
  await d.r.call('gateway.subscribe', { topic: 'access.requests', params: {} });
  await d.r.until(() => (d.events.get('access.requests') as AccessRequestsEvent[] | undefined)?.some((e) => e.pending === 1) ?? false, 'the admin’s pending count');
  expect(await d.r.call('access.selector.preview', { selector: 'web-01,web-09' })).toEqual({ selector: 'web-01,web-09', count: 1, hosts: ['web-01'], unknown: ['web-09'] });
  const approved = (await d.r.call('access.requests.approve', { id: asked.id, durationMs: 1_800_000 })) as AccessRequest;
  expect(approved).toMatchObject({ state: 'approved', decidedBy: 'ada', grant: { hosts: 'web-01' } });

  const requestEvents = () => (a.events.get('access.requests') ?? []) as AccessRequestsEvent[];
  await a.r.until(() => requestEvents().some((e) => e.change === 'request' && e.request.id === asked.id && e.request.state === 'approved'), 'alice told of the approval');
  const mineEvents = () => (a.events.get('access.mine') ?? []) as AccessMine[];
  await a.r.until(() => mineEvents().some((m) => m.hosts.some((h) => h.host === 'web-01' && h.logins.includes('deploy'))), 'alice’s access.mine with the new login');
  const mine = (await a.r.call('access.mine')) as AccessMine;
  expect(mine.grants).toContainEqual(expect.objectContaining({ login: 'deploy', hosts: 'web-01', until: approved.grant!.until }));

  // The admin manages that grant: shorten it, then revoke it; alice's access goes with it.
  const grants = (await d.r.call('access.grants.list', { user: 'alice', host: 'web-01' })) as GrantEntry[];
  const grant = grants.find((g) => g.id === approved.grant!.id)!;
  expect(grant).toMatchObject({ login: 'deploy', state: 'active' });
  const until = grant.until! - 600_000;
  expect(await d.r.call('access.grants.edit', { id: grant.id, until })).toMatchObject({ grant: { until }, revoked: false });
  await d.r.call('access.grants.revoke', { id: grant.id });
  await a.r.until(() => !(mineEvents().at(-1)?.hosts.some((h) => h.logins.includes('deploy')) ?? true), 'alice’s access.mine without the revoked login');
}, 60_000);

it('the gateway refuses an operator every admin method, naming the role', async () => {
  const a = rendererOf(alice);
  await a.r.call('gateway.connect');
  const denied = { code: 'denied', message: expect.stringMatching(/needs the admin role; you have operator/) };
  await expect(a.r.call('access.grants.list', {})).rejects.toMatchObject(denied);
  await expect(a.r.call('access.selector.preview', { selector: 'web-01' })).rejects.toMatchObject(denied);
  await expect(a.r.call('access.grants.create', { user: 'alice', hosts: '*', login: 'root', until: Date.now() + 3_600_000 })).rejects.toMatchObject(denied);
  await expect(a.r.call('access.requests.deny', { id: 1, reason: 'no' })).rejects.toMatchObject(denied);
});

it('refuses a window outside 1 minute – 7 days, and bad params, on the main side', async () => {
  const a = rendererOf(alice);
  await a.r.call('gateway.connect');
  const before = ((await a.r.call('access.requests.list', {})) as AccessRequest[]).length;
  // zod's words for the contract's bounds: the main side refused these, not the gateway.
  await expect(a.r.call('access.requests.create', { hosts: 'web-01', login: 'deploy', durationMs: 30_000, reason: 'why' })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('>=60000') });
  await expect(a.r.call('access.requests.create', { hosts: 'web-01', login: 'deploy', durationMs: 8 * 24 * 3_600_000, reason: 'why' })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('<=604800000') });
  for (const bad of [
    { durationMs: 1.5 },
    { reason: '   ' },
    { login: 'no spaces' },
    { extra: true },
  ]) {
    const params = { hosts: 'web-01', login: 'deploy', durationMs: 3_600_000, reason: 'why', ...bad };
    await expect(a.r.call('access.requests.create', params), JSON.stringify(bad)).rejects.toMatchObject({ code: 'bad_request' });
  }
  expect(((await a.r.call('access.requests.list', {})) as AccessRequest[]).length).toBe(before);
});
