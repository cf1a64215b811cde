// What the gateway and the admin functions write to the audit log (logins are covered in
// gateway/src/auth; session events by the session tests).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { openGatewayAdmin, silentLogger, startGateway } from '..';
import { openStore } from '../store';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-audit-wiring-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('audit wiring', () => {
  it('records admin changes with the actor, never the secret, and gateway start/stop', async () => {
    const admin = openGatewayAdmin(dir, { actor: 'admin:cli:ops' });
    const key = generateEd25519KeyPair();
    admin.addUser({ name: 'alice', publicKeys: [key.public] });
    admin.addHost({ name: 'web-01', address: '127.0.0.1:22', nodes: [['pay']], tags: { env: 'prod' } });
    admin.setCredential({ host: 'web-01', login: 'deploy', password: 'very-secret-pw' });
    admin.setCredential({ host: 'web-01', login: 'root', privateKey: key.private });
    admin.pinHostKey('web-01', key.public);
    admin.addGrant({ user: 'alice', hosts: 'node:pay', login: 'root', until: Date.UTC(2030, 0, 1) });
    admin.close();
    const gw = await startGateway({ dataDir: dir, logger: silentLogger });
    await gw.close();

    const store = openStore(dir);
    const entries = store.audit.list();
    expect(store.audit.verify()).toMatchObject({ ok: true, entries: 8 });
    store.close();
    expect(entries.map((e) => [e.type, e.actor])).toEqual([
      ['user.added', 'admin:cli:ops'],
      ['host.added', 'admin:cli:ops'],
      ['credential.set', 'admin:cli:ops'],
      ['credential.set', 'admin:cli:ops'],
      ['hostkey.pinned', 'admin:cli:ops'],
      ['grant.added', 'admin:cli:ops'],
      ['gateway.start', 'gateway'],
      ['gateway.stop', 'gateway'],
    ]);
    expect(entries[2]!.data).toEqual({ host: 'web-01', login: 'deploy', kind: 'password' });
    expect(entries[5]!.data).toMatchObject({ user: 'alice', hosts: 'node:pay', login: 'root', from: null, until: '2030-01-01T00:00:00.000Z' });
    const all = JSON.stringify(entries);
    expect(all).not.toContain('very-secret-pw');
    expect(all).not.toContain(key.private.split('\n')[2]);
  });
});
