// Runs one batch job in the gateway: dispatches its hosts wave by wave, at most `parallel` at a
// time (reached by a slow start, ramp.ts, so the first host answers early), checks the thresholds
// after every host and the canary rules after every wave, and pauses (dispatch stops at once; runs
// under way finish) when one is passed. Every change is written to the batch tables and told to
// the job's listeners (the `batch.progress` topic, `ssh … batch`).
import type { BatchCounts, BatchHostStatus, BatchJob, BatchProgress } from '../../../shared/contract/gateway-api/batch';
import { why } from '../../../shared/contract/error-reasons';
import { RpcError } from '../../../shared/rpc/protocol';
import type { Access } from '../access';
import type { Logger } from '../logger';
import type { SessionCore } from '../sessions/core';
import type { Store } from '../store';
import { JobEta } from './eta';
import { runOnHost, SCRIPT_COMMAND, type HostRun, type HostRunResult } from './host-run';
import { Ramp } from './ramp';
import { groupsNotInCanary, parseAmount, thresholdReached, type FailurePolicy, type GroupableResult, type PauseReason } from './plan';
import type { BatchAction, BatchRepo, HostRow, JobRow } from './repo';
import { emptyCounts, HostTally } from './tally';

export type ControlAction = Exclude<BatchAction, 'start'>;

export interface RunnerDeps {
  store: Store;
  access: Pick<Access, 'loginsFor'>;
  repo: BatchRepo;
  core: SessionCore;
  logger: Logger;
  /** Every change of the job, for its watchers (kept by the service, so they outlive a revived runner). */
  onProgress(progress: BatchProgress): void;
}

const FAILED: readonly BatchHostStatus[] = ['failed', 'timeout', 'refused'];
const RETRIED: readonly BatchHostStatus[] = ['failed', 'timeout', 'unreachable', 'refused'];
/** Count and ETA updates go out at most this often; state changes at once. */
const JOB_EVENT_MS = 250;

export function countHosts(hosts: readonly Pick<HostRow, 'status'>[]): BatchCounts {
  const counts = emptyCounts();
  for (const h of hosts) counts[h.status]++;
  return counts;
}

export function failurePolicyOf(settings: JobRow['settings']): FailurePolicy {
  return {
    maxFail: settings.maxFail === undefined ? undefined : parseAmount(settings.maxFail, 'maxFail'),
    waveMaxFail: settings.waveMaxFail === undefined ? undefined : parseAmount(settings.waveMaxFail, 'waveMaxFail'),
    unreachable:
      settings.unreachable === 'threshold' ? { kind: 'threshold', threshold: parseAmount(settings.unreachableMaxFail ?? '0', 'unreachableMaxFail') } : { kind: settings.unreachable },
  };
}

export const groupable = (h: HostRow): h is HostRow & { outputHash: string } => (h.status === 'ok' || h.status === 'failed') && h.outputHash !== null;
const asGroupable = (h: HostRow & { outputHash: string }): GroupableResult => ({ host: h.host, exitCode: h.exitCode, outputHash: h.outputHash });

export class JobRunner {
  private readonly running = new Map<number, HostRun>();
  private readonly policy: FailurePolicy;
  private readonly tally: HostTally;
  /** How many runs may be under way now: widens from one to `parallel` as runs reach their hosts. */
  private readonly ramp: Ramp;
  private widenTimer: NodeJS.Timeout | undefined;
  /** Hosts before this index are not pending in the current wave: where pump() looks from (reset when hosts can become pending again). */
  private cursor = 0;
  /** Failures accepted by the last resume: thresholds count only those after it. */
  private accepted = { failed: 0, unreachable: 0, wave: 0, waveFailed: 0, waveUnreachable: 0 };
  private readonly eta = new JobEta();
  /** Hosts not permitted from the start (never in a wave): the job never meant to run them, so they are no failures. */
  private readonly notPermittedAtStart: number;
  private jobEventTimer: NodeJS.Timeout | undefined;
  private settle!: () => void;
  /** Resolves when the job has ended (done, cancelled, interrupted). */
  readonly ended = new Promise<void>((resolve) => (this.settle = resolve));

  constructor(
    private readonly deps: RunnerDeps,
    readonly job: JobRow,
    readonly hosts: HostRow[],
  ) {
    this.policy = failurePolicyOf(job.settings);
    this.tally = new HostTally(hosts);
    this.ramp = new Ramp(job.settings.parallel);
    this.notPermittedAtStart = hosts.filter((h) => h.status === 'not_permitted' && h.wave === null).length;
    this.eta.running(job.state === 'running');
  }

  get id() {
    return this.job.id;
  }

  /** The job as the API shows it. */
  view(): BatchJob {
    const counts = this.tally.counts();
    return { ...this.job, counts, etaMs: this.eta.etaMs(counts.pending + counts.running) };
  }

  start(): void {
    this.pump();
  }

