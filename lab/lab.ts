// The embedded default: a small real fleet (one sshd per host, each with its own host key), a
// gateway seeded with those hosts, a lab user and a grant, and the desktop client connected as
// that user — in Electron when its binary is installed, else in the browser shell.
//
// The client's own state (DATA/client: profiles, trusted host keys, layout, settings) is kept
// across lab restarts, so the layout comes back. The gateway, hosts and keys are made anew each
// start, so the gateway's host key and port change: the lab updates its "lab" profile and trusts
// the new gateway key ON PURPOSE (it started that gateway itself, so it knows the key first-hand),
// forgetting the key it trusted for the previous address. With `trustGateway: false`
// (lab/start.ts --no-trust) it trusts nothing, and the first connect asks (TOFU), for testing.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';
import { createLogger, openGatewayAdmin, startGateway } from '../gateway/src/index';
import { createClientService, endpointOf, openClientStore, presentedKeyFromLine, type ClientStore } from '../electron/core/index';
import { startBrowserShell } from '../electron/browser-shell/index';
import { startSshdHosts, type SshdHost } from './sshd-hosts';
import { METRICS_INSTALL_HINT, metricsInstalled, startMetricsStack, type MetricsStack } from './metrics-stack';
import { generateInventory } from './generated-inventory';
import { SAMPLER_TAG } from '../gateway/src/metrics/sampler';
import { LAB_HOSTS, LAB_REVIEWERS, LAB_UNCREDENTIALED_HOSTS, LAB_USER } from './topology';
import { electronBinary } from './electron-runtime';

export interface LabOptions {
  /** Where the lab keeps its state; the gateway's and hosts' parts are made anew each start. */
  dataDir: string;
  /** 'auto': Electron when its binary is installed, else the browser shell. */
  shell: 'auto' | 'browser';
  /** The browser shell's port (0 = any free port). */
  shellPort?: number;
  /** The client's state; default DATA/client. Kept across restarts. */
  clientDataDir?: string;
  /** false: leave the gateway's host key untrusted, so the first connect asks (default true). */
  trustGateway?: boolean;
  /** Also register this many generated hosts (lab/generated-inventory: a large tree; nothing runs behind them). */
  inventory?: number;
  /** Hours of past metrics written into Prometheus before it starts (benchmarks; default none: it starts empty). */
  metricsHistoryHours?: number;
  /** Lab hosts read by the gateway's SSH sampler (tagged `metrics=ssh`, sampler on) instead of Prometheus. */
  sampledHosts?: string[];
  log?: (line: string) => void;
}

export interface Lab {
  shell: 'electron' | 'browser';
  /** The browser shell's URL, with its per-launch token. */
  url?: string;
  gateway: { host: string; port: number };
  hosts: SshdHost[];
  /** Prometheus's process id, when the lab runs metrics. */
  prometheusPid?: number;
  user: string;
  /** Resolves when the Electron window closes (never, for the browser shell). */
  closed: Promise<void>;
  stop(): Promise<void>;
}

const repoRoot = resolve(import.meta.dirname, '..');
const grantLength = 30 * 24 * 3600 * 1000;

