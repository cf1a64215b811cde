// Login rules through the client's main side, in plain Node against the REAL gateway: an admin
// (ada) reads the user and group names, checks a draft (problems as codes, the self-lockout answer), adds,
// lists and removes a rule; an operator (alice) is refused by the gateway.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LoginRule, LoginRuleCheck } from '../../../shared/contract/gateway-api/login-rules';
import type { ClientService } from '../client-service';
import type { ClientStore } from '../store/client-store';
import { withAdmin } from '../../../gateway/src/testing';
import { adminClientOn, clientOnFixture, FakeRenderer } from '../testing';

let alice: ClientService;
let ada: { service: ClientService; store: ClientStore };
let close: () => Promise<void>;

beforeAll(async () => {
  const { fx, gw, service, close: closeFixture } = await clientOnFixture('client-login-rules-', 'alice');
  [alice, close] = [service, closeFixture];
  ada = adminClientOn(fx, gw, 'ada');
  withAdmin(fx.dataDir, (a) => {
    a.addGroup('night-shift');
    a.addGroupMember('night-shift', 'alice');
  });
}, 60_000);
afterAll(async () => {
  await ada?.service.close();
  ada?.store.close();
  await close?.();
});

it('an admin manages login rules through the main side; an operator is refused', async () => {
  const admin = new FakeRenderer(ada.service.openSession());
  await admin.call('gateway.connect');
  const users = (await admin.call('rules.login.users')) as Array<{ name: string }>;
  expect(users.map((u) => u.name)).toEqual(expect.arrayContaining(['ada', 'alice']));
  expect(await admin.call('rules.login.groups')).toEqual([{ name: 'night-shift', members: ['alice'] }]);

  const check = (await admin.call('rules.login.check', { user: 'ada', cidrs: ['10.0.0.5/8'] })) as LoginRuleCheck;
  expect(check.problems).toEqual([{ field: 'cidrs', code: 'cidr_host_bits', params: { text: '10.0.0.5/8', suggestion: '10.0.0.0/8' } }]);
  const lockout = (await admin.call('rules.login.check', { user: 'ada', cidrs: ['10.0.0.0/8'] })) as LoginRuleCheck;
  expect(lockout.self).toMatchObject({ applies: true, allowedNow: true, allowedAfter: false });

  const rule = (await admin.call('rules.login.add', { user: 'alice', cidrs: ['127.0.0.0/8'], days: 'mon-sun', timeZone: 'UTC' })) as LoginRule;
  expect(await admin.call('rules.login.list')).toEqual([rule]);
  expect(await admin.call('rules.login.remove', { id: rule.id })).toEqual(rule);
  expect(await admin.call('rules.login.list')).toEqual([]);

  const operator = new FakeRenderer(alice.openSession());
  await operator.call('gateway.connect');
  await expect(operator.call('rules.login.list')).rejects.toMatchObject({ code: 'denied' });
  await expect(operator.call('rules.login.users')).rejects.toMatchObject({ code: 'denied' });
  await expect(operator.call('rules.login.groups')).rejects.toMatchObject({ code: 'denied' });
});
