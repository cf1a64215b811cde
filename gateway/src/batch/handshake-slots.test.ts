// A batch job wider than the gateway's handshake slots, through the real gateway to real sshd and
// to hosts that accept TCP but never speak SSH (each holds its slot until the upstream's ready
// timeout). The gateway never has more handshakes in progress than its slots; the hosts that waited
// for a slot still succeed (their timeouts count from their handshake's start, not from dispatch);
// the silent hosts are reported unreachable after their own ready timeout; an interactive exec
// opened while every slot is held does not wait for one.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BatchHost, BatchJob } from '../../../shared/contract/gateway-api/batch';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { startSshdHosts, type SshdHosts } from '../../../lab/sshd-hosts';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '..';
import { connectClient, exec, openApiClient, waitFor } from '../testing';

const SLOTS = 2;
const READY_TIMEOUT_MS = 4000;
/** The job's per-host timeout: shorter than the real hosts wait for a slot (three rounds of silent hosts). */
const HOST_TIMEOUT_SEC = 6;
const SILENT = ['q-01', 'q-02', 'q-03', 'q-04', 'q-05', 'q-06'];
const REAL = ['r-01', 'r-02', 'r-03', 'r-04', 'r-05', 'r-06'];
/** A connection that closes this soon after the next one opened is its predecessor (loopback events race). */
const HANDOVER_MS = 250;

/** Accepts TCP and never says a word: a host whose sshd hangs. Keeps when each connection opened and closed. */
function startSilentListener() {
  const spans: Array<{ openedAt: number; closedAt?: number }> = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    const span: { openedAt: number; closedAt?: number } = { openedAt: Date.now() };
    spans.push(span);
    sockets.add(socket);
    socket.on('error', () => {});
    socket.resume(); // reads (and drops) the gateway's banner, so its FIN is seen
    socket.on('close', () => {
      span.closedAt = Date.now();
      sockets.delete(socket);
    });
  });
  const listening = new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return {
    listening,
    spans,
    get open() {
      return sockets.size;
    },
    close: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}

/** The most connections open at once, a predecessor closing within HANDOVER_MS of its successor's open not counted. */
function mostAtOnce(spans: Array<{ openedAt: number; closedAt?: number }>): number {
  const edges = spans.flatMap((s) => [
    { at: s.openedAt, d: 1 },
    { at: (s.closedAt ?? Number.POSITIVE_INFINITY) - HANDOVER_MS, d: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  let open = 0;
  let most = 0;
  for (const e of edges) most = Math.max(most, (open += e.d));
  return most;
}

const user = generateEd25519KeyPair();
let dir: string;
let lab: SshdHosts;
let silent: ReturnType<typeof startSilentListener>;
let gw: Gateway;
let login: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-handshakes-'));
  const credential = generateEd25519KeyPair();
  silent = startSilentListener();
  const silentPort = await silent.listening;
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['sshd-a', 'sshd-b'], authorizedKeys: [credential.public] });
  login = lab.hosts[0]!.login;
  const admin = openGatewayAdmin(join(dir, 'data'));
  admin.addUser({ name: 'alice', roles: ['operator'], publicKeys: [user.public] });
  for (const [i, name] of REAL.entries()) {
    const sshd = lab.hosts[i % lab.hosts.length]!;
    admin.addHost({ name, address: sshd.address, nodes: [['fleet']] });
    admin.pinHostKey(name, sshd.hostPublicKey);
    admin.setCredential({ host: name, login, privateKey: credential.private });
  }
  for (const name of SILENT) {
    admin.addHost({ name, address: `127.0.0.1:${silentPort}`, nodes: [['fleet']] });
    admin.setCredential({ host: name, login, privateKey: credential.private });
  }
  admin.addGrant({ user: 'alice', hosts: 'node:fleet', login });
  admin.close();
  gw = await startGateway({ dataDir: join(dir, 'data'), logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 }, batch: { handshakeSlots: SLOTS }, upstreamReadyTimeoutMs: READY_TIMEOUT_MS });
});

afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  await silent?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('a job wider than the handshake slots: every answering host succeeds, the silent ones are unreachable after their timeout, interactive opens do not wait', async () => {
  const client = { port: gw.address.port, username: 'alice', privateKey: user.private, hostPublicKey: gw.hostPublicKey };
  const api = await openApiClient(client);
  // The silent hosts first: they take the slots and hold them, three rounds of two.
  const job = await api.call<BatchJob>('batch.start', { selector: [...SILENT, ...REAL].join(','), command: 'echo ran', parallel: SILENT.length + REAL.length, timeoutSec: HOST_TIMEOUT_SEC });

  // Every slot is held by a silent host: a user's exec still goes through at once.
  expect(await waitFor(() => silent.open === SLOTS, 10_000)).toBe(true);
  const conn = await connectClient({ ...client, username: `alice:${login}@r-01` });
  const interactive = await exec(conn, 'echo interactive');
  conn.end();
  expect(interactive).toMatchObject({ code: 0, stdout: 'interactive\n' });
  const during = await api.call<{ job: BatchJob }>('batch.get', { job: job.id });
  expect(during.job.counts.ok, 'the exec did not wait behind the batch hosts').toBe(0);

  let detail = await api.call<{ job: BatchJob; hosts: BatchHost[] }>('batch.get', { job: job.id });
  for (const deadline = Date.now() + 90_000; detail.job.state !== 'done' && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    detail = await api.call('batch.get', { job: job.id });
  }
  api.close();
  expect(detail.job.state, JSON.stringify(detail.job.counts)).toBe('done');

  const byHost = new Map(detail.hosts.map((h) => [h.host, h]));
  for (const name of REAL) expect(byHost.get(name), name).toMatchObject({ status: 'ok', exitCode: 0 });
  for (const name of SILENT) expect(byHost.get(name), name).toMatchObject({ status: 'unreachable', firstError: `portcullis: ${name} did not answer in time` });
  // Never more silent handshakes at once than slots (without the bound: every silent host at once).
  expect(silent.spans).toHaveLength(SILENT.length);
  expect(mostAtOnce(silent.spans)).toBeLessThanOrEqual(SLOTS);
  // Each silent host had its whole ready timeout, counted from its own connect.
  for (const span of silent.spans) expect(span.closedAt! - span.openedAt).toBeGreaterThanOrEqual(READY_TIMEOUT_MS - 100);
}, 120_000);
