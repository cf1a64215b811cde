// A gateway that asks for a second factor: the client's main side against the REAL gateway with a
// TOTP user (codes made with `otpauth`, as an authenticator app would), through the renderer
// contract. The question shows in the gateway state; answers come back with gateway.answerPrompt.
// A small ssh2 server stands in where our gateway cannot: a login with two rounds of questions.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAdmin } from '../../../gateway/src/auth/user-admin';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '../../../gateway/src/index';
import { openStore } from '../../../gateway/src/store';
import type { AuthPrompt } from '../../../shared/contract/auth-prompt';
import type { Profile } from '../../../shared/contract/profiles';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { createClientService, type ClientService, type ClientServiceOptions } from '../client-service';
import { presentedKeyFromLine } from './host-trust';
import { endpointOf, openClientStore, type ClientStore } from '../store/client-store';
import { CLIENT_DATABASE_FILE } from '../store/database';
import { FakeRenderer } from '../testing';
import type { HostTable } from '../../../shared/contract/host-table';

const USER = 'tom';
const userKey = generateEd25519KeyPair();

/** An SSH server that takes any key, then asks two rounds of questions (Team; then Word and PIN). */
async function stubGate(seen: string[][]) {
  const hostKey = generateEd25519KeyPair();
  const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      if (ctx.method === 'publickey') return ctx.signature ? ctx.reject(['keyboard-interactive'], true) : ctx.accept();
      if (ctx.method !== 'keyboard-interactive') return ctx.reject(['publickey']);
      ctx.prompt([{ prompt: 'Team: ', echo: true }], 'Stub gate', 'Round one\r\nof two\u001b[31m', (one) => {
        seen.push(one);
        ctx.prompt([{ prompt: 'Word: ', echo: false }, { prompt: 'PIN: ', echo: false }], '', '', (two) => {
          seen.push(two);
          if (one[0] === 'ops' && two[0] === 'blue-horse-42' && two[1] === '9876') ctx.accept();
          else ctx.reject();
        });
      });
    });
    client.on('session', (accept) => accept().on('subsystem', (acceptSub) => acceptSub()));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, hostKey, port: (server.address() as { port: number }).port };
}

