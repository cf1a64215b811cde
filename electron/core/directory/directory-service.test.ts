// The admin screen's calls through the client's main side, in plain Node against the REAL gateway:
// an admin (ada) creates a user with a key, a group with that user, a host with a credential (whose
// answer never carries the secret), edits and removes it; an operator (alice) is refused by the
// gateway on every kind of call, and nothing changed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AdminHost } from '../../../shared/contract/gateway-api/inventory-admin';
import type { GroupSummary, UserSummary } from '../../../shared/contract/gateway-api/users';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { clientAndAdminOnFixture, FakeRenderer } from '../testing';

let fixture: Awaited<ReturnType<typeof clientAndAdminOnFixture>>;

beforeAll(async () => {
  fixture = await clientAndAdminOnFixture('client-directory-', 'alice');
}, 60_000);
afterAll(async () => {
  await fixture?.close();
});

it('an admin manages users, groups, hosts and credentials through the main side; an operator is refused', async () => {
  const admin = new FakeRenderer(fixture.ada.service.openSession());
  await admin.call('gateway.connect');
  const key = generateEd25519KeyPair();
  const created = (await admin.call('users.create', { name: 'dora', roles: ['operator'], publicKeys: [key.public] })) as UserSummary;
  expect(created).toMatchObject({ name: 'dora', roles: ['operator'], keys: 1, disabled: false });
  const [stored] = (await admin.call('users.keys.list', { name: 'dora' })) as Array<{ fingerprint: string }>;
  expect(stored!.fingerprint).toMatch(/^SHA256:/);
  expect(await admin.call('groups.create', { name: 'night-shift' })).toEqual({ name: 'night-shift', members: [] });
  expect((await admin.call('groups.members.add', { group: 'night-shift', user: 'dora' })) as GroupSummary).toEqual({ name: 'night-shift', members: ['dora'] });
  expect(((await admin.call('users.disable', { name: 'dora' })) as UserSummary).disabled).toBe(true);

  const host = (await admin.call('inventory.hosts.create', { name: 'db-07', address: '127.0.0.1:22', nodes: ['data/db'], tags: { env: 'test' }, logins: ['app'] })) as AdminHost;
  expect(host).toMatchObject({ name: 'db-07', nodes: [['data', 'db']], logins: ['app'], credentials: [] });
  const secret = 'correct horse battery staple';
  const set = (await admin.call('inventory.credentials.set', { host: 'db-07', login: 'app', password: secret })) as Record<string, unknown>;
  expect(set).toMatchObject({ host: 'db-07', login: 'app', kind: 'password' });
  const edited = (await admin.call('inventory.hosts.edit', { name: 'db-07', port: '2222', tags: { role: 'db' } })) as { host: AdminHost; fields: string[] };
  expect(edited.host).toMatchObject({ address: '127.0.0.1:2222', tags: { env: 'test', role: 'db' }, credentials: [{ login: 'app', kind: 'password' }] });
  const listed = (await admin.call('inventory.hosts.list')) as AdminHost[];
  expect(JSON.stringify([set, edited, listed])).not.toContain(secret);
  expect(await admin.call('inventory.hosts.remove', { name: 'db-07' })).toEqual({ liveSessions: 0 });
  await expect(admin.call('inventory.hosts.remove', { name: 'db-07' })).rejects.toMatchObject({ code: 'not_found' });

  const operator = new FakeRenderer(fixture.service.openSession());
  await operator.call('gateway.connect');
  for (const [method, params] of [
    ['users.list', {}],
    ['users.enable', { name: 'dora' }],
    ['groups.members.remove', { group: 'night-shift', user: 'dora' }],
    ['inventory.hosts.list', {}],
    ['inventory.credentials.set', { host: 'web-01', login: 'root', password: secret }],
  ] as const) {
    await expect(operator.call(method, params), method).rejects.toMatchObject({ code: 'denied' });
  }
  const dora = ((await admin.call('users.list')) as UserSummary[]).find((u) => u.name === 'dora');
  expect(dora).toMatchObject({ disabled: true, groups: ['night-shift'] });
}, 60_000);
