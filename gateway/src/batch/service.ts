// Batch jobs as a gateway service: starts jobs (validated, hosts decided, stored, audited), keeps
// the running ones (./runner.ts), answers what the API and `ssh … batch` ask, and at start marks
// jobs a previous run left unfinished as interrupted. Jobs belong to the gateway, not to the
// connection that started them.
import { join } from 'node:path';
import { BATCH_LIMITS, type BatchGroup, type BatchJob, type BatchProgress, type BatchSettings } from '../../../shared/contract/gateway-api/batch';
import { why } from '../../../shared/contract/error-reasons';
import { RpcError } from '../../../shared/rpc/protocol';
import { SelectorError, type Access } from '../access';
import type { Logger } from '../logger';
import { readCast } from '../recording';
import type { SessionCore } from '../sessions/core';
import { createSessionRepo, newSessionId } from '../sessions/repo';
import type { Store } from '../store';
import { groupResults, parseSerial, PlanError, waveSizes } from './plan';
import { createBatchRepo, type HostRow, type JobRow, type NewHost } from './repo';
import { resolveBatchHosts, type ResolvedHosts } from './resolve';
import { countHosts, failurePolicyOf, groupable, JobRunner, type ControlAction } from './runner';

export interface BatchServiceDeps {
  store: Store;
  access: Access;
  core: SessionCore;
  logger: Logger;
  dataDir: string;
}

export interface BatchJobDetail {
  job: BatchJob;
  hosts: Array<Omit<HostRow, 'idx' | 'outputTail' | 'outputHash'>>;
  groups: BatchGroup[];
  actions: ReturnType<ReturnType<typeof createBatchRepo>['actions']>;
}

export type BatchService = ReturnType<typeof createBatchService>;

