// grant and group commands, run in this process against a real data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatewayAdmin } from '../admin';
import { createAccess } from '../access';
import { openStore } from '../store';
import { runCliCaptured } from '../testing';

let dir: string;
let data: string;

const cli = (...args: string[]) => runCliCaptured(args, { env: { PORTCULLIS_DATA: data } });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-cli-access-'));
  data = join(dir, 'data');
  const admin = openGatewayAdmin(data);
  admin.addUser({ name: 'alice' });
  admin.addUser({ name: 'bob' });
  admin.addHost({ name: 'web-01', address: '127.0.0.1:22', nodes: [['pay', 'web']], tags: { env: 'prod', role: 'web' } });
  admin.addHost({ name: 'db-01', address: '127.0.0.1:23', nodes: [['pay', 'db']], tags: { env: 'prod', role: 'db' } });
  admin.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('grant and group commands', () => {
  it('--help on every command', async () => {
    for (const command of ['grant add', 'grant list', 'grant revoke', 'group add', 'group list', 'group member add', 'group member remove']) {
      const r = await cli(...command.split(' '), '--help');
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(new RegExp(`Usage: portcullis-gateway ${command}`));
    }
    expect((await cli('grant', 'add', '--help')).stdout).toMatch(/env=prod,role=web\|api/);
  });

  it('groups, grants to users and groups with selectors, listing and revoking', async () => {
    expect(await cli('group', 'add', 'ops')).toMatchObject({ code: 0, stdout: 'added group ops\n' });
    expect((await cli('group', 'member', 'add', 'ops', 'alice')).code).toBe(0);
    expect((await cli('group', 'member', 'add', 'ops', 'bob')).code).toBe(0);
    expect((await cli('group', 'list')).stdout).toBe('ops: alice, bob\n');

    const g1 = await cli('grant', 'add', '--group', 'ops', '--hosts', 'env=prod, role=web|db', '--login', 'root', '--for', '8h');
    expect(g1.code).toBe(0);
    expect(g1.stdout).toMatch(/^granted group ops root@env=prod,role=web\|db from now until \S+Z \(grant 1\)\n$/);
    const g2 = await cli('grant', 'add', '--user', 'alice', '--hosts', 'web-01,db-01', '--login', 'deploy', '--from', '2030-01-01T00:00Z', '--for', '1d');
    expect(g2.stdout).toMatch(/from 2030-01-01T00:00:00.000Z until 2030-01-02T00:00:00.000Z \(grant 2\)/);

    const list = await cli('grant', 'list');
    expect(list.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(list.stdout).toMatch(/1 {2}group ops {2}root@env=prod,role=web\|db {2}until /);
    const json = JSON.parse((await cli('grant', 'list', '--user', 'bob', '--json')).stdout) as Array<{ id: number; subject: unknown; from: unknown }>;
    expect(json.map((g) => [g.id, g.subject, g.from])).toEqual([[1, { kind: 'group', name: 'ops' }, null]]);

    const store = openStore(data);
    expect(createAccess(store).loginsFor('bob', 'db-01')).toEqual(['root']);
    expect((await cli('group', 'member', 'remove', 'ops', 'bob')).code).toBe(0);
    expect(createAccess(store).loginsFor('bob', 'db-01')).toEqual([]);
    expect(await cli('grant', 'revoke', '1')).toMatchObject({ code: 0, stdout: 'revoked grant 1 (group ops root@env=prod,role=web|db)\n' });
    expect(createAccess(store).loginsFor('alice', 'web-01')).toEqual([]);
    expect(store.audit.list().map((e) => e.type).filter((t) => /^(group|grant)\./.test(t))).toEqual(['group.added', 'group.changed', 'group.changed', 'grant.added', 'grant.added', 'group.changed', 'grant.removed']);
    store.close();
  });

  it('refuses mistakes with one clear line', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['grant', 'add', '--hosts', '*', '--login', 'root', '--for', '1h'], /give --user NAME or --group NAME/],
      [['grant', 'add', '--user', 'alice', '--group', 'ops', '--hosts', '*', '--login', 'root', '--for', '1h'], /cannot be used with/],
      [['grant', 'add', '--user', 'alice', '--hosts', 'web-01,env=prod', '--login', 'root', '--for', '1h'], /invalid host selector "web-01,env=prod": "web-01" is not KEY=VALUE/],
      [['grant', 'add', '--group', 'nope', '--hosts', '*', '--login', 'root', '--for', '1h'], /no group named "nope"/],
      [['grant', 'revoke', '99'], /no grant 99/],
      [['grant', 'revoke', 'x1'], /invalid grant id "x1"/],
      [['grant', 'list', '--user', 'nobody'], /no user named "nobody"/],
      [['group', 'add', 'ops'], /group "ops" already exists/],
      [['group', 'add', 'bad name'], /invalid group name/],
      [['group', 'member', 'remove', 'ops', 'bob'], /bob is not a member of ops/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBeGreaterThan(0);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});
