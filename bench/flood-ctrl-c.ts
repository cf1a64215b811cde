// Ctrl+C latency under a `yes` flood, through the real path: client service → gateway → sshd, in
// a pty. The renderer is simulated as a fast xterm: it "parses" output at PARSE_RATE bytes/s in
// arrival order and acknowledges what it parsed (as the real renderer acks after xterm's write
// callback). Measured: from sending Ctrl+C until the parsed output shows the prompt again.
// Also checks that nothing is dropped: a large base64 flood, acked as it comes, is counted.
//
//   tsx bench/flood-ctrl-c.ts [--runs 5] [--parse-mbps 4]
// Exported as a function for a bench registry (npm run bench) to call.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openGatewayAdmin, silentLogger, startGateway } from '../gateway/src/index';
import { startSshdHosts } from '../lab/sshd-hosts';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';
import type { EventMessage } from '../shared/rpc/protocol';
import { createClientService, endpointOf, openClientStore, presentedKeyFromLine, type ClientSession } from '../electron/core/index';

export interface FloodResult {
  /** Ctrl+C → prompt drawn, per run, ms. */
  latenciesMs: number[];
  p50Ms: number;
  /** The integrity flood: bytes expected and received (must be equal). */
  integrity: { expected: number; received: number };
  /** The integrity flood's pace with a renderer that draws at once, MB/s: what the windows and watermarks cost. */
  integrityMBps: number;
}

const PROMPT = 'PC-DONE> '; // no 'A' in it: the integrity count counts 'A's

/** A renderer stand-in that parses at a fixed rate and acks what it parsed. */
class PacedRenderer {
  private id = 1;
  private queue: Array<{ text: string; bytes: number }> = [];
  private tail = '';
  private timer: NodeJS.Timeout;
  private watchers: Array<{ test: (tail: string) => boolean; done: () => void }> = [];
  count = 0;
  /** Bytes parsed since the last clearTail(). */
  parsed = 0;
  constructor(
    private readonly session: ClientSession,
    private bytesPerTick: number,
    readonly terminal: () => string | undefined,
  ) {
    session.onEvent((m: EventMessage) => {
      if (m.event !== 'terminal.data') return;
      const p = m.payload as { data: string; bytes: number };
      this.queue.push({ text: p.data, bytes: p.bytes });
    });
    this.timer = setInterval(() => this.tick(), 10);
  }
  queued(): number {
    return this.queue.reduce((n, c) => n + c.bytes, 0);
  }
  setRate(bytesPerTick: number) {
    this.bytesPerTick = bytesPerTick;
  }
  private credit = 0;
  private tick() {
    // A token bucket: each tick earns bytesPerTick; a chunk larger than that is paid back over later ticks.
    this.credit = Math.min(this.credit + this.bytesPerTick, this.bytesPerTick);
    let acked = 0;
    while (this.queue.length && this.credit > 0) {
      const head = this.queue.shift()!;
      this.credit -= head.bytes;
      acked += head.bytes;
      this.parsed += head.bytes;
      this.count += [...head.text].filter((c) => c === 'A').length;
      this.tail = (this.tail + head.text).slice(-400);
      for (const w of [...this.watchers]) {
        if (!w.test(this.tail)) continue;
        this.watchers.splice(this.watchers.indexOf(w), 1);
        w.done();
      }
    }
    const terminalId = this.terminal();
    if (acked > 0 && terminalId) void this.call('terminal.ack', { terminalId, bytes: acked });
  }
  call(method: string, params: unknown): Promise<unknown> {
    return this.session.dispatch({ type: 'request', id: this.id++, method, params }).then((r) => {
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.result;
    });
  }
  /** Resolves when the parsed output's tail passes `test`. */
  until(test: (tail: string) => boolean, timeoutMs: number, what: string): Promise<void> {
    if (test(this.tail)) return Promise.resolve();
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.watchers.push({ test, done: () => (clearTimeout(timer), done()) });
    });
  }
  clearTail() {
    this.tail = '';
    this.parsed = 0;
  }
  stop() {
    clearInterval(this.timer);
  }
}