describe('keyboard-interactive (TOTP) login from the client', () => {
  let dir: string;
  let gateway: Gateway;
  let totp: TOTP;
  let store: ClientStore;
  let profile: Profile;
  const logged: string[] = [];
  const services: ClientService[] = [];

  const service = (extra: Partial<ClientServiceOptions> = {}) => {
    const s = createClientService({
      store,
      home: join(dir, 'home'),
      shell: 'browser',
      version: '0.0.0-test',
      log: (message, error) => logged.push(`${message} ${String(error ?? '')}`),
      ...extra,
      connection: { onProtocolError: (d) => logged.push(d), ...extra.connection },
    });
    services.push(s);
    return s;
  };

  /** Starts gateway.connect and waits for the gateway's question; returns it and the pending connect. */
  async function connectUntilAsked(r: FakeRenderer, profileId = profile.id) {
    const before = r.gatewayStates.length;
    const connecting = r.call('gateway.connect', { profileId });
    connecting.catch(() => {}); // awaited by the caller
    let prompt: AuthPrompt | undefined;
    await r.until(() => !!(prompt = r.gatewayStates.slice(before).find((s) => s.prompt)?.prompt as AuthPrompt | undefined), 'the gateway question');
    return { prompt: prompt!, connecting };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-2fa-'));
    const gatewayDir = join(dir, 'gateway');
    const admin = openGatewayAdmin(gatewayDir);
    try {
      admin.addUser({ name: USER, roles: ['operator'], publicKeys: [userKey.public] });
      admin.addHost({ name: 'web-01', address: '127.0.0.1:1', nodes: [['lab', 'web']] });
      admin.addGrant({ user: USER, hosts: '*', login: 'root', until: Date.now() + 3600_000 });
    } finally {
      admin.close();
    }
    const gwStore = openStore(gatewayDir);
    const { secret } = createUserAdmin(gwStore).enableTotp(USER);
    gwStore.close();
    totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
    // No growing delays or lockout here: the failures below are on purpose.
    gateway = await startGateway({ dataDir: gatewayDir, logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0, maxFailures: 100 } });
    mkdirSync(join(dir, 'home'));
    writeFileSync(join(dir, 'tom_key'), userKey.private, { mode: 0o600 });
    store = openClientStore(join(dir, 'client'), { log: () => {} });
    profile = store.saveProfile(undefined, { name: 'gw-2fa', host: gateway.address.host, port: gateway.address.port, user: USER, auth: { kind: 'key', keyFile: join(dir, 'tom_key') } });
    store.trustHostKey(endpointOf(profile), presentedKeyFromLine(gateway.hostPublicKey));
  }, 60_000);

  afterAll(async () => {
    for (const s of services) await s.close();
    store?.close();
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for the code after the key; a wrong code is refused plainly; connecting again with the right one logs in', async () => {
    const s = service();
    const r = new FakeRenderer(s.openSession());
    const first = await connectUntilAsked(r);
    expect(first.prompt).toMatchObject({ name: 'Portcullis', instructions: 'Enter the code from your authenticator app.', prompts: [{ prompt: 'Verification code: ', echo: false }] });
    expect(first.prompt.deadline).toBeGreaterThan(Date.now() + 60_000);
    expect(await r.call('gateway.state')).toMatchObject({ status: 'connecting', prompt: { id: first.prompt.id } });
    // Another window sees the same question (state goes to every session).
    const other = new FakeRenderer(s.openSession());
    expect(await other.call('gateway.state')).toMatchObject({ prompt: { id: first.prompt.id } });
    await expect(r.call('gateway.answerPrompt', { promptId: first.prompt.id, answers: ['1', '2'] })).rejects.toMatchObject({ code: 'bad_request' });

    const wrong = totp.generate({ timestamp: Date.now() + 10 * 60_000 });
    expect(await r.call('gateway.answerPrompt', { promptId: first.prompt.id, answers: [wrong] })).toBeNull();
    await expect(first.connecting).rejects.toThrow(/code_refused/);
    expect(await r.call('gateway.state')).toMatchObject({ status: 'disconnected', error: { code: 'code_refused' } });
    expect((await r.call('gateway.state')) as object).not.toHaveProperty('prompt');
    // The question is over: a late answer finds nothing to answer.
    await expect(r.call('gateway.answerPrompt', { promptId: first.prompt.id, answers: [wrong] })).rejects.toMatchObject({ code: 'not_found' });

    const second = await connectUntilAsked(r);
    expect(second.prompt.id).not.toBe(first.prompt.id);
    const code = totp.generate();
    await r.call('gateway.answerPrompt', { promptId: second.prompt.id, answers: [code] });
    expect(await second.connecting).toMatchObject({ status: 'connected', gateway: { name: 'gw-2fa', user: USER } });
    expect(((await r.call('hosts.list')) as HostTable).hosts.name).toEqual(['web-01']);
    expect(r.gatewayStates.at(-1)).not.toHaveProperty('prompt');
    expect(logged.join('\n')).not.toContain(code);
    expect(logged.join('\n')).not.toContain(wrong);
    await r.call('gateway.disconnect');
    await other.session.close();
    await r.session.close();
  });

  it('works with keys held by ssh-agent (another key first), and still names a refused key as such', async () => {
    const socket = join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !existsSync(socket); i++) await new Promise((done) => setTimeout(done, 50));
      const stranger = join(dir, 'stranger_key');
      writeFileSync(stranger, generateEd25519KeyPair().private, { mode: 0o600 });
      const env = { ...process.env, SSH_AUTH_SOCK: socket };
      execFileSync('ssh-add', [stranger], { env, stdio: 'ignore' });
      const viaAgent = store.saveProfile(undefined, { name: 'gw-2fa-agent', host: gateway.address.host, port: gateway.address.port, user: USER, auth: { kind: 'agent' } });
      const r = new FakeRenderer(service({ agentSocket: socket }).openSession());
      // Only the stranger's key: refused as a key, and no question is asked.
      await expect(r.call('gateway.connect', { profileId: viaAgent.id })).rejects.toThrow(/key_refused/);
      expect(await r.call('gateway.state')).toMatchObject({ error: { code: 'key_refused', auth: 'agent' } });
      expect(r.gatewayStates.some((x) => x.prompt)).toBe(false);

      execFileSync('ssh-add', [join(dir, 'tom_key')], { env, stdio: 'ignore' });
      const { prompt, connecting } = await connectUntilAsked(r, viaAgent.id);
      // A later step than the first test's code: each code is good once.
      await r.call('gateway.answerPrompt', { promptId: prompt.id, answers: [totp.generate({ timestamp: Date.now() + 30_000 })] });
      expect(await connecting).toMatchObject({ status: 'connected' });
      await r.call('gateway.disconnect');
      await r.session.close();
    } finally {
      agent.kill();
    }
  });

  it('cancel ends the attempt with a plain reason, not a hang', async () => {
    const s = service();
    const r = new FakeRenderer(s.openSession());
    const { prompt, connecting } = await connectUntilAsked(r);
    expect(await r.call('gateway.cancelPrompt', { promptId: prompt.id })).toBeNull();
    await expect(connecting).rejects.toThrow(/prompt_cancelled/);
    expect(await r.call('gateway.state')).toMatchObject({ status: 'disconnected', error: { code: 'prompt_cancelled' } });
    await expect(r.call('gateway.cancelPrompt', { promptId: prompt.id })).rejects.toMatchObject({ code: 'not_found' });
    await r.session.close();
  });

  it('a question nobody answers times out with a clear message', async () => {
    const s = service({ connection: { promptTimeoutMs: 600 } });
    const r = new FakeRenderer(s.openSession());
    const { connecting } = await connectUntilAsked(r);
    await expect(connecting).rejects.toThrow(/prompt_timeout/);
    expect(await r.call('gateway.state')).toMatchObject({ error: { code: 'prompt_timeout', seconds: 1 } });
    expect(await r.call('gateway.state')).toMatchObject({ status: 'disconnected' });
    await r.session.close();
  });

  it('disconnect while the question is open ends the attempt and closes the question', async () => {
    const s = service();
    const r = new FakeRenderer(s.openSession());
    const { prompt, connecting } = await connectUntilAsked(r);
    expect(await r.call('gateway.disconnect')).toMatchObject({ status: 'disconnected' });
    await expect(connecting).rejects.toThrow(/cancelled/);
    await expect(r.call('gateway.answerPrompt', { promptId: prompt.id, answers: ['000000'] })).rejects.toMatchObject({ code: 'not_found' });
    await r.session.close();
  });

  it('answers several rounds of questions, echo as the server asks, and keeps no answer', async () => {
    const seen: string[][] = [];
    const { server, port, hostKey } = await stubGate(seen);
    try {
      const stub = store.saveProfile(undefined, { name: 'stub', host: '127.0.0.1', port, user: USER, auth: { kind: 'key', keyFile: join(dir, 'tom_key') } });
      store.trustHostKey(endpointOf(stub), presentedKeyFromLine(hostKey.public));
      const s = service();
      const r = new FakeRenderer(s.openSession());
      const { prompt: one, connecting } = await connectUntilAsked(r, stub.id);
      // Control characters from the server never reach the screen; line breaks do.
      expect(one).toMatchObject({ name: 'Stub gate', instructions: 'Round one\nof two[31m', prompts: [{ prompt: 'Team: ', echo: true }] });
      const before = r.gatewayStates.length;
      await r.call('gateway.answerPrompt', { promptId: one.id, answers: ['ops'] });
      let two: AuthPrompt | undefined;
      await r.until(() => !!(two = r.gatewayStates.slice(before).find((x) => x.prompt)?.prompt as AuthPrompt | undefined), 'round two');
      expect(two!.prompts).toEqual([
        { prompt: 'Word: ', echo: false },
        { prompt: 'PIN: ', echo: false },
      ]);
      await r.call('gateway.answerPrompt', { promptId: two!.id, answers: ['blue-horse-42', '9876'] });
      expect(await connecting).toMatchObject({ status: 'connected' });
      expect(seen).toEqual([['ops'], ['blue-horse-42', '9876']]);
      await r.call('gateway.disconnect');
      await r.session.close();
      // Never stored: not in the client's database (nor its WAL), not in any log line.
      for (const file of [CLIENT_DATABASE_FILE, `${CLIENT_DATABASE_FILE}-wal`].map((f) => join(dir, 'client', f)).filter(existsSync)) {
        expect(readFileSync(file).includes('blue-horse-42')).toBe(false);
      }
      expect(logged.join('\n')).not.toContain('blue-horse-42');
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });

  it('the handshake timeout does not count the time a person spends answering, and still cuts a silent gateway', async () => {
    const seen: string[][] = [];
    const { server, port, hostKey } = await stubGate(seen);
    const silent = createServer(() => {}); // accepts, never says a word
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    try {
      const stub = store.saveProfile(undefined, { name: 'slow-answers', host: '127.0.0.1', port, user: USER, auth: { kind: 'key', keyFile: join(dir, 'tom_key') } });
      store.trustHostKey(endpointOf(stub), presentedKeyFromLine(hostKey.public));
      const r = new FakeRenderer(service({ connection: { readyTimeoutMs: 1500 } }).openSession());
      const { prompt: one, connecting } = await connectUntilAsked(r, stub.id);
      await new Promise((done) => setTimeout(done, 2000)); // longer than the handshake timeout
      const before = r.gatewayStates.length;
      await r.call('gateway.answerPrompt', { promptId: one.id, answers: ['ops'] });
      let two: AuthPrompt | undefined;
      await r.until(() => !!(two = r.gatewayStates.slice(before).find((x) => x.prompt)?.prompt as AuthPrompt | undefined), 'round two');
      await new Promise((done) => setTimeout(done, 2000));
      await r.call('gateway.answerPrompt', { promptId: two!.id, answers: ['blue-horse-42', '9876'] });
      expect(await connecting).toMatchObject({ status: 'connected' });
      await r.call('gateway.disconnect');

      const mute = store.saveProfile(undefined, { name: 'mute', host: '127.0.0.1', port: (silent.address() as { port: number }).port, user: USER, auth: { kind: 'key', keyFile: join(dir, 'tom_key') } });
      const started = Date.now();
      await expect(r.call('gateway.connect', { profileId: mute.id })).rejects.toThrow(/timeout/);
      expect(Date.now() - started).toBeLessThan(10_000);
      await r.session.close();
    } finally {
      silent.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });
});
