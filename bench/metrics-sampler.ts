// metrics-sampler: what the agentless SSH sampler costs the host it watches (issue 18: < 0.5 % of
// a core). A real gateway (`serve`, metrics.sampler.enabled) samples a real sshd on loopback for
// one API watcher at the default 5 s interval; the CPU time of the loop on the host (the `sh`
// and the grep/df/sleep it runs, read from /proc/PID/stat) and of sshd's process for that
// session is taken over `--seconds` (default 60). Printed, not asserted.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGatewayAdmin } from '../gateway/src/admin';
import { SAMPLER_USER } from '../gateway/src/metrics/sampler';
import { createSessionRepo } from '../gateway/src/sessions/repo';
import { openStore } from '../gateway/src/store';
import { openApiClient, waitFor } from '../gateway/src/testing';
import { startSshdHosts } from '../lab/sshd-hosts';
import { generateEd25519KeyPair } from '../shared/node/ssh-keys';
import { cpuMsOf, spawnGateway, stopGateway } from './lab';
import { registerBenchmark, type BenchContext, type BenchReport } from './registry';

/** The sampler's session row as the gateway wrote it (another process: its own SQLite connection). */
function samplerSession(data: string) {
  const store = openStore(data);
  try {
    return createSessionRepo(store.db).list({ user: SAMPLER_USER, status: 'live' })[0];
  } finally {
    store.close();
  }
}

const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);

async function run(ctx: BenchContext): Promise<BenchReport[]> {
  const seconds = Number(ctx.options.extra.seconds ?? 60);
  const dir = mkdtempSync(join(tmpdir(), 'bench-sampler-'));
  const data = join(dir, 'data');
  const credential = generateEd25519KeyPair();
  const alice = generateEd25519KeyPair();
  const lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['box-01'], authorizedKeys: [credential.public] });
  let gateway: Awaited<ReturnType<typeof spawnGateway>> | undefined;
  try {
    const box = lab.hosts[0]!;
    const admin = openGatewayAdmin(data);
    admin.addUser({ name: 'alice', roles: ['operator'], publicKeys: [alice.public] });
    admin.addHost({ name: 'box-01', address: box.address, tags: { metrics: 'ssh' } });
    admin.setCredential({ host: 'box-01', login: box.login, privateKey: credential.private });
    admin.pinHostKey('box-01', box.hostPublicKey);
    admin.addGrant({ user: 'alice', hosts: 'box-01', login: box.login });
    admin.close();
    gateway = await spawnGateway(data, { cwd: dir, recording: true, env: { PORTCULLIS_METRICS_SAMPLER_ENABLED: 'true' } });
    const api = await openApiClient({ port: gateway.port, username: 'alice', privateKey: alice.private, hostPublicKey: gateway.hostPublicKey });
    try {
      await api.call('events.subscribe', { topic: 'metrics.live', params: { host: 'box-01' } });
      if (!(await waitFor(() => api.events.some((e) => e.event === 'metrics.live' && (e.payload?.data as { state?: string })?.state === 'ok'), 30_000))) throw new Error('no reading from the sampler within 30 s');
      const row = samplerSession(data)!;
      const cast = join(data, row.recording!);
      let pid = 0;
      await waitFor(() => (pid = Number(/@pid (\d+)/.exec(readFileSync(cast, 'utf8'))?.[1] ?? 0)) > 0, 10_000);
      const sshd = parentOf(pid);
      ctx.progress(`metrics-sampler: measuring the loop (pid ${pid}) and its sshd (pid ${sshd}) for ${seconds} s`);
      const start = { loop: cpuMsOf(pid, { children: true }), sshd: cpuMsOf(sshd), bytes: statSync(cast).size, at: Date.now() };
      await new Promise((r) => setTimeout(r, seconds * 1000));
      const end = { loop: cpuMsOf(pid, { children: true }), sshd: cpuMsOf(sshd), bytes: statSync(cast).size, at: Date.now() };
      const wallMs = end.at - start.at;
      const percent = (ms: number) => ((100 * ms) / wallMs).toFixed(3);
      return [
        {
          title: `SSH sampler: CPU on the watched host, 5 s interval, over ${seconds} s (target < 0.5 % of a core)`,
          columns: ['what', 'CPU ms', '% of one core'],
          rows: [
            ['the loop (sh + grep, df, sleep)', end.loop - start.loop, percent(end.loop - start.loop)],
            ["sshd's process for the session", end.sshd - start.sshd, percent(end.sshd - start.sshd)],
            ['both', end.loop - start.loop + end.sshd - start.sshd, percent(end.loop - start.loop + end.sshd - start.sshd)],
          ],
          notes: [
            `CPU time from /proc/PID/stat at 10 ms resolution (the loop's own and its finished children's); the host is this machine (loopback sshd).`,
            `Recording of the sampler's session: ${(((end.bytes - start.bytes) / wallMs) * 3_600_000 / 1e6).toFixed(1)} MB per hour watched.`,
          ],
        },
      ];
    } finally {
      api.close();
    }
  } finally {
    if (gateway) await stopGateway(gateway.process);
    await lab.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

registerBenchmark({ name: 'metrics-sampler', description: "the SSH sampler's CPU cost on the watched host (target < 0.5 % of a core)", run });
