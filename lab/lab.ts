// The embedded default: a small real fleet (one sshd per host, each with its own host key), a
// gateway seeded with those hosts, a lab user and a grant, and the desktop client connected as
// that user — in Electron when its binary is installed, else in the browser shell.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';
import { createLogger, openGatewayAdmin, startGateway } from '../gateway/src/index';
import { createClientService } from '../electron/core/index';
import { startBrowserShell } from '../electron/browser-shell/index';
import { startSshdHosts, type SshdHost } from './sshd-hosts';
import { LAB_HOSTS, LAB_USER } from './topology';
import { electronBinary } from './electron-runtime';

export interface LabOptions {
  /** Where the lab keeps its state; the gateway's and hosts' parts are made anew each start. */
  dataDir: string;
  /** 'auto': Electron when its binary is installed, else the browser shell. */
  shell: 'auto' | 'browser';
  /** The browser shell's port (0 = any free port). */
  shellPort?: number;
  log?: (line: string) => void;
}

export interface Lab {
  shell: 'electron' | 'browser';
  /** The browser shell's URL, with its per-launch token. */
  url?: string;
  gateway: { host: string; port: number };
  hosts: SshdHost[];
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
    for (const part of ['gateway', 'hosts', 'keys']) rmSync(join(dataDir, part), { recursive: true, force: true });
    mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });

    // Two keys: the lab user's (to log in to the gateway) and the gateway's credential for the targets.
    const userKey = generateEd25519KeyPair({ comment: `${LAB_USER}@portcullis-lab` });
    const targetKey = generateEd25519KeyPair({ comment: 'portcullis-gateway@lab' });

    log(`starting ${LAB_HOSTS.length} sshd hosts…`);
    const fleet = await startSshdHosts({ dir: join(dataDir, 'hosts'), names: LAB_HOSTS.map((h) => h.name), authorizedKeys: [targetKey.public] });
    stops.push(() => fleet.stop());

    const gatewayDir = join(dataDir, 'gateway');
    const admin = openGatewayAdmin(gatewayDir);
    try {
      admin.addUser({ name: LAB_USER, roles: ['operator'], publicKeys: [userKey.public] });
      for (const spec of LAB_HOSTS) {
        const host = fleet.hosts.find((h) => h.name === spec.name)!;
        admin.addHost({ name: spec.name, address: host.address, nodes: spec.nodes, tags: spec.tags });
        admin.pinHostKey(spec.name, host.hostPublicKey);
        admin.setCredential({ host: spec.name, login: host.login, privateKey: targetKey.private });
      }
      const login = fleet.hosts[0]!.login;
      admin.addGrant({ user: LAB_USER, hosts: '*', login, until: Date.now() + grantLength });
    } finally {
      admin.close();
    }

    // The gateway's JSON log would bury the lab's own lines: warnings only, unless asked for more.
    const gateway = await startGateway({ dataDir: gatewayDir, logger: createLogger(process.env.PORTCULLIS_LOG_LEVEL ?? 'warn') });
    stops.push(() => gateway.close());
    log(`gateway listening on ${gateway.address.host}:${gateway.address.port}`);

    const profile = {
      name: 'lab',
      host: gateway.address.host,
      port: gateway.address.port,
      user: LAB_USER,
      privateKey: userKey.private,
      hostKey: gateway.hostPublicKey,
    };
    const version = (await import('../package.json', { with: { type: 'json' } })).default.version;
    const common = { gateway: gateway.address, hosts: fleet.hosts, user: LAB_USER, stop };

    const electron = options.shell === 'auto' ? electronBinary() : null;
    if (electron) {
      const profileFile = join(dataDir, 'keys', 'profile.json');
      writeFileSync(profileFile, JSON.stringify(profile), { mode: 0o600 });
      chmodSync(profileFile, 0o600);
      const child = spawn(electron, [join(repoRoot, 'dist/electron/main.cjs'), '--profile', profileFile], { stdio: 'inherit' });
      stops.push(() => stopChild(child));
      const closed = new Promise<void>((done) => child.once('exit', () => done()));
      return { ...common, shell: 'electron', closed };
    }

    const service = createClientService({ profile, shell: 'browser', version });
    stops.push(() => service.close());
    await service.connect();
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

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}
