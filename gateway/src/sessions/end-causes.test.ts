// Every session end says who and why, and every way of failing to reach a target is its own audit
// event: a real gateway, real OpenSSH targets and the real OpenSSH client.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import { freePort } from '../../../lab/sshd-hosts';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { silentLogger, startGateway, type Gateway, type GatewayAdmin } from '..';
import { openStore } from '../store';
import { auditEntries, spawnOpenSsh, waitFor, withAdmin, writeKnownHosts } from '../testing';
import { createSessionRepo, type SessionRecord } from './repo';

// Users of their own here, each with the grants its test needs (the fixture's alice may reach every host).
const USERS = ['carol', 'erin', 'frank', 'dave'] as const;
type User = (typeof USERS)[number];
const keys = Object.fromEntries(USERS.map((u) => [u, generateEd25519KeyPair()])) as Record<User, ReturnType<typeof generateEd25519KeyPair>>;
let fx: Fixture;
let gw: Gateway;
let knownHosts: string;
let dataDir: string;
let login: string;

const admin = <T>(fn: (a: GatewayAdmin) => T): T => withAdmin(dataDir, fn);
const startGw = () => startGateway({ dataDir, logger: silentLogger, livenessIntervalMs: 100 });
const ssh = (who: User, target: string, options: string[], command?: string[]) =>
  spawnOpenSsh({ port: gw.address.port, keyFile: join(fx.dir, `${who}_key`), knownHosts, user: `${who}:${login}@${target}`, options, command });

/** The newest session row (read through a connection of its own, as the CLI would). */
function newest(user: string): SessionRecord {
  const store = openStore(dataDir);
  try {
    return createSessionRepo(store.db).list({ user, limit: 1 })[0]!;
  } finally {
    store.close();
  }
}
/** The newest row once it has ended: the row is written after the recording closes, a moment after the client saw the end. */
async function ended(user: string): Promise<SessionRecord> {
  expect(await waitFor(() => newest(user).status !== 'live', 5000)).toBe(true);
  return newest(user);
}
const endEventOf = (id: string) => auditEntries(dataDir, 'session.end').find((e) => e.data.session === id);

/** A pty shell that has run a command, so it is certainly live on the target. */
async function liveShell(who: User, target: string) {
  const run = ssh(who, target, ['-tt']);
  run.write('echo "LIVE-$((40+2))"\n');
  await run.waitFor(/LIVE-42/);
  return run;
}

beforeAll(async () => {
  fx = await setUpFixture('gw-ends-');
  ({ dataDir, login } = fx);
  const closedPort = await freePort();
  admin((a) => {
    for (const name of USERS) {
      writeFileSync(join(fx.dir, `${name}_key`), keys[name].private, { mode: 0o600 });
      a.addUser({ name, publicKeys: [keys[name].public] });
    }
    const address = fx.lab.hosts[0]!.address;
    const withCredential = (name: string, hostAddress = address) => {
      a.addHost({ name, address: hostAddress });
      a.setCredential({ host: name, login, privateKey: generateEd25519KeyPair().private }); // not authorized on the target
    };
    a.addHost({ name: 'nocred', address });
    withCredential('badcred');
    withCredential('down', `127.0.0.1:${closedPort}`);
    withCredential('rekeyed');
    a.pinHostKey('badcred', fx.lab.hosts[0]!.hostPublicKey);
    a.pinHostKey('rekeyed', generateEd25519KeyPair().public); // not the key sshd presents
    for (const hosts of ['web-01', 'nocred', 'badcred', 'down', 'rekeyed']) a.addGrant({ user: 'carol', hosts, login });
    a.addGrant({ user: 'dave', hosts: 'web-01', login });
  });
  gw = await startGw();
  knownHosts = writeKnownHosts(fx.dir, gw);
});

