// inventory import, host list and host edit, run in this process against a real data dir.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store';
import { runCliCaptured } from '../testing';

let dir: string;
let data: string;
const cli = (...args: string[]) => runCliCaptured(args, { env: { PORTCULLIS_DATA: data } });
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-cli-inventory-'));
  data = join(dir, 'data');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inventory and host commands', () => {
  it('--help on every command', async () => {
    for (const command of ['inventory import', 'host list', 'host edit', 'host remove']) {
      const r = await cli(...command.split(' '), '--help');
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(new RegExp(`Usage: portcullis-gateway ${command}`));
    }
  });

  it('dry run, refusal on errors, --valid-only, re-import unchanged; audited with the CLI user', async () => {
    const csv = file('hosts.csv', 'name,address,node,tags,logins\nweb-01,10.0.0.5,pay/web,env=prod,root\ndb-01,10.0.0.6:5022,pay/db,env=prod;role=db,postgres\nweb-02,10.0.0.7,,env,\n');
    const dry = await cli('inventory', 'import', csv, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toBe(`${csv} (csv): 2 to add, 0 to change, 0 unchanged, 1 with errors\n  add     web-01  10.0.0.5:22  (line 2)\n  add     db-01  10.0.0.6:5022  (line 3)\ndry run: nothing changed\n`);
    expect(dry.stderr).toBe('error: line 4 (web-02), tags: "env" is not KEY=VALUE\n');

    const refused = await cli('inventory', 'import', csv);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/nothing applied: fix the errors, or pass --valid-only to apply the 2 valid rows\n$/);
    expect((await cli('host', 'list')).stdout).toBe('no hosts\n');

    const partial = await cli('inventory', 'import', csv, '--valid-only');
    expect(partial.stdout).toMatch(/applied: 2 added, 0 changed, 1 rows with errors left out\n$/);
    expect(partial.code).toBe(1);

    const fixed = file('fixed.csv', 'name,address,node,tags,logins\nweb-01,10.0.0.5,pay/web,env=prod,root\ndb-01,10.0.0.6:5022,pay/db,env=prod;role=db,postgres\nweb-02,10.0.0.7,,env=dev,\n');
    expect(await cli('inventory', 'import', fixed)).toMatchObject({ code: 0, stdout: expect.stringMatching(/1 to add, 0 to change, 2 unchanged, 0 with errors\n {2}add {5}web-02/) });
    const again = await cli('inventory', 'import', fixed, '--json');
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as { counts: unknown; applied: boolean; hosts: Array<{ action: string }> };
    expect(report.counts).toEqual({ add: 0, change: 0, unchanged: 3, invalid: 0 });
    expect(report.hosts.every((h) => h.action === 'unchanged')).toBe(true);

    const store = openStore(data);
    const audited = store.audit.list({ type: 'inventory.imported' });
    store.close();
    expect(audited.map((e) => [e.data.applied, e.data.added, e.data.unchanged, e.data.invalid])).toEqual([[false, 2, 0, 1], [true, 2, 0, 1], [true, 1, 2, 0], [true, 0, 3, 0]]);
    expect(audited.every((e) => /^admin:cli:/.test(e.actor))).toBe(true);
  });

  it('host list filters by node subtree and tags; --json', async () => {
    expect((await cli('host', 'list', '--node', 'pay')).stdout).toBe('db-01  10.0.0.6:5022  node pay/db  tags env=prod;role=db  logins postgres\nweb-01  10.0.0.5:22  node pay/web  tags env=prod  logins root\n');
    expect((await cli('host', 'list', '--tag', 'env=prod', '--tag', 'role=db')).stdout).toMatch(/^db-01 .*\n$/);
    expect((await cli('host', 'list', '--node', 'pa')).stdout).toBe('no hosts\n');
    const json = JSON.parse((await cli('host', 'list', '--json')).stdout) as unknown[];
    expect(json).toContainEqual({ name: 'web-02', address: '10.0.0.7:22', nodes: [], tags: { env: 'dev' }, logins: [] });
  });

  it('host edit changes fields with the import rules; refuses mistakes with one line', async () => {
    const r = await cli('host', 'edit', 'web-01', '--port', '2200', '--node', 'pay/web/api', '--tag', 'role=web', '--untag', 'env', '--login', 'deploy');
    expect(r).toMatchObject({ code: 0, stdout: 'changed address, node, tags, logins of web-01\nweb-01  10.0.0.5:2200  node pay/web/api  tags role=web  logins deploy;root\n' });
    expect((await cli('host', 'edit', 'web-01', '--port', '2200')).stdout).toMatch(/^host web-01 unchanged\n/);
    const cases: Array<[string[], RegExp]> = [
      [['host', 'edit', 'nope', '--port', '22'], /no host named "nope"/],
      [['host', 'edit', 'web-01', '--port', '70000'], /port: 70000 is out of range/],
      [['host', 'edit', 'web-01', '--untag', 'missing'], /host "web-01" has no tag "missing"/],
      [['host', 'edit', 'web-01', '--address', 'bad address'], /address: "bad address" is not a host name/],
      [['inventory', 'import', join(dir, 'missing.csv')], /cannot read .*missing.csv: ENOENT/],
      [['inventory', 'import', join(dir, 'hosts.csv'), '--format', 'toml'], /argument 'toml' is invalid/],
    ];
    for (const [args, message] of cases) {
      const res = await cli(...args);
      expect(res.code, args.join(' ')).toBeGreaterThan(0);
      expect(res.stderr, args.join(' ')).toMatch(message);
    }
    const store = openStore(data);
    expect(store.audit.list({ type: 'host.changed' }).map((e) => e.data.fields)).toEqual([['address', 'node', 'tags', 'logins']]);
    store.close();
  });
});