export async function runFloodCtrlC(options: { runs?: number; parseBytesPerSecond?: number; floodSeconds?: number; log?: (line: string) => void } = {}): Promise<FloodResult> {
  const runs = options.runs ?? 5;
  const perTick = Math.round((options.parseBytesPerSecond ?? 4_000_000) / 100);
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-flood-'));
  const stops: Array<() => Promise<void> | void> = [() => rmSync(dir, { recursive: true, force: true })];
  try {
    const userKey = generateEd25519KeyPair();
    const targetKey = generateEd25519KeyPair();
    const fleet = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [targetKey.public] });
    stops.push(() => fleet.stop());
    const host = fleet.hosts[0]!;
    const admin = openGatewayAdmin(join(dir, 'gateway'));
    admin.addUser({ name: 'alice', roles: ['operator'], publicKeys: [userKey.public] });
    admin.addHost({ name: host.name, address: host.address, nodes: [['bench']], tags: {} });
    admin.pinHostKey(host.name, host.hostPublicKey);
    admin.setCredential({ host: host.name, login: host.login, privateKey: targetKey.private });
    admin.addGrant({ user: 'alice', hosts: '*', login: host.login, until: Date.now() + 3600_000 });
    admin.close();
    const gateway = await startGateway({ dataDir: join(dir, 'gateway'), logger: silentLogger });
    stops.push(() => gateway.close());

    writeFileSync(join(dir, 'key'), userKey.private, { mode: 0o600 });
    mkdirSync(join(dir, 'home'));
    const store = openClientStore(join(dir, 'client'), { log });
    stops.push(() => store.close());
    const profile = store.saveProfile(undefined, { name: 'bench', host: gateway.address.host, port: gateway.address.port, user: 'alice', auth: { kind: 'key', keyFile: join(dir, 'key') } });
    store.trustHostKey(endpointOf(profile), presentedKeyFromLine(gateway.hostPublicKey));
    const service = createClientService({ store, home: join(dir, 'home'), shell: 'browser', version: 'bench', log });
    stops.push(() => service.close());
    await service.connect({ profileId: profile.id });

    const opened: { terminalId?: string } = {};
    const r = new PacedRenderer(service.openSession(), perTick, () => opened.terminalId);
    stops.push(() => r.stop());
    const { terminalId } = (await r.call('terminal.open', { host: host.name, login: host.login, cols: 120, rows: 40 })) as { terminalId: string };
    opened.terminalId = terminalId;
    await r.call('terminal.input', { terminalId, data: `PS1='PC-''DONE> '\r` });
    await r.until((t) => t.endsWith(PROMPT), 10_000, 'the prompt');

    const latenciesMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      r.clearTail();
      await r.call('terminal.input', { terminalId, data: 'yes\r' });
      await new Promise((done) => setTimeout(done, (options.floodSeconds ?? 2) * 1000));
      log(`  flood: ${(r.parsed / 1e6).toFixed(1)} MB drawn in ${options.floodSeconds ?? 2} s, ${(r.queued() / 1024).toFixed(0)} KiB received and not drawn yet`);
      r.clearTail();
      const start = performance.now();
      await r.call('terminal.input', { terminalId, data: '\x03' });
      await r.until((t) => t.endsWith(PROMPT), 60_000, 'the prompt after Ctrl+C');
      latenciesMs.push(performance.now() - start);
      log(`run ${run + 1}: ${latenciesMs.at(-1)!.toFixed(0)} ms, ${(r.parsed / 1024).toFixed(0)} KiB drawn after Ctrl+C`);
    }

    // Integrity: 15 MB of zeros as base64 ('A' × 20 000 000), drawn as fast as it comes.
    r.setRate(Number.MAX_SAFE_INTEGER);
    r.count = 0;
    r.clearTail();
    const zeros = 15_000_000;
    const floodStart = performance.now();
    await r.call('terminal.input', { terminalId, data: `head -c ${zeros} /dev/zero | base64\r` });
    await r.until((t) => t.endsWith(PROMPT), 120_000, 'the end of the base64 flood');
    const integrity = { expected: (zeros / 3) * 4, received: r.count };
    const integrityMBps = r.parsed / 1e6 / ((performance.now() - floodStart) / 1000);
    log(`integrity: ${integrity.received} of ${integrity.expected} base64 characters, ${integrityMBps.toFixed(1)} MB/s`);
    const sorted = [...latenciesMs].sort((a, b) => a - b);
    return { latenciesMs, p50Ms: sorted[Math.floor(sorted.length / 2)]!, integrity, integrityMBps };
  } finally {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => {});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'parse-mbps': { type: 'string', default: '4,1' } } });
  console.log('| renderer parse rate | Ctrl+C → prompt, p50 (ms) | runs (ms) | base64 flood received / expected |\n|---|---|---|---|');
  let ok = true;
  for (const mbps of values['parse-mbps'].split(',').map(Number)) {
    const result = await runFloodCtrlC({ runs: Number(values.runs), parseBytesPerSecond: mbps * 1e6, log: (l) => console.error(l) });
    const { received, expected } = result.integrity;
    ok &&= received === expected;
    console.log(`| ${mbps} MB/s | ${result.p50Ms.toFixed(0)} | ${result.latenciesMs.map((l) => l.toFixed(0)).join(', ')} | ${received} / ${expected} |`);
  }
  process.exit(ok ? 0 : 1);
}
