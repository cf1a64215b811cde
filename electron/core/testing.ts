// Test helpers for the client's main side (used by tests only; nothing in the program imports this).
import type { EventMessage, ResponseMessage } from '../../shared/rpc/protocol';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixture } from '../../lab/gateway-fixture';
import type { Gateway } from '../../gateway/src/index';
import { createClientService, type ClientSession } from './client-service';
import { presentedKeyFromLine } from './connection/host-trust';
import { endpointOf, openClientStore } from './store/client-store';

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
 * A client (store + service, browser shell) with a profile per `users` on a test gateway, its host
 * key trusted; `close` stops the client, the gateway and the fixture's hosts and removes its files.
 */
export function clientOnFixture(fx: Fixture, gw: Gateway, users: ReadonlyArray<'alice' | 'sam'>) {
  mkdirSync(join(fx.dir, 'home'));
  const store = openClientStore(join(fx.dir, 'client'), { log: () => {} });
  const profiles: Partial<Record<'alice' | 'sam', string>> = {};
  for (const user of users) {
    const keyFile = join(fx.dir, `${user}_key`);
    writeFileSync(keyFile, fx.keys[user].private, { mode: 0o600 });
    const profile = store.saveProfile(undefined, { name: user, host: gw.address.host, port: gw.address.port, user, auth: { kind: 'key', keyFile } });
    store.trustHostKey(endpointOf(profile), presentedKeyFromLine(gw.hostPublicKey));
    profiles[user] = profile.id;
  }
  const service = createClientService({ store, home: join(fx.dir, 'home'), shell: 'browser', version: '0.0.0-test', log: () => {} });
  const close = async () => {
    await service.close();
    store.close();
    await gw.close();
    await fx.lab.stop();
    rmSync(fx.dir, { recursive: true, force: true });
  };
  return { store, service, profiles: profiles as Record<'alice' | 'sam', string>, close };
}
