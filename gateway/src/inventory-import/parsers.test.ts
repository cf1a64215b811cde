// Each parser on small real-looking files, and the row checks: what comes out is what validation sees.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAnsibleInventory } from './ansible';
import { parseCsvInventory } from './csv';
import { detectFormat } from './detect';
import { parseSshConfigInventory } from './ssh-config';
import { validateCandidates } from './validate';
import { parseXlsxInventory } from './xlsx';

const dir = mkdtempSync(join(tmpdir(), 'gw-inv-parse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const specsOf = (parsed: ReturnType<typeof parseCsvInventory>) => {
  expect(parsed.issues).toEqual([]);
  const v = validateCandidates(parsed.hosts);
  expect(v.issues).toEqual([]);
  return v.valid.map(({ where: _w, ...h }) => h);
};

describe('CSV', () => {
  it('columns in any order, quoted cells, lists split on ";", port column or address:port', () => {
    const csv = '\ufefflogins,name,tags,address,node,port\n' + '"root;deploy",web-01,"env=prod;role=web",10.0.0.5,pay/web/api/v1,2222\n' + '\n' + 'postgres,db-01,env=prod,"db.internal:5022","pay/db;shared/db",\n';
    expect(specsOf(parseCsvInventory(csv))).toEqual([
      { name: 'web-01', address: '10.0.0.5:2222', nodes: [['pay', 'web', 'api', 'v1']], tags: { env: 'prod', role: 'web' }, logins: ['root', 'deploy'] },
      { name: 'db-01', address: 'db.internal:5022', nodes: [['pay', 'db'], ['shared', 'db']], tags: { env: 'prod' }, logins: ['postgres'] },
    ]);
  });

  it('an unknown, missing or repeated column fails the whole file', () => {
    expect(parseCsvInventory('name,address,owner\nweb-01,10.0.0.5,bob\n')).toMatchObject({ hosts: [], issues: [{ where: 'line 1', field: 'owner', message: expect.stringMatching(/unknown column "owner"/) }] });
    expect(parseCsvInventory('name,tags\nweb-01,a=b\n').issues).toEqual([expect.objectContaining({ field: 'address', message: 'missing column "address"' })]);
    expect(parseCsvInventory('name,address,name\n').issues[0]!.message).toMatch(/appears twice/);
    expect(parseCsvInventory('name,address\n"web-01,10.0.0.5\n').issues[0]).toMatchObject({ where: 'file', field: 'csv' });
  });

  it('errors per row and field: name, address, port range, node path, tag syntax, login, duplicates', () => {
    const csv = [
      'name,address,port,node,tags,logins',
      'web 01,10.0.0.5,,,,', // line 2: name
      'web-02,,,,,', // 3: address missing
      'web-03,10.0.0.7,70000,,,', // 4: port range
      'web-04,10.0.0.8,,pay//web,,', // 5: empty node segment
      'web-05,10.0.0.9,,,envprod;a=1;a=2,', // 6: tag syntax, twice
      'web-06,10.0.0.10,,,,9lives', // 7: login
      'dup,10.0.0.11,,,,', // 8 and 9: duplicate names
      'dup,10.0.0.12,,,,',
      'web-07,10.0.0.13:22,23,,,', // 10: two ports
      'ok-01,10.0.0.14,,a/b/c/d,,root', // 11: fine
      'web-08,10.0.0.15:99999,,,,', // 12: port out of range inside the address (not an IPv6 address)
      'web-09,[::1]:22,,,,', // 13: IPv6 in brackets: fine
    ].join('\n');
    const v = validateCandidates(parseCsvInventory(csv).hosts);
    expect(v.valid.map((h) => h.name)).toEqual(['ok-01', 'web-09']);
    expect(v.issues.map((i) => [i.where, i.field])).toEqual([
      ['line 2', 'name'],
      ['line 3', 'address'],
      ['line 4', 'port'],
      ['line 5', 'node'],
      ['line 6', 'tags'],
      ['line 6', 'tags'],
      ['line 7', 'logins'],
      ['line 8', 'name'],
      ['line 9', 'name'],
      ['line 10', 'port'],
      ['line 12', 'address'],
    ]);
    expect(v.issues[3]!.message).toBe('"pay//web": a node name cannot be empty');
    expect(v.issues[7]!.message).toBe('"dup" appears more than once in the file (line 8, line 9)');
  });
});

describe('XLSX', () => {
  it('reads the first sheet with the CSV columns; row numbers as the sheet shows them', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('hosts');
    wb.addWorksheet('notes').addRow(['ignored']);
    sheet.addRow(['Name', 'Address', 'Node', 'Tags', 'Logins']);
    sheet.addRow(['web-01', '10.0.0.5', 'pay/web', 'env=prod', 'root;deploy']);
    sheet.addRow(['web-02', '10.0.0.6:2200', '', '', '']);
    sheet.addRow(['web 03', '10.0.0.7', '', '', '']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const parsed = await parseXlsxInventory(data);
    const v = validateCandidates(parsed.hosts);
    expect(v.valid.map((h) => [h.where, h.name, h.address, h.logins])).toEqual([
      ['row 2', 'web-01', '10.0.0.5:22', ['root', 'deploy']],
      ['row 3', 'web-02', '10.0.0.6:2200', []],
    ]);
    expect(v.issues).toMatchObject([{ where: 'row 4', field: 'name' }]);
    expect(detectFormat(join(dir, 'inventory'), data)).toBe('xlsx');
    expect((await parseXlsxInventory(Buffer.from('not a zip'))).issues[0]).toMatchObject({ field: 'xlsx' });
  });
});

describe('~/.ssh/config', () => {
  it('Host blocks with HostName/Port/User, Host * defaults, Include relative to the file, wildcards skipped, ProxyJump per entry', () => {
    mkdirSync(join(dir, 'ssh', 'conf.d'), { recursive: true });
    const main = join(dir, 'ssh', 'config');
    writeFileSync(main, ['# mine', 'Include conf.d/*.conf', '', 'Host web-01 web-02', '  HostName %h.example.com', '  Port 2222', '', 'Host behind', '  HostName 10.9.0.1', '  ProxyJump jump.example.com', '', 'Host *.internal !x', '  User nobody', '', 'Host *', '  User deploy', ''].join('\n'));
    writeFileSync(join(dir, 'ssh', 'conf.d', 'db.conf'), 'Host db-01\n  HostName=db.example.com\n  User postgres\n');
    writeFileSync(join(dir, 'ssh', 'conf.d', 'notes.txt'), 'Host not-included\n');
    const parsed = parseSshConfigInventory(main, readFileSync(main, 'utf8'), (f) => readFileSync(f, 'utf8'));
    expect(parsed.hosts.map((h) => [h.where.replace(dir, ''), h.name, h.address, h.port, h.logins])).toEqual([
      ['/ssh/conf.d/db.conf line 1', 'db-01', 'db.example.com', undefined, ['postgres']],
      ['/ssh/config line 4', 'web-01', 'web-01.example.com', '2222', ['deploy']],
      ['/ssh/config line 4', 'web-02', 'web-02.example.com', '2222', ['deploy']],
    ]);
    expect(parsed.issues).toEqual([{ where: `${main} line 8`, host: 'behind', field: 'ProxyJump', code: 'proxy_unsupported', params: { option: 'ProxyJump' }, message: expect.stringMatching(/not supported/) }]);
    expect(parsed.skipped.map((s) => s.reason)).toEqual(['Host pattern "*.internal" is not one host', 'Host pattern "!x" is not one host', 'Host pattern "*" is not one host']);
    expect(detectFormat(main, Buffer.from(''))).toBe('ssh-config');
    expect(validateCandidates(parsed.hosts).issues).toEqual([]);
  });

  it('never runs a `Match exec` command (ssh-config would by default): the block does not match', () => {
    const witness = join(dir, 'ran');
    const config = join(dir, 'exec.conf');
    writeFileSync(config, `Host web-01\n  HostName 10.0.0.5\nMatch exec "touch ${witness}"\n  User root\n`);
    const parsed = parseSshConfigInventory(config, readFileSync(config, 'utf8'), (f) => readFileSync(f, 'utf8'));
    expect(existsSync(witness)).toBe(false);
    expect(parsed.hosts).toMatchObject([{ name: 'web-01', logins: [] }]);
  });

  it('an Include loop stops with an error instead of running forever', () => {
    const loop = join(dir, 'loop.conf');
    writeFileSync(loop, 'Include loop.conf\nHost a\n  HostName 10.0.0.1\n');
    expect(parseSshConfigInventory(loop, readFileSync(loop, 'utf8'), (f) => readFileSync(f, 'utf8')).issues[0]).toMatchObject({ field: 'Include', message: expect.stringMatching(/more than 16 deep/) });
  });

  it('without a reader (a file sent over the API) Include reads nothing and is listed as skipped', () => {
    writeFileSync(join(dir, 'secret.conf'), 'Host leaked\n  HostName 10.6.6.6\n');
    const parsed = parseSshConfigInventory(join(dir, 'config'), 'Include secret.conf\nHost a\n  HostName 10.0.0.1\n');
    expect(parsed.hosts.map((h) => h.name)).toEqual(['a']);
    expect(parsed.skipped).toMatchObject([{ code: 'include_not_followed', params: { argument: 'secret.conf' } }]);
  });
});

describe('Ansible', () => {
  const expected = [
    { name: 'web-01', address: '10.0.0.5:22', tags: { 'group.prod': 'true', 'group.web': 'true' }, logins: ['deploy'] },
    { name: 'db-01', address: '10.0.0.6:5022', tags: { 'group.db': 'true', 'group.prod': 'true' }, logins: ['admin'] },
  ];
  const pick = (text: string) => specsOf(parseAnsibleInventory(text)).map(({ nodes: _n, ...h }) => h);

  it('INI: host vars, [group:vars], [group:children]; host vars win over group vars', () => {
    const ini = ['[web]', 'web-01 ansible_host=10.0.0.5', '', '[db]', 'db-01 ansible_host=10.0.0.6 ansible_port=5022 ansible_user="admin"', '', '[prod:children]', 'web', 'db', '', '[prod:vars]', 'ansible_user=deploy'].join('\n');
    expect(pick(ini)).toEqual(expected);
    expect(parseAnsibleInventory('[web]\nweb[01:10].example.com\n').issues[0]).toMatchObject({ where: 'line 2', field: 'name', message: expect.stringMatching(/ranges/) });
  });

  it('YAML', () => {
    const yaml = ['all:', '  children:', '    prod:', '      vars:', '        ansible_user: deploy', '      children:', '        web:', '          hosts:', '            web-01:', '              ansible_host: 10.0.0.5', '        db:', '          hosts:', '            db-01: { ansible_host: 10.0.0.6, ansible_port: 5022, ansible_user: admin }'].join('\n');
    expect(pick(yaml)).toEqual(expected);
  });

  it('ansible-inventory --list JSON', () => {
    const json = JSON.stringify({
      _meta: { hostvars: { 'web-01': { ansible_host: '10.0.0.5', ansible_user: 'deploy' }, 'db-01': { ansible_host: '10.0.0.6', ansible_port: 5022, ansible_user: 'admin' } } },
      all: { children: ['ungrouped', 'prod'] },
      prod: { children: ['web', 'db'] },
      web: { hosts: ['web-01'] },
      db: { hosts: ['db-01'] },
    });
    expect(pick(json)).toEqual(expected);
  });
});
