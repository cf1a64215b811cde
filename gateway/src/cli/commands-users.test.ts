// user list, user key add|remove|list, user role set, user remove: the real CLI against the data
// dir of a real serving gateway, and what the gateway then does for an SSH client.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_API_SUBSYSTEM } from '../../../shared/contract/gateway-api';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { silentLogger, startGateway, type Gateway } from '..';
import { auditEntries, connectClient, readUntil, runCliCaptured } from '../testing';

const carol = generateEd25519KeyPair();
const dave = generateEd25519KeyPair();
let dir: string;
let data: string;
let gw: Gateway;
const keyFile = (name: string, text: string) => {
  const file = join(dir, `${name}.pub`);
  writeFileSync(file, text);
  return file;
};
const cli = (...args: string[]) => runCliCaptured([...args, '--data', data]);
const connectAs = (username: string, key: { private: string }) =>
  connectClient({ port: gw.address.port, username, privateKey: key.private, hostPublicKey: gw.hostPublicKey });
const openApi = (conn: Client) =>
  new Promise<ClientChannel>((resolve, reject) => conn.subsys(GATEWAY_API_SUBSYSTEM, (err, ch) => (err ? reject(err) : resolve(ch))));
let nextId = 1;
async function ask(channel: ClientChannel, method: string): Promise<{ ok: boolean; error?: { code: string } }> {
  const id = nextId++;
  const answer = readUntil(channel, new RegExp(`"id":${id},`));
  channel.write(JSON.stringify({ type: 'request', id, method, params: {} }) + '\n');
  return JSON.parse((await answer).trim().split('\n').find((l) => l.includes(`"id":${id},`))!) as { ok: boolean; error?: { code: string } };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-cli-users-'));
  data = join(dir, 'data');
  expect((await cli('init')).code).toBe(0);
  gw = await startGateway({ dataDir: data, logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 }, livenessIntervalMs: 100 });
});
afterAll(async () => {
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('user commands', () => {
  it('every new command has --help', async () => {
    for (const command of ['user list', 'user key add', 'user key remove', 'user key list', 'user role set', 'user remove']) {
      const r = await cli(...command.split(' '), '--help');
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(new RegExp(`Usage: portcullis-gateway ${command}`));
    }
  });

  it('user add without a key says how to add one; user key add lets the user in', async () => {
    const added = await cli('user', 'add', 'carol');
    expect(added.stdout).toContain('carol cannot log in yet: add a key with  portcullis-gateway user key add carol --key FILE');
    await expect(connectAs('carol', carol)).rejects.toThrow();
    const r = await cli('user', 'key', 'add', 'carol', '--key', keyFile('carol', `# carol's laptop\n${carol.public}\n`));
    expect(r.code).toBe(0);
    const fingerprint = /(SHA256:\S+)/.exec(r.stdout)![1]!;
    (await connectAs('carol', carol)).end();
    expect((await cli('user', 'key', 'list', 'carol', '--json')).stdout.trim()).toBe(JSON.stringify({ fingerprint, publicKey: carol.public.trim().split(' ').slice(0, 2).join(' ') }));
    expect(auditEntries(data, 'user.changed').at(-1)).toMatchObject({ actor: expect.stringMatching(/^admin:cli/), data: { user: 'carol', change: 'key added', keys: [fingerprint] } });
  });

  it('one key, one user: refused for a second user with the owner named, on add and on key add', async () => {
    const asNewUser = await cli('user', 'add', 'dave', '--key', keyFile('carol', carol.public));
    expect(asNewUser.code).toBe(1);
    expect(asNewUser.stderr).toMatch(/error: the key SHA256:\S+ already belongs to user "carol": one key, one user/);
    expect((await cli('user', 'list', '--json')).stdout).not.toContain('"dave"'); // nothing half-added
    expect((await cli('user', 'add', 'dave', '--key', keyFile('dave', dave.public))).code).toBe(0);
    const asKey = await cli('user', 'key', 'add', 'dave', '--key', keyFile('carol', carol.public));
    expect(asKey.code).toBe(1);
    expect(asKey.stderr).toContain('already belongs to user "carol"');
    expect((await cli('user', 'key', 'list', 'dave')).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('user key remove: the key no longer logs in', async () => {
    const spare = generateEd25519KeyPair();
    const fp = /(SHA256:\S+)/.exec((await cli('user', 'key', 'add', 'dave', '--key', keyFile('spare', spare.public))).stdout)![1]!;
    (await connectAs('dave', spare)).end();
    expect((await cli('user', 'key', 'remove', 'dave', fp)).code).toBe(0);
    await expect(connectAs('dave', spare)).rejects.toThrow();
    const again = await cli('user', 'key', 'remove', 'dave', fp);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`dave has no key ${fp}`);
  });

  it('user role set: counts from the next API request on a live channel, and is audited', async () => {
    const conn = await connectAs('carol', carol);
    const api = await openApi(conn);
    expect((await ask(api, 'users.list')).error?.code).toBe('denied');
    expect((await cli('user', 'role', 'set', 'carol', 'admin', 'security')).stdout).toContain('carol now has the roles admin, security');
    expect((await ask(api, 'users.list')).ok).toBe(true);
    expect((await cli('user', 'role', 'set', 'carol', 'none')).stdout).toContain('carol now has no role');
    expect((await ask(api, 'users.list')).error?.code).toBe('denied');
    conn.end();
    const bad = await cli('user', 'role', 'set', 'carol', 'root');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('roles are admin, security, operator');
    expect(auditEntries(data, 'user.changed').filter((e) => e.data.change === 'roles set').map((e) => e.data.roles)).toEqual([['admin', 'security'], []]);
  });

  it('user list shows roles, status and keys', async () => {
    const rows = (await cli('user', 'list', '--json')).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toEqual([
      { name: 'carol', roles: [], status: 'active', keys: 1, totp: false },
      { name: 'dave', roles: ['operator'], status: 'active', keys: 1, totp: false },
    ]);
    expect((await cli('user', 'list')).stdout).toContain('carol  (no role)  active  1 key(s)');
  });

  it('user remove ends live sessions, keeps the history and the name, frees the key', async () => {
    const conn = await connectAs('carol', carol);
    const closed = new Promise((resolve) => conn.on('close', () => resolve(undefined)));
    const r = await cli('user', 'remove', 'carol');
    expect(r.stdout).toContain('removed carol; their sessions, commands and audit entries stay readable');
    await closed;
    await expect(connectAs('carol', carol)).rejects.toThrow();
    expect(JSON.parse((await cli('user', 'list', '--json')).stdout.split('\n')[0]!)).toMatchObject({ name: 'carol', status: 'removed', keys: 0 });
    // History: carol's logins are still in the audit log under her name, and the name stays hers.
    expect(auditEntries(data, 'login.success').some((e) => e.actor === 'carol')).toBe(true);
    expect(auditEntries(data, 'user.changed').at(-1)).toMatchObject({ actor: expect.stringMatching(/^admin:cli/), data: { user: 'carol', change: 'removed' } });
    expect((await cli('user', 'add', 'carol')).stderr).toContain('the name "carol" belongs to a removed user');
    expect((await cli('user', 'enable', 'carol')).stderr).toContain('user "carol" was removed');
    // The key is free for someone else now.
    expect((await cli('user', 'key', 'add', 'dave', '--key', keyFile('carol', carol.public))).code).toBe(0);
  });
});
