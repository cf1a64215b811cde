// Command rules through the client's main side, in plain Node against the REAL gateway: an admin
// (ada) adds a rule, lists it, tries lines and a draft on the bypass corpus, removes it; an
// operator (alice) is refused each method by the gateway.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClientService } from '../client-service';
import type { ClientStore } from '../store/client-store';
import { clientAndAdminOnFixture, FakeRenderer } from '../testing';

let alice: ClientService;
let ada: { service: ClientService; store: ClientStore };
let close: () => Promise<void>;

beforeAll(async () => {
  ({ service: alice, ada, close } = await clientAndAdminOnFixture('client-command-rules-', 'alice'));
}, 60_000);
afterAll(() => close?.());

it('an admin adds, lists, tests and removes a rule; an operator is refused', async () => {
  const r = new FakeRenderer(ada.service.openSession());
  await r.call('gateway.connect');
  const rule = (await r.call('rules.command.add', { hosts: 'web-01', pattern: 'rm -rf', regex: false, action: 'reject' })) as { id: number };
  expect(await r.call('rules.command.list', {})).toEqual([expect.objectContaining({ id: rule.id, hosts: 'web-01', pattern: 'rm -rf', createdBy: 'ada' })]);
  expect(await r.call('rules.command.test', { line: 'sudo /bin/rm -rf /tmp/x' })).toMatchObject({ hit: { rule: 0, command: ['rm', '-rf', '/tmp/x'], why: 'matched' } });
  expect(await r.call('rules.command.test', { line: 'vim rm.txt' })).toEqual({ commands: [['vim', 'rm.txt']] });
  expect(await r.call('rules.command.corpus', { pattern: 'rm.*', regex: true })).toMatchObject({ lookAlikes: { hit: expect.arrayContaining([{ line: 'rmdir x', command: ['rmdir', 'x'] }]) } });
  expect(await r.call('rules.command.remove', { id: rule.id })).toMatchObject({ id: rule.id });
  expect(await r.call('rules.command.list', {})).toEqual([]);

  const op = new FakeRenderer(alice.openSession());
  await op.call('gateway.connect');
  for (const [method, params] of [['rules.command.list', {}], ['rules.command.corpus', { pattern: 'rm', regex: false }]] as const) {
    await expect(op.call(method, params)).rejects.toMatchObject({ code: 'denied' });
  }
});