  /** Nothing more will happen without an action: the job is not running and no host run is under way. */
  get settled(): boolean {
    return this.job.state !== 'running' && this.tally.count('running') === 0;
  }

  control(action: ControlAction, actor: string): void {
    const { state } = this.job;
    const conflict = () => new RpcError('bad_request', `job ${this.id} is ${state}: it cannot ${action}`, why('batch.state_conflict', { id: this.id, state, action }));
    switch (action) {
      case 'pause':
        if (state !== 'running') throw conflict();
        this.record(actor, action);
        return this.pause('user');
      case 'resume':
      case 'skip-failed':
        if (state !== 'paused') throw conflict();
        this.record(actor, action);
        if (action === 'skip-failed') for (const h of this.hosts) if (RETRIED.includes(h.status)) this.setHost(h, { status: 'skipped' });
        return this.resume();
      case 'retry-failed': {
        if (state !== 'paused' && state !== 'done') throw conflict();
        this.record(actor, action);
        for (const h of this.hosts) if (RETRIED.includes(h.status)) this.setHost(h, { ...NOT_RUN, status: 'pending', wave: Math.min(h.wave ?? 0, this.job.wave) });
        return this.resume();
      }
      case 'cancel':
        if (state !== 'running' && state !== 'paused') throw conflict();
        this.record(actor, action);
        for (const h of this.hosts) if (h.status === 'pending') this.setHost(h, { status: 'cancelled' });
        for (const run of this.running.values()) run.cancel(actor);
        return this.end('cancelled');
    }
  }

  /** The gateway is stopping: the job is interrupted, its running hosts ended. */
  interrupt(): Promise<void> {
    if (this.job.state === 'running' || this.job.state === 'paused') {
      for (const run of this.running.values()) run.cancel('gateway');
      this.end('interrupted');
    }
    return Promise.all([...this.running.values()].map((r) => r.done)).then(() => undefined);
  }

  private record(actor: string, action: ControlAction): void {
    this.deps.repo.action(this.id, actor, action);
    this.deps.store.audit.record({ type: 'batch.control', actor, data: { job: this.id, action, submitter: this.job.submitter } });
  }

  private resume(): void {
    const c = this.failureCounts();
    this.accepted = { failed: c.failed, unreachable: c.unreachable, wave: this.job.wave, waveFailed: c.waveFailed, waveUnreachable: c.waveUnreachable };
    this.setJob({ state: 'running', pausedReason: null, endedAt: null });
    this.cursor = 0; // retry-failed made hosts pending again
    this.pump();
  }

  private pause(reason: PauseReason): void {
    this.deps.logger.info({ job: this.id, reason }, 'batch job paused');
    this.setJob({ state: 'paused', pausedReason: reason });
  }

  private end(state: 'done' | 'cancelled' | 'interrupted'): void {
    clearTimeout(this.widenTimer);
    this.setJob({ state, pausedReason: null, endedAt: Date.now() });
    const counts = this.tally.counts();
    this.deps.store.audit.record({ type: 'batch.end', actor: this.job.submitter, data: { job: this.id, state, counts } });
    this.settle();
  }

  /** Starts hosts while the job runs and there is room; moves to the next wave when one is through. */
  private pump(): void {
    while (this.job.state === 'running') {
      for (; this.cursor < this.hosts.length; this.cursor++) {
        const h = this.hosts[this.cursor]!;
        if (h.status !== 'pending' || (h.wave ?? 0) > this.job.wave) continue;
        if (this.running.size >= this.ramp.width()) return this.widenLater();
        this.dispatch(h);
        if (this.job.state !== 'running') return; // a host whose grant went passed a threshold
      }
      if (this.running.size > 0) return;
      if (this.job.wave >= this.job.waves - 1) return this.end('done');
      const verdict = this.waveVerdict(this.job.wave);
      this.setJob({ wave: this.job.wave + 1 });
      this.cursor = 0; // the next wave's hosts were passed over
      if (verdict) return this.pause(verdict);
    }
  }

  /** Hosts wait for room while the ramp is narrow: it also widens with time, so pump again then. */
  private widenLater(): void {
    if (this.widenTimer) return;
    const ms = this.ramp.msToWidening();
    if (ms === undefined) return;
    this.widenTimer = setTimeout(() => {
      this.widenTimer = undefined;
      this.pump();
    }, ms).unref();
  }

  /** After a wave: a failed canary, or a result group the canary did not produce, pauses the job. */
  private waveVerdict(wave: number): PauseReason | undefined {
    if (this.job.waves < 2) return undefined;
    const inWave = this.hosts.filter((h) => h.wave === wave);
    if (wave === 0) return inWave.some((h) => RETRIED.includes(h.status)) ? 'canary_failed' : undefined;
    if (!this.job.settings.canaryDiff) return undefined;
    const canary = this.hosts.filter((h) => h.wave === 0 && groupable(h)).map((h) => asGroupable(h as HostRow & { outputHash: string }));
    const results = inWave.filter(groupable).map(asGroupable);
    return groupsNotInCanary(canary, results).length > 0 ? 'canary_diff' : undefined;
  }

