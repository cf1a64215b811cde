import { describe, expect, it } from 'vitest';
import type { AdminHost } from '../../../shared/contract/gateway-api/inventory-admin';
import en from '../directory/locales/en.json';
import zhCN from '../directory/locales/zh-CN.json';
import {
  checkCredentialForm,
  checkGroupForm,
  checkHostCreate,
  checkHostEdit,
  checkKeyForm,
  checkUserForm,
  credentialRows,
  directoryErrorText,
  EMPTY_HOST_FORM,
  EMPTY_USER_FORM,
  hostFormOf,
  hostText,
  pageOf,
  problemText,
  splitAddress,
  upsertByName,
  withCredential,
  withGroupMembers,
  withoutName,
} from './directory';
import { testLocale } from './locale-testing';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHx2 dora@laptop';
const problems = <P>(r: { ok: true; params: P } | { ok: false; problems: object }) => (r.ok ? {} : r.problems);
const host: AdminHost = { name: 'web-01', address: '10.0.0.5:22', nodes: [['shop', 'web']], tags: { env: 'prod', role: 'web' }, logins: ['root', 'deploy'], credentials: [{ login: 'root', kind: 'key', setAt: 1 }] };
const EN = testLocale('en', { directory: { en, 'zh-CN': zhCN } });
const ZH = testLocale('zh-CN', { directory: { en, 'zh-CN': zhCN } });

describe('the user forms', () => {
  it('turn a name, roles and pasted keys into users.create, keys optional', () => {
    expect(checkUserForm({ name: ' dora ', roles: ['operator', 'security'], publicKeys: `\n${KEY}\n# a comment\n` })).toEqual({ ok: true, params: { name: 'dora', roles: ['operator', 'security'], publicKeys: [KEY] } });
    expect(checkUserForm({ ...EMPTY_USER_FORM, name: 'eve' })).toEqual({ ok: true, params: { name: 'eve', roles: ['operator'] } });
    expect(checkUserForm({ name: 'x', roles: [], publicKeys: '' })).toEqual({ ok: true, params: { name: 'x', roles: [] } });
  });

  it('name each wrong field: a missing name, the first line that is not a public key', () => {
    expect(problems(checkUserForm({ ...EMPTY_USER_FORM, name: '  ', publicKeys: `${KEY}\n-----BEGIN OPENSSH PRIVATE KEY-----` }))).toEqual({ name: { code: 'required' }, publicKeys: { code: 'public_key', text: '2' } });
    expect(problems(checkUserForm({ ...EMPTY_USER_FORM, name: 'n'.repeat(65) }))).toEqual({ name: { code: 'too_long', max: 64 } });
    expect(problems(checkUserForm({ ...EMPTY_USER_FORM, name: 'a', publicKeys: Array(33).fill(KEY).join('\n') }))).toEqual({ publicKeys: { code: 'over_limit', max: 32 } });
  });

  it('add one key at a time, and a group needs a name', () => {
    expect(checkKeyForm(` ${KEY} \n`)).toEqual({ ok: true, params: { publicKey: KEY } });
    expect(problems(checkKeyForm(''))).toEqual({ publicKey: { code: 'required' } });
    expect(problems(checkKeyForm(`${KEY}\n${KEY}`))).toEqual({ publicKey: { code: 'one_key' } });
    expect(problems(checkKeyForm('AAAA'))).toEqual({ publicKey: { code: 'public_key', text: '1' } });
    expect(checkGroupForm(' ops ')).toEqual({ ok: true, params: { name: 'ops' } });
    expect(problems(checkGroupForm(''))).toEqual({ name: { code: 'required' } });
  });
});

describe('the host forms', () => {
  it('create: address and port joined as the gateway keeps them, lists split', () => {
    const form = { name: 'db-01', address: '10.0.0.9', port: '', nodes: 'data/db\nshop/db', tags: 'env=prod; role = db ', logins: 'root, app app' };
    expect(checkHostCreate(form)).toEqual({ ok: true, params: { name: 'db-01', address: '10.0.0.9:22', nodes: ['data/db', 'shop/db'], tags: { env: 'prod', role: 'db' }, logins: ['root', 'app'] } });
    expect(checkHostCreate({ ...EMPTY_HOST_FORM, name: 'v6', address: 'fd00::5', port: '2222' })).toMatchObject({ ok: true, params: { address: '[fd00::5]:2222' } });
    expect(splitAddress('[fd00::5]:2222')).toEqual({ address: 'fd00::5', port: '2222' });
  });

  it('create: each wrong field named', () => {
    expect(problems(checkHostCreate({ ...EMPTY_HOST_FORM, port: '70000', tags: 'env', logins: '9lives' }))).toEqual({
      name: { code: 'required' },
      address: { code: 'required' },
      port: { code: 'port' },
      tags: { code: 'tag_syntax', text: 'env' },
      logins: { code: 'login', text: '9lives' },
    });
    expect(problems(checkHostCreate({ ...EMPTY_HOST_FORM, name: 'a', address: '10.0.0.1:22', tags: 'a=1;a=2' }))).toEqual({ address: { code: 'address' }, tags: { code: 'tag_twice', text: 'a' } });
  });

  it('edit: only what changed (tags set and untagged, logins added), never a login taken away', () => {
    const form = hostFormOf(host);
    expect(form).toEqual({ name: 'web-01', address: '10.0.0.5', port: '22', nodes: 'shop/web', tags: 'env=prod; role=web', logins: 'root, deploy' });
    expect(problems(checkHostEdit(form, host))).toEqual({ '': { code: 'unchanged' } });
    expect(checkHostEdit({ ...form, port: '2222', tags: 'env=stage; tier=1', logins: 'root, deploy, app' }, host)).toEqual({
      ok: true,
      params: { name: 'web-01', address: '10.0.0.5:2222', tags: { env: 'stage', tier: '1' }, untag: ['role'], logins: ['app'] },
    });
    expect(checkHostEdit({ ...form, nodes: '' }, host)).toEqual({ ok: true, params: { name: 'web-01', nodes: [] } });
    expect(problems(checkHostEdit({ ...form, logins: 'root' }, host))).toEqual({ logins: { code: 'login_kept', text: 'deploy' } });
  });
});

