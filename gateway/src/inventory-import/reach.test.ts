// A host imported from a CSV is reachable through the gateway by a real ssh client once a grant and
// a credential exist (and not before: the import brings no credential). Real sshd, real gateway.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../../lab/sshd-hosts';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '..';
import { collect, connectClient, exec, execChannel, readUntil, runCliCaptured } from '../testing';

const alice = generateEd25519KeyPair();
const credential = generateEd25519KeyPair();
let dir: string;
let data: string;
let lab: SshdHosts;
let gw: Gateway;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-inv-reach-'));
  data = join(dir, 'data');
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [credential.public] });
  const admin = openGatewayAdmin(data);
  admin.addUser({ name: 'alice', publicKeys: [alice.public] });
  admin.close();
  gw = await startGateway({ dataDir: data, logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 } });
});
afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('an imported host', () => {
  it('is reached by a real ssh client through the gateway with a grant and a credential', async () => {
    const target = lab.hosts[0]!;
    const csv = join(dir, 'hosts.csv');
    writeFileSync(csv, `name,address,node,tags,logins\nweb-01,${target.address},pay/web,env=prod,${target.login}\n`);
    expect((await runCliCaptured(['inventory', 'import', csv], { env: { PORTCULLIS_DATA: data } })).code).toBe(0);

    const client = { port: gw.address.port, username: `alice:${target.login}@web-01`, privateKey: alice.private, hostPublicKey: gw.hostPublicKey };
    const admin = openGatewayAdmin(data);
    admin.addGrant({ user: 'alice', hosts: 'env=prod', login: target.login });
    admin.close();
    const before = await connectClient(client);
    const refused = await exec(before, 'true');
    before.end();
    expect(refused.code).not.toBe(0); // granted, but no credential came with the import

    const admin2 = openGatewayAdmin(data);
    admin2.setCredential({ host: 'web-01', login: target.login, privateKey: credential.private });
    admin2.pinHostKey('web-01', target.hostPublicKey);
    admin2.close();
    const conn = await connectClient(client);
    const r = await exec(conn, 'echo imported-$((6*7))');
    conn.end();
    expect(r).toMatchObject({ stdout: 'imported-42\n', code: 0 });
  });

  it('host remove refuses while a session is live; --force removes it and the session ends', async () => {
    const target = lab.hosts[0]!;
    const cli = (...args: string[]) => runCliCaptured(args, { env: { PORTCULLIS_DATA: data } });
    const conn = await connectClient({ port: gw.address.port, username: `alice:${target.login}@web-01`, privateKey: alice.private, hostPublicKey: gw.hostPublicKey });
    const channel = await execChannel(conn, 'echo ready; sleep 60');
    await readUntil(channel, /ready/);
    const refused = await cli('host', 'remove', 'web-01');
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/host "web-01" has 1 live session\(s\): end them .* or pass --force/) });
    const ended = collect(channel);
    expect(await cli('host', 'remove', 'web-01', '--force')).toMatchObject({ code: 0, stdout: 'removed host web-01 (its 1 live session(s) end within seconds)\n' });
    expect((await ended).code).not.toBe(0);
    conn.end();
    expect((await cli('host', 'list')).stdout).toBe('no hosts\n');
    // The name stays taken: importing it again is an error for that row.
    const csv = join(dir, 'again.csv');
    writeFileSync(csv, `name,address\nweb-01,${target.address}\n`);
    expect((await cli('inventory', 'import', csv)).stderr).toMatch(/line 2 \(web-01\), name: the name "web-01" belongs to a removed host/);
  });
});