afterAll(async () => {
  await gw?.close();
  await fx?.lab.stop();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

describe('who ended a session, and why: in the row and in session.end', () => {
  it('target: the command exited', async () => {
    expect(await ssh('carol', 'web-01', ['-T'], ['exit 3']).exited).toBe(3);
    const row = await ended('carol');
    expect(row).toMatchObject({ status: 'ended', exitCode: 3, endedBy: 'target', endReason: null });
    expect(endEventOf(row.id)?.data).toMatchObject({ endedBy: 'target', exitCode: 3 });
  });

  it('client: the user hung up', async () => {
    const run = await liveShell('carol', 'web-01');
    run.child.kill('SIGKILL');
    await run.exited;
    const row = await ended('carol');
    expect(row.endedBy).toBe('client');
    expect(endEventOf(row.id)?.data).toMatchObject({ endedBy: 'client' });
  });

  it('expiry: the grant ran out', async () => {
    admin((a) => a.addGrant({ user: 'erin', hosts: 'web-01', login, until: Date.now() + 2500 }));
    const run = await liveShell('erin', 'web-01');
    expect(await run.exited).toBe(255);
    const row = await ended('erin');
    expect(row).toMatchObject({ endedBy: 'expiry', endReason: 'grant expired' });
    expect(endEventOf(row.id)?.data).toMatchObject({ endedBy: 'expiry', reason: 'grant expired' });
  });

  it('revocation: an admin revoked the grant', async () => {
    const grant = admin((a) => a.addGrant({ user: 'frank', hosts: 'web-01', login }));
    const run = await liveShell('frank', 'web-01');
    admin((a) => a.revokeGrant(grant.id));
    expect(await run.exited).toBe(255);
    const row = await ended('frank');
    expect(row).toMatchObject({ endedBy: 'revocation', endReason: 'grant revoked' });
    expect(endEventOf(row.id)?.data).toMatchObject({ endedBy: 'revocation', reason: 'grant revoked' });
  });

  it('user-disabled: the account was disabled', async () => {
    const run = await liveShell('dave', 'web-01');
    const setDisabled = (disabled: boolean) => {
      const store = openStore(dataDir);
      store.users.setDisabled(store.users.find('dave')!.id, disabled);
      store.close();
    };
    setDisabled(true);
    try {
      await run.exited;
      const row = await ended('dave');
      expect(row).toMatchObject({ endedBy: 'user-disabled', endReason: 'your account was disabled by an administrator' });
      expect(endEventOf(row.id)?.data).toMatchObject({ endedBy: 'user-disabled' });
    } finally {
      setDisabled(false);
    }
  });
});

describe('a target that cannot be used: each failure its own audit event', () => {
  const refused = async (host: string) => {
    const run = ssh('carol', host, ['-T'], ['true']);
    expect(await run.exited).toBe(1);
    return run.stderr();
  };

  it('no credential held for the target', async () => {
    expect(await refused('nocred')).toContain('holds no usable credential');
    expect(auditEntries(dataDir, 'target.no-credential')).toEqual([expect.objectContaining({ actor: 'carol', data: { host: 'nocred', login } })]);
  });

  it('the target refused the credential', async () => {
    expect(await refused('badcred')).toContain("refused the gateway's credential");
    expect(auditEntries(dataDir, 'target.auth-refused')).toEqual([
      expect.objectContaining({ actor: 'carol', data: expect.objectContaining({ host: 'badcred', login, reason: 'auth', address: fx.lab.hosts[0]!.address }) }),
    ]);
  });

  it('the target is unreachable', async () => {
    expect(await refused('down')).toContain('connection refused');
    expect(auditEntries(dataDir, 'target.unreachable')).toEqual([expect.objectContaining({ actor: 'carol', data: expect.objectContaining({ host: 'down', login, reason: 'connect' }) })]);
  });

  it('the host key does not match the pinned one', async () => {
    expect(await refused('rekeyed')).toContain('host key of rekeyed changed');
    expect(auditEntries(dataDir, 'hostkey.mismatch')).toEqual([
      expect.objectContaining({ actor: 'carol', data: expect.objectContaining({ host: 'rekeyed', login, reason: 'host-key-changed', presented: expect.stringMatching(/^SHA256:/) }) }),
    ]);
  });
});

describe('ends caused by the gateway', () => {
  it('drain: a SIGTERM-style shutdown ends live sessions as drained; a crash leaves them to be marked at the next start', async () => {
    const run = await liveShell('carol', 'web-01');
    await gw.drain({ graceMs: 200 });
    await run.exited;
    const drained = await ended('carol');
    expect(drained).toMatchObject({ status: 'ended', endedBy: 'drain', endReason: 'the gateway is shutting down' });
    expect(endEventOf(drained.id)?.data).toMatchObject({ endedBy: 'drain' });

    // A session the gateway never ended (as after kill -9): live in the table at the next start.
    const store = openStore(dataDir);
    createSessionRepo(store.db).create({ id: 'left-live', user: 'carol', host: 'web-01', login, kind: 'shell', command: null, startedAt: Date.now(), status: 'live', recording: null });
    store.close();
    gw = await startGw();
    expect(newest('carol')).toMatchObject({ id: 'left-live', status: 'interrupted', endedBy: 'crash' });
    expect(auditEntries(dataDir, 'session.interrupted').at(-1)?.data).toMatchObject({ session: 'left-live', endedBy: 'crash' });
  });
});
