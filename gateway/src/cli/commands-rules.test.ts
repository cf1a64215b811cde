// rule commands, run in this process against a real data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatewayAdmin } from '../admin';
import { auditEntries, runCliCaptured } from '../testing';

let dir: string;
let data: string;
const cli = (...args: string[]) => runCliCaptured(args, { env: { PORTCULLIS_DATA: data } });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-cli-rules-'));
  data = join(dir, 'data');
  const admin = openGatewayAdmin(data);
  admin.addUser({ name: 'alice' });
  admin.addGroup('ops');
  admin.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rule commands', () => {
  it('adds login rules stored canonically, lists them, removes them, audited', async () => {
    const a = await cli('rule', 'login', 'add', '--user', 'alice', '--cidr', '10.0.0.0/8', '--cidr', '2001:0db8::/32', '--days', 'MON-fri', '--hours', '8:00-20:00', '--tz', 'europe/berlin');
    expect(a).toMatchObject({ code: 0, stderr: '' });
    expect(a.stdout).toBe('added login rule 1\n   1  login  user alice  from 10.0.0.0/8, 2001:db8::/32  mon-fri 08:00-20:00 Europe/Berlin\n');
    expect((await cli('rule', 'login', 'add', '--group', 'ops', '--days', 'sat,sun')).code).toBe(0);
    expect((await cli('rule', 'list')).stdout).toMatch(/^ {3}1 .*\n {3}2 {2}login {2}group ops {2}from any address {2}sat,sun all day UTC\n$/);
    const json = JSON.parse((await cli('rule', 'list', '--json')).stdout) as Array<Record<string, unknown>>;
    expect(json[0]).toMatchObject({ id: 1, kind: 'login', subject: { kind: 'user', name: 'alice' }, cidrs: ['10.0.0.0/8', '2001:db8::/32'], days: 'mon-fri', hours: '08:00-20:00', timeZone: 'Europe/Berlin' });

    expect(await cli('rule', 'remove', '2')).toMatchObject({ code: 0, stdout: 'removed login rule 2\n' });
    expect((await cli('rule', 'list')).stdout.split('\n').filter(Boolean)).toHaveLength(1);

    const added = auditEntries(data, 'rule.login.added');
    expect(added.map((e) => e.data.rule)).toEqual([1, 2]);
    expect(added[0]!.actor).toMatch(/^admin:cli/);
    expect(added[0]!.data).toMatchObject({ user: 'alice', cidrs: ['10.0.0.0/8', '2001:db8::/32'], timeZone: 'Europe/Berlin' });
    expect(auditEntries(data, 'rule.login.removed').map((e) => [e.data.rule, e.data.group])).toEqual([[2, 'ops']]);
  });

  it('refuses bad input with a clear message and stores nothing', async () => {
    const refused: Array<[string[], RegExp]> = [
      [['--user', 'alice', '--cidr', '10.0.0.5/8'], /did you mean 10.0.0.0\/8\?/],
      [['--user', 'alice', '--days', 'mon-fry'], /"fry" is not a weekday/],
      [['--user', 'alice', '--hours', '8-20'], /not a start time: use HH:MM/],
      [['--user', 'alice', '--hours', '08:00-20:00', '--tz', '+02:00'], /not an IANA time zone/],
      [['--user', 'nobody', '--days', 'mon'], /no user named "nobody"/],
      [['--group', 'nope', '--days', 'mon'], /no group named "nope"/],
      [['--user', 'alice'], /at least one of/],
      [['--days', 'mon'], /--user NAME or --group NAME/],
      [['--user', 'alice', '--group', 'ops', '--days', 'mon'], /--user NAME or --group NAME/],
    ];
    for (const [args, message] of refused) {
      const r = await cli('rule', 'login', 'add', ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect((await cli('rule', 'list', '--json')).stdout).toMatch(/^\[\s*\{[^]*"id": 1[^]*\}\s*\]\n$/);
    expect(await cli('rule', 'remove', '99')).toMatchObject({ code: 1, stderr: expect.stringMatching(/no login rule 99/) });
    expect(await cli('rule', 'remove', 'x')).toMatchObject({ code: 1, stderr: expect.stringMatching(/invalid rule id/) });
  });
});

describe('rule command remove', () => {
  it('removes the rule (audited, gone from the list); an unknown or malformed id is refused', async () => {
    const added = await cli('rule', 'command', 'add', '--hosts', '*', '--pattern', 'shutdown', '--action', 'reject');
    expect(added.code).toBe(0);
    const id = (JSON.parse((await cli('rule', 'command', 'list', '--json')).stdout) as Array<{ id: number; pattern: string }>).find((r) => r.pattern === 'shutdown')!.id;
    expect(await cli('rule', 'command', 'remove', String(id))).toMatchObject({ code: 0, stdout: `removed command rule ${id}\n` });
    expect((JSON.parse((await cli('rule', 'command', 'list', '--json')).stdout) as unknown[]).length).toBe(0);
    expect(auditEntries(data, 'command_rule.removed').map((e) => e.data)).toEqual([{ id, hosts: '*', pattern: 'shutdown', regex: false, action: 'reject' }]);
    expect(await cli('rule', 'command', 'remove', String(id))).toMatchObject({ code: 1, stderr: expect.stringContaining(`no command rule ${id}`) });
    expect(await cli('rule', 'command', 'remove', 'x1')).toMatchObject({ code: 1, stderr: expect.stringContaining('invalid rule id "x1"') });
  });
});
