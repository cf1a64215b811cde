// Test helpers for the client's main side (used by tests only; nothing in the program imports this).
import { rmSync } from 'node:fs';
import type { EventMessage, ResponseMessage } from '../../shared/rpc/protocol';
import type { ClientSession } from './client-service';

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

/** Stops, in order, what a main-side test against a real gateway started (whatever of it did start). */
export async function stopClientAndGateway(parts: {
  service?: { close(): Promise<void> };
  store?: { close(): void };
  gateway?: { close(): Promise<void> };
  fixture?: { lab: { stop(): Promise<void> }; dir: string };
}): Promise<void> {
  await parts.service?.close();
  parts.store?.close();
  await parts.gateway?.close();
  await parts.fixture?.lab.stop();
  if (parts.fixture) rmSync(parts.fixture.dir, { recursive: true, force: true });
}