describe('credentials', () => {
  it('send a password or a private key for one login; a key must look like one', () => {
    expect(checkCredentialForm('web-01', { login: ' app ', kind: 'password', secret: ' s3cret ' })).toEqual({ ok: true, params: { host: 'web-01', login: 'app', password: ' s3cret ' } });
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----';
    expect(checkCredentialForm('web-01', { login: 'app', kind: 'key', secret: `${pem}\n\n` })).toEqual({ ok: true, params: { host: 'web-01', login: 'app', privateKey: `${pem}\n` } });
    expect(problems(checkCredentialForm('web-01', { login: '', kind: 'key', secret: 'hunter2' }))).toEqual({ login: { code: 'required' }, secret: { code: 'private_key' } });
    expect(problems(checkCredentialForm('web-01', { login: 'a', kind: 'password', secret: '' }))).toEqual({ secret: { code: 'required' } });
  });

  it('show per login only whether one is stored, and the list follows a set', () => {
    expect(credentialRows(host)).toEqual([
      { login: 'deploy', stamp: null },
      { login: 'root', stamp: { login: 'root', kind: 'key', setAt: 1 } },
    ]);
    const [after] = withCredential([host], { host: 'web-01', login: 'deploy', kind: 'password', setAt: 5 });
    expect(after!.credentials).toEqual([...host.credentials, { login: 'deploy', kind: 'password', setAt: 5 }]);
    expect(withCredential([host], { host: 'web-01', login: 'root', kind: 'password', setAt: 6 })[0]!.credentials).toEqual([{ login: 'root', kind: 'password', setAt: 6 }]);
  });
});

describe('the lists', () => {
  const users = Array.from({ length: 120 }, (_, i) => ({ name: `user-${String(i).padStart(3, '0')}` }));

  it('filter by every word and page, the page clamped to those there are', () => {
    expect(pageOf(users, '', 0, (u) => u.name)).toMatchObject({ page: 0, pages: 3, total: 120 });
    expect(pageOf(users, '', 9, (u) => u.name).items.map((u) => u.name)).toEqual(users.slice(100).map((u) => u.name));
    expect(pageOf(users, 'USER-11', 2, (u) => u.name)).toMatchObject({ page: 0, pages: 1, total: 10 });
    expect(pageOf([host], 'shop/web env=prod', 0, hostText).total).toBe(1);
    expect(pageOf([host], 'shop staging', 0, hostText)).toMatchObject({ items: [], pages: 1, total: 0 });
  });

  it('after each call: replaced or inserted in name order, removed, group membership followed', () => {
    const list = [{ name: 'ada' }, { name: 'carl' }];
    expect(upsertByName(list, { name: 'bob' })).toEqual([{ name: 'ada' }, { name: 'bob' }, { name: 'carl' }]);
    expect(upsertByName(list, { name: 'zed' }).at(-1)).toEqual({ name: 'zed' });
    expect(withoutName(list, 'ada')).toEqual([{ name: 'carl' }]);
    const people = [{ name: 'ada', groups: ['ops'] }, { name: 'bob', groups: [] }];
    expect(withGroupMembers(people, { name: 'ops', members: ['bob'] })).toEqual([{ name: 'ada', groups: [] }, { name: 'bob', groups: ['ops'] }]);
  });
});

describe('words', () => {
  it('word a refusal from its code, in both languages, keeping the gateway’s sentence as a fact', () => {
    expect(directoryErrorText({ code: 'denied', message: 'needs role admin' }, EN)).toBe('The gateway refused: only gateway administrators may do this.');
    const refused = directoryErrorText({ code: 'bad_request', message: 'user "dora" exists\u001b[2J' }, EN);
    expect(refused).toMatch(/^The gateway refused: user "dora" exists/);
    expect(refused).not.toContain('\u001b');
    expect(directoryErrorText({ code: 'denied' }, ZH)).toContain('只有网关管理员');
    expect(problemText({ code: 'too_long', max: 64 }, EN)).toBe('At most 64 characters');
    expect(problemText({ code: 'public_key', text: '2' }, ZH)).toContain('第 2 行');
  });
});
