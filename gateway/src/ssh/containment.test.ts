// An error inside one session ends that session only: the user is told, it is audited, and other
// live sessions and new logins go on. The error is real: the stored credential of one host is
// damaged under the running gateway, so reading it throws (the custody layer's SealError).
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShell, setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import { openGatewayAdmin, type Gateway } from '../index';
import { DATABASE_FILE } from '../store/database';
import { auditEntries, exec, readUntil } from '../testing';
import { join } from 'node:path';
import { sessionFailedMessage } from './session';

let fx: Fixture;
let gw: Gateway;

beforeAll(async () => {
  fx = await setUpFixture('gw-contain-');
  const admin = openGatewayAdmin(fx.dataDir);
  admin.addHost({ name: 'web-02', address: fx.lab.hosts[0]!.address });
  admin.setCredential({ host: 'web-02', login: fx.login, password: 'unused' });
  admin.close();
  gw = await fx.start();
});
afterAll(async () => {
  await gw?.close();
  await fx?.lab.stop();
  rmSync(fx.dir, { recursive: true, force: true });
});

describe('a failing session', () => {
  it('ends alone: other sessions go on, new logins work, the failure is audited', async () => {
    const conn = await fx.connect(gw);
    const shell = await openShell(conn);
    await readUntil(shell, /[$#] $/);

    const db = new Database(join(fx.dataDir, DATABASE_FILE));
    db.prepare("UPDATE credentials SET secret = X'00' WHERE host_id = (SELECT id FROM hosts WHERE name = 'web-02')").run();
    db.close();
    const failed = await exec(conn, 'echo never', { env: { PORTCULLIS_TARGET: `${fx.login}@web-02` } });
    expect(failed.stderr).toContain(sessionFailedMessage);
    expect(failed.code).toBe(255);
    expect(auditEntries(fx.dataDir, 'session.failed')).toEqual([
      expect.objectContaining({ actor: 'alice', data: expect.objectContaining({ kind: 'exec', error: expect.stringMatching(/SealError/) }) }),
    ]);

    shell.write('echo still-here\n');
    await readUntil(shell, /still-here\r?\n/);
    expect((await exec(conn, 'echo same connection')).stdout).toBe('same connection\n');
    const fresh = await fx.connect(gw);
    expect((await exec(fresh, 'echo new login')).stdout).toBe('new login\n');
    fresh.end();
    shell.end();
    conn.end();
  });
});
