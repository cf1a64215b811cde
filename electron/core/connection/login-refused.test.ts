// A login that a login rule refuses, against the REAL gateway: the desktop client's own API
// connection reads the rule's facts from the gateway's refusal marker (its tag sent on the API
// channel) and fails the sign-in with them, a tagged session channel gets the marker first, and a
// plain (untagged) channel — what OpenSSH sees — gets the gateway's sentence alone, as before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, startGateway, type Gateway } from '../../../gateway/src/index';
import { openStore } from '../../../gateway/src/store';
import { createLoginRuleAdmin } from '../../../gateway/src/rules/login';
import { collect, connectClient, execChannel, withAdmin } from '../../../gateway/src/testing';
import { REFUSAL_TAG_ENV } from '../../../shared/contract/refusal';
import { generateEd25519KeyPair, parsePublicKey } from '../../../shared/node/ssh-keys';
import type { GatewayState } from '../../../shared/contract/client-api';
import { createGatewayConnection } from './gateway-connection';

const keys = { alice: generateEd25519KeyPair(), bob: generateEd25519KeyPair() };
const TAG = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
let dir: string;
let dataDir: string;
let gw: Gateway;
/** Where the rules' clock is, relative to the real one. */
let shift = 0;

const addRule = (rule: Parameters<ReturnType<typeof createLoginRuleAdmin>['add']>[0]) => {
  const store = openStore(dataDir);
  try {
    return createLoginRuleAdmin(store, 'test-admin').add(rule).id;
  } finally {
    store.close();
  }
};

/** The desktop client's connection to the gateway as `user`, until the sign-in settles. */
async function signIn(user: keyof typeof keys): Promise<GatewayState> {
  const expected = parsePublicKey(gw.hostPublicKey).key.getPublicSSH();
  const connection = createGatewayConnection({
    name: 'lab',
    host: '127.0.0.1',
    port: gw.address.port,
    user,
    auth: { privateKey: keys[user].private },
    verifyHostKey: (blob) => (expected.equals(blob) ? { accept: true } : { accept: false, hostKey: { status: 'changed', keyType: 'unexpected', fingerprint: 'unexpected' } }),
  });
  const settled = new Promise<GatewayState>((resolve) => connection.onState((s) => s.status !== 'connecting' && s.status !== 'connected' && s.error && resolve(s)));
  await connection.connect().catch(() => {});
  const state = await settled;
  await connection.disconnect();
  return state;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'login-refused-'));
  dataDir = join(dir, 'data');
  withAdmin(dataDir, (a) => {
    a.addUser({ name: 'alice', publicKeys: [keys.alice.public] });
    a.addUser({ name: 'bob', publicKeys: [keys.bob.public] });
  });
  gw = await startGateway({ dataDir, logger: silentLogger, loginRules: { now: () => Date.now() + shift } });
}, 60_000);

afterAll(async () => {
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a login refused by a login rule', () => {
  it('fails the app sign-in with the cause and the rule: the source is outside the networks', async () => {
    const rule = addRule({ user: 'alice', cidrs: ['10.0.0.0/8'] });
    const state = await signIn('alice');
    expect(state.error).toEqual({ code: 'login_refused', loginRule: { cause: 'source_not_allowed', rule } });
  }, 30_000);

  it('fails it outside the hours, with when sign-in opens again', async () => {
    shift = Date.parse('2030-01-07T21:00:00Z') - Date.now(); // a Monday, after the window
    const rule = addRule({ user: 'bob', days: 'mon-fri', hours: '08:00-20:00', timeZone: 'UTC' });
    const state = await signIn('bob');
    const opensAt = state.error?.loginRule?.opensAt ?? NaN;
    expect(state.error).toMatchObject({ code: 'login_refused', loginRule: { cause: 'outside_window', rule } });
    // Tuesday 08:00 UTC on the rules' clock, told on the real one (a few seconds of slack for the run).
    expect(Math.abs(opensAt + shift - Date.parse('2030-01-08T08:00:00Z'))).toBeLessThan(60_000);
  }, 30_000);

  it('marks a tagged channel; an untagged one (OpenSSH) reads the sentence alone', async () => {
    const conn = await connectClient({ port: gw.address.port, username: 'alice', privateKey: keys.alice.private, hostPublicKey: gw.hostPublicKey });
    try {
      const tagged = await collect(await execChannel(conn, 'true', { env: { [REFUSAL_TAG_ENV]: TAG } }));
      expect(tagged.code).toBe(1);
      expect(tagged.stderr).toMatch(new RegExp(`^portcullis-refusal ${TAG} login_rule cause=source_not_allowed rule=1\\r\\nportcullis: login refused: your address is not allowed by the login rules \\(rule 1\\)\\r\\n$`));
      const plain = await collect(await execChannel(conn, 'true'));
      expect(plain).toMatchObject({ code: 1, stderr: 'portcullis: login refused: your address is not allowed by the login rules (rule 1)\r\n' });
    } finally {
      conn.end();
    }
  }, 30_000);
});