export function createBatchService(deps: BatchServiceDeps) {
  const repo = createBatchRepo(deps.store.db);
  const sessions = createSessionRepo(deps.store.db);
  const live = new Map<string, JobRunner>();
  /** Who watches which job: the topic's subscriptions and `ssh … batch`. */
  const watchers = new Map<string, Set<(p: BatchProgress) => void>>();
  const progressOf = (id: string) => (progress: BatchProgress) => {
    for (const watcher of watchers.get(id) ?? []) {
      try {
        watcher(progress);
      } catch (error) {
        deps.logger.error({ job: id, err: String(error) }, 'a batch progress watcher failed');
      }
    }
  };
  /** A runner for the job, kept while it runs. */
  const runnerFor = (row: JobRow, hosts: HostRow[]) => {
    const runner = new JobRunner({ ...deps, repo, onProgress: progressOf(row.id) }, row, hosts);
    live.set(row.id, runner);
    void runner.ended.then(() => live.delete(row.id));
    return runner;
  };
  let closing = false;

  const interrupted = repo.interruptLeftovers();
  if (interrupted > 0) deps.logger.warn({ jobs: interrupted }, 'marked batch jobs left running by a previous run as interrupted');

  const notFound = (id: string) => new RpcError('not_found', `no batch job ${id}`, why('batch.not_found', { id }));
  const viewOf = (row: JobRow): BatchJob => live.get(row.id)?.view() ?? { ...row, counts: countHosts(repo.hosts(row.id)), etaMs: null };

  /** The wave sizes for `total` hosts; bad_request on a bad serial or threshold. */
  function wavesOf(settings: BatchSettings, total: number): number[] {
    try {
      failurePolicyOf(settings);
      return waveSizes(total, settings.serial === undefined ? [] : parseSerial(settings.serial));
    } catch (error) {
      if (error instanceof PlanError) throw new RpcError('bad_request', error.message, error.why);
      throw error;
    }
  }

  return {
    /** Hosts the selector names for `user`; throws bad_request on a bad selector. */
    preview(user: string, selector: string, login: string | undefined): ResolvedHosts {
      try {
        return resolveBatchHosts(deps.access, user, selector, login);
      } catch (error) {
        if (error instanceof SelectorError) throw new RpcError('bad_request', error.message, error.why);
        throw error;
      }
    },

    start(user: string, settings: BatchSettings): JobRunner {
      if (closing) throw new RpcError('unavailable', 'the gateway is shutting down', why('api.shutting_down'));
      const resolved = this.preview(user, settings.selector, settings.login);
      const count = resolved.hosts.length + resolved.notPermitted.length;
      if (resolved.hosts.length === 0) throw new RpcError('bad_request', `the selector ${JSON.stringify(settings.selector)} names no host you may run on${settings.login ? ` as ${settings.login}` : ''}`, why('selector.no_host', { selector: settings.selector }));
      if (count > BATCH_LIMITS.maxHosts) throw new RpcError('bad_request', `the selector names ${count} hosts; a job may have at most ${BATCH_LIMITS.maxHosts}`, why('selector.too_many_hosts', { total: count, limit: BATCH_LIMITS.maxHosts }));
      const sizes = wavesOf(settings, resolved.hosts.length);
      const waveOf = sizes.flatMap((size, wave) => Array<number>(size).fill(wave));
      const hosts: NewHost[] = [
        ...resolved.hosts.map((h, i): NewHost => ({ host: h.host, login: h.login, status: 'pending', reason: null, wave: waveOf[i]! })),
        ...resolved.notPermitted.map((h): NewHost => ({ host: h.host, login: settings.login ?? null, status: 'not_permitted', reason: h.reason, wave: null })),
      ];
      const job = { id: newSessionId(), submitter: user, settings, waves: Math.max(1, sizes.length), createdAt: Date.now() };
      repo.create(job, hosts);
      deps.store.audit.record({
        type: 'batch.start',
        actor: user,
        data: {
          job: job.id,
          selector: settings.selector,
          ...(settings.command !== undefined ? { command: settings.command.slice(0, 1000) } : { scriptBytes: Buffer.byteLength(settings.script!) }),
          hosts: resolved.hosts.length,
          notPermitted: resolved.notPermitted.map((h) => h.host).slice(0, 100),
        },
      });
      const runner = runnerFor(repo.job(job.id)!, repo.hosts(job.id));
      deps.logger.info({ job: job.id, user, hosts: resolved.hosts.length, notPermitted: resolved.notPermitted.length }, 'batch job started');
      runner.start();
      return runner;
    },

    /** The job's row, or undefined. */
    find: (id: string): JobRow | undefined => live.get(id)?.job ?? repo.job(id),

    /** A running job's runner. */
    runner: (id: string): JobRunner | undefined => live.get(id),

    /** Calls `watcher` with every change of the job from now on; returns what stops it. */
    watch(id: string, watcher: (p: BatchProgress) => void): () => void {
      const set = watchers.get(id) ?? watchers.set(id, new Set()).get(id)!;
      set.add(watcher);
      return () => {
        set.delete(watcher);
        if (set.size === 0 && watchers.get(id) === set) watchers.delete(id);
      };
    },

    detail(id: string): BatchJobDetail {
      const row = live.get(id)?.job ?? repo.job(id);
      if (!row) throw notFound(id);
      const hosts = live.get(id)?.hosts ?? repo.hosts(id);
      const groups = groupResults(hosts.filter(groupable).map((h) => ({ host: h.host, exitCode: h.exitCode, outputHash: h.outputHash })));
      const tailOf = new Map(hosts.map((h) => [h.host, h.outputTail]));
      return {
        job: viewOf(row),
        hosts: hosts.map(({ idx: _i, outputTail: _t, outputHash: _h, ...h }) => h),
        groups: groups.map((g) => ({ exitCode: g.exitCode, hosts: g.hosts, outputTail: tailOf.get(g.hosts[0]!) ?? '' })),
        actions: repo.actions(id),
      };
    },

    list: (filter: { submitter?: string; before?: number; limit: number }): BatchJob[] => repo.list(filter).map(viewOf),

    control(id: string, actor: string, action: ControlAction): BatchJob {
      const runner = live.get(id);
      if (!runner) {
        const row = repo.job(id);
        if (!row) throw notFound(id);
        if (action !== 'retry-failed' || row.state !== 'done') throw new RpcError('bad_request', `job ${id} is ${row.state}: it cannot ${action}`, why('batch.state_conflict', { id, state: row.state, action }));
        // A finished job comes back to life for its failed hosts.
        const revived = runnerFor(row, repo.hosts(id));
        revived.control(action, actor);
        return revived.view();
      }
      runner.control(action, actor);
      return runner.view();
    },

    /** A host's whole output from its recording, `limit` characters from `offset`. */
    async output(id: string, host: string, offset: number, limit: number) {
      const row = (live.get(id)?.hosts ?? repo.hosts(id)).find((h) => h.host === host);
      if (!row) throw new RpcError('not_found', `no host ${host} in batch job ${id}`, why('batch.host_not_found', { id, host }));
      const recording = row.sessionId === null ? null : sessions.get(row.sessionId)?.recording;
      const text = recording
        ? (await readCast(join(deps.dataDir, recording))).events
            .filter((e) => e.type === 'o')
            .map((e) => e.data)
            .join('')
        : row.outputTail;
      return { data: text.slice(offset, offset + limit), offset, total: text.length, complete: row.status !== 'running' && row.status !== 'pending' };
    },

    /** The gateway stops: running jobs are interrupted and their host runs ended. */
    async close(): Promise<void> {
      closing = true;
      await Promise.all([...live.values()].map((r) => r.interrupt()));
    },
  };
}