export async function startLab(options: LabOptions): Promise<Lab> {
  const log = options.log ?? (() => {});
  const stops: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await Promise.resolve(fn()).catch(() => {});
    stops.length = 0;
  };
  try {
    const dataDir = resolve(options.dataDir);
    for (const part of ['gateway', 'hosts', 'keys', 'prometheus']) rmSync(join(dataDir, part), { recursive: true, force: true });
    mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });

    // Two keys: the lab user's (to log in to the gateway) and the gateway's credential for the targets.
    const userKey = generateEd25519KeyPair({ comment: `${LAB_USER}@portcullis-lab` });
    const targetKey = generateEd25519KeyPair({ comment: 'portcullis-gateway@lab' });
    const reviewerKeys = new Map(LAB_REVIEWERS.map((r) => [r.user, generateEd25519KeyPair({ comment: `${r.user}@portcullis-lab` })]));

    log(`starting ${LAB_HOSTS.length} sshd hosts…`);
    const fleet = await startSshdHosts({ dir: join(dataDir, 'hosts'), names: LAB_HOSTS.map((h) => h.name), authorizedKeys: [targetKey.public] });
    stops.push(() => fleet.stop());

    const metrics = await startLabMetrics(dataDir, log, options.metricsHistoryHours ?? 0);
    const sampled = new Set(options.sampledHosts ?? []);
    const unknown = [...sampled].filter((name) => !LAB_HOSTS.some((h) => h.name === name));
    if (unknown.length > 0) throw new Error(`no lab host to sample over SSH: ${unknown.join(', ')}`);
    if (metrics) stops.push(() => metrics.stop());
    const instanceOf = (name: string) => metrics?.exporters.find((e) => e.name === name)?.instance;

    const gatewayDir = join(dataDir, 'gateway');
    const admin = openGatewayAdmin(gatewayDir);
    try {
      admin.addUser({ name: LAB_USER, roles: ['operator'], publicKeys: [userKey.public] });
      for (const r of LAB_REVIEWERS) admin.addUser({ name: r.user, roles: [...r.roles], publicKeys: [reviewerKeys.get(r.user)!.public] });
      for (const spec of LAB_HOSTS) {
        const host = fleet.hosts.find((h) => h.name === spec.name)!;
        const instance = instanceOf(spec.name);
        const tags = sampled.has(spec.name) ? { ...spec.tags, [SAMPLER_TAG.name]: SAMPLER_TAG.value } : instance ? { ...spec.tags, instance } : spec.tags;
        admin.addHost({ name: spec.name, address: host.address, nodes: spec.nodes, tags });
        admin.pinHostKey(spec.name, host.hostPublicKey);
        admin.setCredential({ host: spec.name, login: host.login, privateKey: targetKey.private });
      }
      // A closed port on loopback: the gateway refuses before it would ever dial it.
      for (const spec of LAB_UNCREDENTIALED_HOSTS) admin.addHost({ name: spec.name, address: '127.0.0.1:9', nodes: spec.nodes, tags: spec.tags });
      if (options.inventory) log(`registering ${options.inventory} generated hosts…`);
      for (const host of generateInventory(options.inventory ?? 0, Date.now())) admin.addHost({ name: host.name, address: host.address, nodes: host.nodes, tags: host.tags });
      const login = fleet.hosts[0]!.login;
      admin.addGrant({ user: LAB_USER, hosts: '*', login, until: Date.now() + grantLength });
    } finally {
      admin.close();
    }

    // The gateway's JSON log would bury the lab's own lines: warnings only, unless asked for more.
    const gateway = await startGateway({
      dataDir: gatewayDir,
      logger: createLogger(process.env.PORTCULLIS_LOG_LEVEL ?? 'warn'),
      // File transfer on, so the client's file panel works in the lab (tests that need deny set it themselves).
      transfer: { policy: 'allow' },
      // Local port forwarding (ssh -L) on, so forwards can be seen and terminated in the live view.
      forwarding: { policy: 'allow' },
      metrics: metrics ? { prometheusUrl: metrics.url, rateWindowSec: 4 * LAB_SCRAPE_SECONDS, ...(sampled.size > 0 && { sampler: { enabled: true } }) } : undefined,
    });
    stops.push(() => gateway.close());
    log(`gateway listening on ${gateway.address.host}:${gateway.address.port}`);

    const keyFile = join(dataDir, 'keys', `${LAB_USER}_ed25519`);
    writeFileSync(keyFile, userKey.private, { mode: 0o600 });
    chmodSync(keyFile, 0o600);
    const clientDir = resolve(options.clientDataDir ?? join(dataDir, 'client'));
    const store = openClientStore(clientDir, { log });
    let storeOpen = true;
    const closeStore = () => {
      if (storeOpen) store.close();
      storeOpen = false;
    };
    stops.push(closeStore);
    const trust = options.trustGateway !== false;
    for (const r of LAB_REVIEWERS) {
      const reviewerKeyFile = join(dataDir, 'keys', `${r.user}_ed25519`);
      writeFileSync(reviewerKeyFile, reviewerKeys.get(r.user)!.private, { mode: 0o600 });
      seedLabProfile(store, { name: r.profile, user: r.user, host: gateway.address.host, port: gateway.address.port, keyFile: reviewerKeyFile, hostPublicKey: gateway.hostPublicKey, trust });
    }
    // Seeded last: the operator's profile is the one the client opens with.
    const profileId = seedLabProfile(store, { name: 'lab', user: LAB_USER, host: gateway.address.host, port: gateway.address.port, keyFile, hostPublicKey: gateway.hostPublicKey, trust });
    const version = (await import('../package.json', { with: { type: 'json' } })).default.version;
    const common = { gateway: gateway.address, hosts: fleet.hosts, prometheusPid: metrics?.prometheusPid(), user: LAB_USER, stop };

    const electron = options.shell === 'auto' ? electronBinary() : null;
    if (electron) {
      closeStore(); // the Electron process opens it itself
      const child = spawn(electron, [join(repoRoot, 'dist/electron/main.cjs'), '--client-data', clientDir], { stdio: 'inherit' });
      stops.push(() => stopChild(child));
      const closed = new Promise<void>((done) => child.once('exit', () => done()));
      return { ...common, shell: 'electron', closed };
    }

    const service = createClientService({ store, shell: 'browser', version });
    stops.push(() => service.close());
    // Connected at load (the e2e suite relies on it); untrusted (--no-trust), this stops at the TOFU question.
    await service.connect({ profileId });
    const shell = await startBrowserShell({
      service,
      rendererDir: join(repoRoot, 'dist/renderer'),
      host: '127.0.0.1',
      port: options.shellPort ?? 0,
    });
    stops.push(() => shell.close());
    return { ...common, shell: 'browser', url: shell.url, closed: new Promise(() => {}) };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Prometheus scrapes the lab's exporters this often (the panel is live every 5 s). */
