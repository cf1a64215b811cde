// Shared setup for the gateway's session/recording tests: real sshd targets, users alice (operator) and
// sam (security), a granted host, and helpers to drive shells. Not used by the gateway itself.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { startSshdHosts, type SshdHosts } from './sshd-hosts';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway, type GatewayOptions } from '../gateway/src';
import { connectClient } from '../gateway/src/testing';

export interface Fixture {
  dir: string;
  dataDir: string;
  lab: SshdHosts;
  login: string;
  keys: { alice: ReturnType<typeof generateEd25519KeyPair>; sam: ReturnType<typeof generateEd25519KeyPair> };
  start(options?: Partial<GatewayOptions>): Promise<Gateway>;
  connect(gw: Gateway, user?: 'alice' | 'sam'): Promise<Client>;
}

/** One target host web-01; alice and sam may log in there. */
export async function setUpFixture(prefix: string): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dataDir = join(dir, 'data');
  const credential = generateEd25519KeyPair();
  const keys = { alice: generateEd25519KeyPair(), sam: generateEd25519KeyPair() };
  const lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [credential.public] });
  const login = lab.hosts[0]!.login;
  const admin = openGatewayAdmin(dataDir);
  admin.addUser({ name: 'alice', roles: ['operator'], publicKeys: [keys.alice.public] });
  admin.addUser({ name: 'sam', roles: ['security', 'operator'], publicKeys: [keys.sam.public] });
  admin.addHost({ name: 'web-01', address: lab.hosts[0]!.address });
  admin.setCredential({ host: 'web-01', login, privateKey: credential.private });
  admin.pinHostKey('web-01', lab.hosts[0]!.hostPublicKey);
  admin.addGrant({ user: 'alice', hosts: '*', login });
  admin.addGrant({ user: 'sam', hosts: '*', login });
  admin.close();
  return {
    dir,
    dataDir,
    lab,
    login,
    keys,
    start: (options) => startGateway({ dataDir, logger: silentLogger, ...options }),
    connect: (gw, user = 'alice') =>
      connectClient({ port: gw.address.port, username: `${user}:${login}@web-01`, privateKey: keys[user].private, hostPublicKey: gw.hostPublicKey }),
  };
}

export function openShell(conn: Client, cols = 80, rows = 24): Promise<ClientChannel> {
  return new Promise((resolve, reject) => conn.shell({ term: 'xterm', cols, rows }, (err, ch) => (err ? reject(err) : resolve(ch))));
}
