// A stand-in `window.portcullis` for the renderer, for the tree benchmark and for screenshots of
// states the lab cannot reach quickly. It runs inside the page (page.addInitScript), so the
// function below must be self-contained: no imports, no closures over module scope.
// Tests of behaviour use the real lab instead (e2e/).
import { fileURLToPath } from 'node:url';
import type { createClientApiRpc } from '../shared/contract/client-api-rpc';
import { encodeHostTable } from '../shared/contract/host-table';
import { hostTableHead } from '../shared/contract/host-table-head';
import { generateInventory as generateFakeHosts } from '../lab/generated-inventory';

export interface FakeConfig {
  hosts: number;
  /** What gateway.state reports first. */
  state?: Record<string, unknown>;
  layout?: unknown;
  theme?: 'dark' | 'light';
  /** Epoch ms used as "now" for generated access ends. */
  now: number;
  /**
   * Where `hosts.list` fetches its result as JSON text (same origin; see `hostsJson`: the host table
   * the real main side sends), so the host list arrives like a message from another process: built
   * elsewhere, deserialized here. Without it the hosts are generated and encoded in the page.
   */
  hostsUrl?: string;
  /** Likewise for `hosts.head` (see `hostsHeadJson`): cut by the main side, off the renderer's thread. */
  headUrl?: string;
  /** Route every answer and event through the real rpc client (JSON text, zod), as the real shells do. */
  validate?: boolean;
  /**
   * Tree health on (the setting, and `gateway.subscribe` to `metrics.health` answered as the gateway
   * does: a report at once, then one every `intervalMs` with each watched host's level, a mix of
   * ok / warn / critical that moves every report). Absent: the setting is off, as in a client
   * whose gateway has no metrics.
   */
  health?: { intervalMs: number };
}

export type FakeHost = ReturnType<typeof generateFakeHosts>[number];

/** The page-side rpc client (as Electron's preload makes it: shared/contract/client-api-rpc.ts) and the host table's encoder, bundled by fakeInitScript. */
interface PageRpc {
  createClientApiRpc: typeof createClientApiRpc;
  encodeHostTable: typeof encodeHostTable;
  hostTableHead: typeof hostTableHead;
}


