// Real monitoring on loopback for the lab and the tests: one Debian `prometheus-node-exporter`
// per lab host (each on its own free port; they all read this machine's /proc, standing for
// several hosts) and one `prometheus` scraping them every `scrapeSeconds`. Each exporter's
// Prometheus `instance` is `127.0.0.1:PORT`, which the lab gives its host as the `instance` tag.
// Prometheus can be stopped and started again on the same port (a source going down and back).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backfillHistory, type Backfilled } from './metrics-backfill';
import { freePort, killAndWait, trackForExit } from './sshd-hosts';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const NODE_EXPORTER_BIN = '/usr/bin/prometheus-node-exporter';
export const METRICS_INSTALL_HINT = 'install them with `sudo apt-get install prometheus prometheus-node-exporter`';

/** The collectors the metrics panel reads (the others would only cost CPU). */
/** The scrape job (the `job` label of every series, history included). */
const JOB = 'node';

const COLLECTORS = ['cpu', 'meminfo', 'loadavg', 'filesystem', 'diskstats', 'netdev', 'uname'];

export interface Exporter {
  name: string;
  /** `127.0.0.1:PORT`: the target's `instance` label in Prometheus. */
  instance: string;
  port: number;
}

export interface MetricsStack {
  /** Prometheus's HTTP API base, `http://127.0.0.1:PORT`. */
  url: string;
  exporters: Exporter[];
  /** Stops Prometheus only (the exporters go on): the source is down. */
  stopPrometheus(): Promise<void>;
  /** Starts Prometheus again on the same port and data. */
  startPrometheus(): Promise<void>;
  /** What `history` wrote, if asked. */
  backfilled?: Backfilled;
  /** Prometheus's process id while it runs (a test may pause it: SIGSTOP, a source that stops answering). */
  prometheusPid(): number | undefined;
  stop(): Promise<void>;
}

export interface MetricsStackOptions {
  dir: string;
  /** One exporter per name. */
  names: string[];
  /** Prometheus's scrape interval (default 1 s, so tests and the lab see data at once). */
  scrapeSeconds?: number;
  /** Other targets to scrape as well (`127.0.0.1:PORT`), e.g. a test's scripted exporter. */
  extraTargets?: string[];
  /** Past metrics of every exporter, written into the data dir before Prometheus opens it (./metrics-backfill.ts). */
  history?: { spanSec: number; stepSec: number };
}

/** Whether both Debian packages are installed (the lab runs without metrics otherwise). */
export const metricsInstalled = () => existsSync(PROMETHEUS_BIN) && existsSync(NODE_EXPORTER_BIN);

export async function startMetricsStack(opts: MetricsStackOptions): Promise<MetricsStack> {
  if (!metricsInstalled()) throw new Error(`Prometheus or node_exporter is not installed: ${METRICS_INSTALL_HINT}`);
  const dir = resolve(opts.dir);
  mkdirSync(join(dir, 'tsdb'), { recursive: true });
  const children: ChildProcess[] = [];
  let prometheus: ChildProcess | undefined;
  const stop = async () => {
    await Promise.all([...children, ...(prometheus ? [prometheus] : [])].map(killAndWait));
  };
  try {
    const exporters: Exporter[] = [];
    for (const name of opts.names) {
      const port = await freePort();
      const flags = ['--collector.disable-defaults', ...COLLECTORS.map((c) => `--collector.${c}`)];
      children.push(await startServing(NODE_EXPORTER_BIN, [`--web.listen-address=127.0.0.1:${port}`, ...flags], `http://127.0.0.1:${port}/metrics`));
      exporters.push({ name, instance: `127.0.0.1:${port}`, port });
    }

    const scrape = opts.scrapeSeconds ?? 1;
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global:',
        `  scrape_interval: ${scrape}s`,
        `  evaluation_interval: ${scrape}s`,
        'scrape_configs:',
        `  - job_name: ${JOB}`,
        '    static_configs:',
        `      - targets: [${[...exporters.map((e) => e.instance), ...(opts.extraTargets ?? [])].map((t) => `'${t}'`).join(', ')}]`,
        '',
      ].join('\n'),
    );
    const backfilled = opts.history && (await backfillHistory({ tsdbDir: join(dir, 'tsdb'), textFile: join(dir, 'history.om.txt'), exporters: exporters.map((e) => ({ instance: e.instance, url: `http://127.0.0.1:${e.port}/metrics` })), job: JOB, ...opts.history }));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Retention well past any history (Prometheus would delete blocks older than it at start).
    const retentionHours = Math.max(15 * 24, Math.ceil((opts.history?.spanSec ?? 0) / 3600) + 24);
    const startPrometheus = async () => {
      const args = [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--storage.tsdb.retention.time=${retentionHours}h`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'];
      prometheus = await startServing(PROMETHEUS_BIN, args, `${url}/-/ready`);
    };
    await startPrometheus();
    return {
      url,
      exporters,
      ...(backfilled && { backfilled }),
      async stopPrometheus() {
        if (prometheus) await killAndWait(prometheus);
        prometheus = undefined;
      },
      startPrometheus,
      prometheusPid: () => prometheus?.pid,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Starts `bin` and resolves once `url` answers 200 (its last log lines in the error otherwise). */
async function startServing(bin: string, args: string[], url: string): Promise<ChildProcess> {
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  trackForExit(child);
  const recent: string[] = [];
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    recent.push(...text.split('\n').filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 20));
  });
  try {
    await waitForHttp(url, child, () => recent.join('\n'));
  } catch (error) {
    await killAndWait(child);
    throw error;
  }
  return child;
}

/** Resolves once `url` answers 200; rejects if the process exits first or after 20 s. */
async function waitForHttp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${child.spawnfile} exited at start:\n${log()}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.spawnfile} did not answer at ${url} within 20 s:\n${log()}`);
}

/** Prometheus's own count of instant queries answered (its /metrics page, not a query, so counting adds none). */
export async function instantQueriesAnswered(prometheusUrl: string): Promise<number> {
  const text = await (await fetch(`${prometheusUrl}/metrics`)).text();
  return Number(/^prometheus_http_requests_total\{code="200",handler="\/api\/v1\/query"\} (\S+)$/m.exec(text)?.[1] ?? 0);
}