  private dispatch(h: HostRow): void {
    const { settings, submitter } = this.job;
    // Access is decided again now: a grant revoked since the start makes the host not permitted, never contacted.
    if (!this.deps.access.loginsFor(submitter, h.host).includes(h.login!)) {
      this.setHost(h, { status: 'not_permitted', reason: 'no_grant' });
      return this.checkThresholds();
    }
    this.setHost(h, { status: 'running', wave: h.wave ?? this.job.wave });
    let opened = false;
    // The ramp widens once per run: when it reaches its host, or when it ends without having.
    const open = () => {
      if (!opened) this.ramp.open();
      opened = true;
    };
    const settle = (result: HostRunResult) => {
      open();
      this.finished(h, result);
    };
    const run = runOnHost(this.deps.core, {
      user: submitter,
      host: h.host,
      login: h.login!,
      command: settings.script !== undefined ? SCRIPT_COMMAND : settings.command!,
      stdin: settings.script,
      timeoutMs: settings.timeoutSec * 1000,
      onLines: (stream, lines) => this.emit({ change: 'output', host: h.host, stream, lines }),
      onStarted: () => {
        open();
        this.pump();
      },
    });
    this.running.set(h.idx, run);
    void run.done
      .then(settle)
      .catch((error: unknown) => {
        this.deps.logger.error({ job: this.id, host: h.host, err: String(error) }, 'a batch host run failed inside the gateway');
        settle({ ...NOT_RUN, status: 'unreachable', durationMs: 0, firstError: 'an error inside the gateway', outputTail: '', outputHash: '', outputBytes: 0 });
      });
  }

  private finished(h: HostRow, result: HostRunResult): void {
    this.running.delete(h.idx);
    this.eta.hostFinished();
    const stopped = this.job.state === 'cancelled' || this.job.state === 'interrupted';
    const status = stopped && result.status !== 'ok' && result.status !== 'failed' ? this.job.state : result.status;
    this.setHost(h, { ...result, status: status as BatchHostStatus });
    this.checkThresholds();
    this.pump();
  }

  /** Pauses a running job whose failures since the last resume passed a threshold. */
  private checkThresholds(): void {
    if (this.job.state !== 'running') return;
    const reason = thresholdReached(this.policy, this.failureCounts(true));
    if (reason) this.pause(reason);
  }

  /**
   * Failures and unreachable hosts, over the job and the current wave; with `sinceResume`, those a
   * resume accepted are left out. A host whose grant went during the job (not permitted, in a wave) failed.
   */
  private failureCounts(sinceResume = false) {
    const { tally } = this;
    const wave = this.job.wave;
    const a = sinceResume ? this.accepted : { failed: 0, unreachable: 0, wave: -1, waveFailed: 0, waveUnreachable: 0 };
    const sameWave = a.wave === wave;
    const lostGrant = tally.count('not_permitted') - this.notPermittedAtStart;
    return {
      failed: FAILED.reduce((n, s) => n + tally.count(s), lostGrant) - a.failed,
      unreachable: tally.count('unreachable') - a.unreachable,
      total: this.hosts.length - this.notPermittedAtStart,
      waveFailed: FAILED.reduce((n, s) => n + tally.inWave(wave, s), tally.inWave(wave, 'not_permitted')) - (sameWave ? a.waveFailed : 0),
      waveUnreachable: tally.inWave(wave, 'unreachable') - (sameWave ? a.waveUnreachable : 0),
      waveTotal: tally.waveSize(wave),
    };
  }

  private setJob(change: Partial<Pick<JobRow, 'state' | 'pausedReason' | 'wave' | 'endedAt'>>): void {
    Object.assign(this.job, change);
    this.eta.running(this.job.state === 'running');
    this.deps.repo.saveJob(this.job);
    clearTimeout(this.jobEventTimer);
    this.jobEventTimer = undefined;
    this.emit({ change: 'job', job: this.view() });
  }

  private setHost(h: HostRow, change: Partial<HostRow>): void {
    const before = { status: h.status, wave: h.wave };
    Object.assign(h, change);
    this.tally.move(before, h);
    this.deps.repo.saveHost(this.id, h);
    const { idx: _idx, outputTail: _tail, outputHash: _hash, ...host } = h;
    this.emit({ change: 'host', host });
    this.jobEventTimer ??= setTimeout(() => {
      this.jobEventTimer = undefined;
      this.emit({ change: 'job', job: this.view() });
    }, JOB_EVENT_MS).unref();
  }

  private emit(progress: BatchProgress): void {
    this.deps.onProgress(progress);
  }
}

/** A host's result fields before it has run. */
const NOT_RUN = { reason: null, exitCode: null, exitSignal: null, durationMs: null, firstError: null, outputBytes: 0, outputTail: '', outputHash: null, sessionId: null } satisfies Partial<HostRow>;