export function installFakePortcullis(config: FakeConfig, generate: typeof generateFakeHosts, rpc: PageRpc): void {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  let emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  const hosts = config.hostsUrl ? null : rpc.encodeHostTable(generate(config.hosts, config.now));
  let state: Record<string, unknown> = config.state ?? { status: 'connected', profileId: 'p1', gateway: { name: 'prod-bastion', address: 'bastion.example.com:22', user: 'alice' } };
  let nextTerminal = 1;
  const prompt = (host: string) => `\x1b[32malice@${host}\x1b[0m:\x1b[34m~\x1b[0m$ `;
  const hostsByTerminal = new Map<string, string>();
  // metrics.health subscriptions: id → the hosts it watches; one timer reports to all of them.
  const healthWatches = new Map<number, string[]>();
  let nextSubscription = 1;
  let healthTurn = 0;
  const healthReport = (hosts: string[]) => ({
    at: Date.now(),
    thresholds: { cpu: { warn: 80, critical: 90 }, memory: { warn: 80, critical: 90 }, disk: { warn: 80, critical: 90 } },
    hosts: hosts.map((host, i) => {
      // Most hosts ok, one in five warn, one in ten critical; which ones moves every report.
      const n = (i * 7 + healthTurn * 3) % 10;
      const cpu = n < 7 ? 20 + n * 5 : n < 9 ? 82 + n : 95;
      return { host, level: n < 7 ? 'ok' : n < 9 ? 'warn' : 'critical', state: 'ok', cpu, memory: 40, disk: 55 };
    }),
  });
  const reportHealth = (subscription: number) => {
    const hosts = healthWatches.get(subscription);
    if (hosts) emit('gateway.event', { subscription, topic: 'metrics.health', data: healthReport(hosts) });
  };
  if (config.health)
    setInterval(() => {
      healthTurn++;
      for (const subscription of healthWatches.keys()) reportHealth(subscription);
    }, config.health.intervalMs);
  const handlers: Record<string, (p: Record<string, unknown>) => unknown> = {
    'app.info': () => ({ version: '0.1.0', shell: 'browser' }),
    'gateway.state': () => state,
    'gateway.connect': () => (state = { ...state, status: 'connected', hostKey: undefined, needsPassphrase: undefined }),
    'gateway.disconnect': () => (state = { ...state, status: 'disconnected' }),
    'gateway.trustHostKey': () => null,
    // Raw JSON text when fetched: the rpc path below parses it on this thread, as IPC would.
    'hosts.list': () => hosts ?? fetch(config.hostsUrl!).then((r) => r.text()).then((text) => ({ json: text })),
    'hosts.head': (p) =>
      config.headUrl
        ? fetch(config.headUrl).then((r) => r.text()).then((text) => ({ json: text }))
        : hosts
          ? rpc.hostTableHead(hosts, Number(p.rows))
          : fetch(config.hostsUrl!).then((r) => r.json()).then((table) => rpc.hostTableHead(table, Number(p.rows))),
    'profiles.list': () => [
      { id: 'p1', name: 'prod-bastion', host: 'bastion.example.com', port: 22, user: 'alice', auth: { kind: 'key', keyFile: '~/.ssh/id_ed25519' }, rememberPassphrase: false, trustedHostKey: 'SHA256:Qm3x0Yl7Zb8xJvGvUu6j0k2WkQ5c8b1sVh0wqj3hN4E' },
      { id: 'p2', name: 'staging-bastion', host: '10.20.0.5', port: 2222, user: 'alice', auth: { kind: 'agent' }, rememberPassphrase: false },
    ],
    'settings.get': () => ({ theme: config.theme ?? 'dark', fontFamily: 'DejaVu Sans Mono, monospace', fontSize: 13, scrollback: 10000, treeHealth: Boolean(config.health) }),
    'settings.save': (p) => p.settings,
    'layout.get': () => config.layout ?? null,
    'layout.save': () => null,
    'terminal.open': (p) => {
      const terminalId = `t${nextTerminal++}`;
      hostsByTerminal.set(terminalId, String(p.host));
      setTimeout(() => {
        emit('terminal.status', { terminalId, status: 'live' });
        const banner = `Linux ${p.host} 6.1.0-18-amd64 #1 SMP Debian x86_64\r\n\r\nLast login: Sat Nov 21 09:12:44 2026 from 10.0.0.2\r\n`;
        emit('terminal.data', { terminalId, data: banner + prompt(String(p.host)), bytes: banner.length });
      }, 30);
      return { terminalId };
    },
    'terminal.input': (p) => {
      const terminalId = String(p.terminalId);
      const data = String(p.data).replace(/\r/g, `\r\n${prompt(hostsByTerminal.get(terminalId) ?? 'host')}`);
      emit('terminal.data', { terminalId, data, bytes: data.length });
      return null;
    },
    'terminal.resize': () => null,
    'terminal.ack': () => null,
    'terminal.close': () => null,
    'app.openExternal': () => null,
    'gateway.subscribe': (p) => {
      const params = p.params as { hosts?: string[] } | undefined;
      if (!config.health || p.topic !== 'metrics.health' || !params?.hosts) throw new Error(`no such topic: ${String(p.topic)}`);
      const subscription = nextSubscription++;
      healthWatches.set(subscription, params.hosts);
      // The gateway sends the first report at once, often before the subscribe answer.
      reportHealth(subscription);
      return { subscription };
    },
    'gateway.unsubscribe': (p) => {
      healthWatches.delete(Number(p.subscription));
      return null;
    },
  };
  const api = {
    request(method: string, params: Record<string, unknown>) {
      const handler = handlers[method];
      if (!handler) return Promise.reject(new Error(`unknown method ${method}`));
      return new Promise((resolve) => setTimeout(resolve, 0)).then(() => handler(params)); // a handler's throw rejects
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)?.delete(listener);
    },
  };
  // With the real rpc client: every answer and event is serialized, parsed and validated by
  // shared/rpc/client.ts (zod), the work Electron's preload or the browser shell's WebSocket
  // client does on the renderer's thread.
  let exposed: unknown = api;
  if (config.validate) {
    const client = rpc.createClientApiRpc((message) => {
      const handler = handlers[message.method];
      const refuse = (code: string, text: string) => JSON.stringify({ type: 'response', id: message.id, ok: false, error: { code, message: text } });
      const reply = handler
        ? new Promise((resolve) => resolve(handler(message.params as Record<string, unknown>))).then(
            (result) => {
              const json = (result as { json?: string } | null)?.json;
              return `{"type":"response","id":${message.id},"ok":true,"result":${json ?? JSON.stringify(result ?? null)}}`;
            },
            (error: unknown) => refuse('bad_request', String(error)),
          )
        : Promise.resolve(refuse('unknown_method', message.method));
      void reply.then((text) => setTimeout(() => client.receive(JSON.parse(text)), 0));
    });
    emit = (event, payload) => client.receive(JSON.parse(JSON.stringify({ type: 'event', event, payload })));
    exposed = { request: client.request, on: client.on };
  }
  (globalThis as unknown as { portcullis: unknown }).portcullis = exposed;
  (globalThis as unknown as { __fake: unknown }).__fake = {
    emit,
    setState: (next: Record<string, unknown>) => {
      state = next;
      emit('gateway.state', next);
    },
  };
}