const LAB_SCRAPE_SECONDS = 5;

/** Prometheus and one node_exporter per lab host, when Debian's packages are installed; else the lab runs without metrics and says how to get them. */
async function startLabMetrics(dataDir: string, log: (line: string) => void, historyHours: number): Promise<MetricsStack | undefined> {
  if (!metricsInstalled()) {
    log(`no host metrics: Prometheus and node_exporter are not installed (${METRICS_INSTALL_HINT})`);
    return undefined;
  }
  log(`starting Prometheus and ${LAB_HOSTS.length} node_exporters…`);
  try {
    if (historyHours > 0) log(`writing ${historyHours} h of past metrics into Prometheus's data (promtool)…`);
    const history = historyHours > 0 ? { spanSec: historyHours * 3600, stepSec: LAB_SCRAPE_SECONDS } : undefined;
    const stack = await startMetricsStack({ dir: join(dataDir, 'prometheus'), names: LAB_HOSTS.map((h) => h.name), scrapeSeconds: LAB_SCRAPE_SECONDS, history });
    log(`Prometheus at ${stack.url}${stack.backfilled ? ` (history: ${stack.backfilled.series} series × ${stack.backfilled.points} points)` : ''}`);
    return stack;
  } catch (error) {
    log(`no host metrics: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Creates or updates a lab profile (by name) for this start's gateway; returns its id. */
function seedLabProfile(store: ClientStore, lab: { name: string; user: string; host: string; port: number; keyFile: string; hostPublicKey: string; trust: boolean }): string {
  const input = { name: lab.name, host: lab.host, port: lab.port, user: lab.user, auth: { kind: 'key' as const, keyFile: lab.keyFile }, rememberPassphrase: false };
  const before = store.listProfiles().find((p) => p.name === lab.name);
  if (before) store.forgetHostKey(endpointOf(before)); // the previous start's gateway is gone
  const profile = store.saveProfile(before?.id, input);
  store.forgetHostKey(endpointOf(profile)); // a port reused from some older run must not carry trust over
  if (lab.trust) store.trustHostKey(endpointOf(profile), presentedKeyFromLine(lab.hostPublicKey));
  store.setLastProfileId(profile.id);
  return profile.id;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}
