// Test helpers for the client's main side (used by tests only; nothing in the program imports this).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setUpFixture, type Fixture } from '../../lab/gateway-fixture';
import { openGatewayAdmin, type Gateway, type GatewayOptions } from '../../gateway/src';
import { generateEd25519KeyPair } from '../../shared/node/ssh-keys';
import type { EventMessage, ResponseMessage } from '../../shared/rpc/protocol';
import { createClientService, type ClientService, type ClientSession } from './client-service';
import { presentedKeyFromLine } from './connection/host-trust';
import { endpointOf, openClientStore, type ClientStore } from './store/client-store';

type LabUser = 'alice' | 'sam';
type TestGateway = { address: { host: string; port: number }; hostPublicKey: string };

/**
 * A client service in `dir` with one trusted profile for `user` (key `privateKey`) on the gateway
 * at `gateway`: what a test of a main-side capability against a real gateway starts from.
 */
export function clientServiceFor(dir: string, gateway: TestGateway, user: string, privateKey: string): { store: ClientStore; service: ClientService; profileId: string } {
  mkdirSync(join(dir, 'home'));
  const store = openClientStore(join(dir, 'client'), { log: () => {} });
  const profileId = addTrustedProfile(store, dir, gateway, user, privateKey);
  const service = createClientService({ store, home: join(dir, 'home'), shell: 'browser', version: '0.0.0-test', log: () => {} });
  return { store, service, profileId };
}

/** Saves a profile named `user` that logs in with `privateKey` (written in `dir`) and trusts the gateway; answers its id. */
export function addTrustedProfile(store: ClientStore, dir: string, gateway: TestGateway, user: string, privateKey: string): string {
  const keyFile = join(dir, `${user}_key`);
  writeFileSync(keyFile, privateKey, { mode: 0o600 });
  const profile = store.saveProfile(undefined, { name: user, host: gateway.address.host, port: gateway.address.port, user, auth: { kind: 'key', keyFile } });
  store.trustHostKey(endpointOf(profile), presentedKeyFromLine(gateway.hostPublicKey));
  return profile.id;
}

/** Stops, in order, what a client test against a lab fixture started (a part is absent when its setup failed). */
export async function stopClientTest(parts: { service?: ClientService; store?: ClientStore; gateway?: Gateway; fx?: Fixture }): Promise<void> {
  await parts.service?.close();
  parts.store?.close();
  await parts.gateway?.close();
  await parts.fx?.lab.stop();
  if (parts.fx) rmSync(parts.fx.dir, { recursive: true, force: true });
}

/** A renderer stand-in: sends requests, keeps each terminal's output, acks unless told not to. */
export class FakeRenderer {
  private nextId = 1;
  readonly output = new Map<string, string>();
  readonly received = new Map<string, number>();
  readonly statuses: Array<Record<string, unknown>> = [];
  readonly gatewayStates: Array<Record<string, unknown>> = [];
  autoAck = true;
  private waiters: Array<() => void> = [];

  constructor(readonly session: ClientSession) {
    session.onEvent((message: EventMessage) => {
      const payload = message.payload as Record<string, unknown>;
      if (message.event === 'terminal.data') {
        const id = payload.terminalId as string;
        this.output.set(id, (this.output.get(id) ?? '') + (payload.data as string));
        this.received.set(id, (this.received.get(id) ?? 0) + (payload.bytes as number));
        if (this.autoAck && (payload.bytes as number) > 0) void this.call('terminal.ack', { terminalId: id, bytes: payload.bytes });
      } else if (message.event === 'terminal.status') this.statuses.push(payload);
      else if (message.event === 'gateway.state') this.gatewayStates.push(payload);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  raw(method: string, params: unknown): Promise<ResponseMessage> {
    return this.session.dispatch({ type: 'request', id: this.nextId++, method, params });
  }

  async call(method: string, params: unknown = {}): Promise<unknown> {
    const response = await this.raw(method, params);
    if (!response.ok) throw Object.assign(new Error(response.error.message), { code: response.error.code });
    return response.result;
  }

  async until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 100);
      });
    }
  }

  text(id: string): string {
    return this.output.get(id) ?? '';
  }

  async waitFor(id: string, pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray> {
    await this.until(() => pattern.test(this.text(id)), `${pattern} in ${id}; got ${JSON.stringify(this.text(id).slice(-300))}`, timeoutMs);
    return pattern.exec(this.text(id))!;
  }

  async open(host: string, login: string, cols = 80, rows = 24): Promise<string> {
    const { terminalId } = (await this.call('terminal.open', { host, login, cols, rows })) as { terminalId: string };
    await this.until(() => this.statuses.some((s) => s.terminalId === terminalId && s.status === 'live'), `${terminalId} live`);
    return terminalId;
  }

  async shellPid(id: string): Promise<number> {
    await this.call('terminal.input', { terminalId: id, data: 'echo "PID=$$"\r' });
    return Number((await this.waitFor(id, /^PID=(\d+)\r?$/m))[1]);
  }
}

/**
 * The lab's gateway fixture (one sshd host, alice and sam) with a client service whose first
 * profile logs in as `user` and trusts the gateway, and one more profile per `others`
 * (`profiles` has each one's id); `close` stops it all. `at` may also set the gateway's options.
 */
export async function clientOnFixture(at: string | { prefix: string; gateway: Partial<GatewayOptions> }, user: LabUser, ...others: LabUser[]) {
  const { prefix, gateway } = typeof at === 'string' ? { prefix: at, gateway: {} } : at;
  const fx = await setUpFixture(prefix);
  const gw = await fx.start(gateway);
  const { store, service, profileId } = clientServiceFor(fx.dir, gw, user, fx.keys[user].private);
  const profiles: Partial<Record<LabUser, string>> = { [user]: profileId };
  for (const other of others) profiles[other] = addTrustedProfile(store, fx.dir, gw, other, fx.keys[other].private);
  return {
    fx,
    gw,
    service,
    profiles: profiles as Record<LabUser, string>,
    async close() {
      await service.close();
      store.close();
      await gw.close();
      await fx.lab.stop();
      rmSync(fx.dir, { recursive: true, force: true });
    },
  };
}

/** `clientOnFixture` for `user`, plus an admin `ada` the gateway knows, with her own client. */
export async function clientAndAdminOnFixture(prefix: string, user: LabUser) {
  const client = await clientOnFixture(prefix, user);
  const ada = adminClientOn(client.fx, client.gw, 'ada');
  return {
    ...client,
    ada,
    async close() {
      await ada.service.close();
      ada.store.close();
      await client.close();
    },
  };
}

/** A second client, of a new admin user `name` on the fixture's gateway (its own directory under the fixture's). */
export function adminClientOn(fx: Fixture, gateway: TestGateway, name: string) {
  const key = generateEd25519KeyPair();
  const admin = openGatewayAdmin(fx.dataDir);
  admin.addUser({ name, roles: ['admin'], publicKeys: [key.public] });
  admin.close();
  const dir = join(fx.dir, name);
  mkdirSync(dir);
  return clientServiceFor(dir, gateway, name, key.private);
}