/**
 * The init script as text. tsx/esbuild wrap named functions in a `__name` helper that does not
 * exist in the page, so the page gets a no-op one first. `validate`: bundle the real rpc client
 * and contract (zod) into the page and route every answer through it (see installFakePortcullis).
 */
export async function fakeInitScript(config: FakeConfig, { validate = false } = {}): Promise<string> {
  const rpc = await bundlePageRpc();
  return `var __name = (f) => f;\n(${installFakePortcullis.toString()})(${JSON.stringify({ ...config, validate })}, ${generateFakeHosts.toString()}, ${rpc});`;
}

/** The JSON `hosts.list` answers with when `hostsUrl` points at it: the host table, as the real main side sends it. */
export function hostsJson(config: Pick<FakeConfig, 'hosts' | 'now'>): string {
  return JSON.stringify(encodeHostTable(generateFakeHosts(config.hosts, config.now)));
}

/** The JSON `hosts.head` answers with when `headUrl` points at it: the head the real main side cuts from that table. */
export function hostsHeadJson(config: Pick<FakeConfig, 'hosts' | 'now'>, rows: number): string {
  return JSON.stringify(hostTableHead(encodeHostTable(generateFakeHosts(config.hosts, config.now)), rows));
}

/** shared/rpc/client + the client contract as one expression (an IIFE bundle), for the page. */
async function bundlePageRpc(): Promise<string> {
  const { build } = await import('esbuild');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = await build({
    stdin: {
      // zod-csp first, as in the renderer: zod must not probe eval under the page's CSP.
      contents: `import './renderer/src/zod-csp';\nexport { createClientApiRpc } from './shared/contract/client-api-rpc';\nexport { encodeHostTable } from './shared/contract/host-table';\nexport { hostTableHead } from './shared/contract/host-table-head';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__pageRpc',
    target: 'es2022',
    minify: true, // as build/bundle-electron.ts builds the real preload
    logLevel: 'silent',
  });
  return `(() => { ${out.outputFiles[0]!.text}; return __pageRpc; })()`;
}
