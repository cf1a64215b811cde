// A batch job's rollout as pure decisions (no I/O): how hosts are cut into waves (Ansible's
// `serial`), when failures pass a threshold, and which result groups a wave brought that the canary
// did not. The runner (./runner.ts) asks these after each host and each wave.
import { why, ReasonedError, type Why } from '../../../shared/contract/error-reasons';

/** A wave size or a threshold: an absolute count or a percentage of the job's hosts. */
export type Amount = { count: number } | { percent: number };

export class PlanError extends ReasonedError {
  constructor(message: string, reason: Why) {
    super(message, reason);
    this.name = 'PlanError';
  }
}

const MAX_WAVES = 32;
const AMOUNT = /^(\d{1,6})(%?)$/;

/** `5` → { count: 5 }, `20%` → { percent: 20 }; `what` names the setting in the error. */
export function parseAmount(text: string, what: string): Amount {
  const m = AMOUNT.exec(text.trim());
  if (!m) throw new PlanError(`${what}: "${text}" is not a count (5) or a percentage (20%)`, why('plan.not_amount', { field: what, text: text.trim() }));
  const n = Number(m[1]);
  if (m[2]) {
    if (n < 1 || n > 100) throw new PlanError(`${what}: a percentage must be 1% to 100%, not ${text.trim()}`, why('plan.percent_range', { field: what, text: text.trim() }));
    return { percent: n };
  }
  return { count: n };
}

/** `1,5,20%`: each wave's size; the last one repeats. Sizes of 0 are refused. */
export function parseSerial(text: string): Amount[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > MAX_WAVES) throw new PlanError(`serial: at most ${MAX_WAVES} values`, why('plan.too_many_waves', { limit: MAX_WAVES }));
  return parts.map((p) => {
    const amount = parseAmount(p, 'serial');
    if ('count' in amount && amount.count === 0) throw new PlanError('serial: a wave of 0 hosts never ends', why('plan.empty_wave'));
    return amount;
  });
}

export const formatAmount = (a: Amount) => ('count' in a ? String(a.count) : `${a.percent}%`);

/** A percentage of `total` as a wave size: rounded down, at least one host (as Ansible does). */
const sizeOf = (a: Amount, total: number) => ('count' in a ? a.count : Math.max(1, Math.floor((total * a.percent) / 100)));

/**
 * The waves' sizes for `total` hosts: each value of `serial` in turn, the last repeated until
 * every host is in a wave; the last wave takes what is left. No serial: one wave of every host.
 */
export function waveSizes(total: number, serial: readonly Amount[]): number[] {
  if (total === 0) return [];
  if (serial.length === 0) return [total];
  const sizes: number[] = [];
  let left = total;
  for (let i = 0; left > 0; i++) {
    const size = Math.min(left, sizeOf(serial[Math.min(i, serial.length - 1)]!, total));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/** Whether `failures` out of `total` passes the threshold: more than the count, or more than the percentage. */
export function thresholdPassed(threshold: Amount | undefined, failures: number, total: number): boolean {
  if (!threshold || total === 0) return false;
  if ('count' in threshold) return failures > threshold.count;
  return failures * 100 > threshold.percent * total;
}

/** How unreachable hosts count: as failures, not at all, or against a threshold of their own. */
export type UnreachablePolicy = { kind: 'failure' } | { kind: 'ignore' } | { kind: 'threshold'; threshold: Amount };

export interface FailurePolicy {
  /** Over the whole job. */
  maxFail?: Amount;
  /** Inside each wave (a percentage of that wave's hosts). */
  waveMaxFail?: Amount;
  unreachable: UnreachablePolicy;
}

/** Failures and unreachable hosts not yet accepted by a resume, over the job and in the current wave. */
export interface FailureCounts {
  failed: number;
  unreachable: number;
  total: number;
  waveFailed: number;
  waveUnreachable: number;
  waveTotal: number;
}

export type PauseReason = 'threshold' | 'wave_threshold' | 'unreachable_threshold' | 'canary_failed' | 'canary_diff' | 'user';

/** Which threshold (if any) the counts pass; unreachable hosts count as the policy says. */
export function thresholdReached(policy: FailurePolicy, c: FailureCounts): PauseReason | undefined {
  const asFailure = policy.unreachable.kind === 'failure';
  const failed = c.failed + (asFailure ? c.unreachable : 0);
  const waveFailed = c.waveFailed + (asFailure ? c.waveUnreachable : 0);
  if (thresholdPassed(policy.maxFail, failed, c.total)) return 'threshold';
  if (thresholdPassed(policy.waveMaxFail, waveFailed, c.waveTotal)) return 'wave_threshold';
  if (policy.unreachable.kind === 'threshold' && thresholdPassed(policy.unreachable.threshold, c.unreachable, c.total)) return 'unreachable_threshold';
  return undefined;
}

/** A finished host's result as grouping sees it. */
export interface GroupableResult {
  host: string;
  exitCode: number | null;
  /** sha256 of the host's whole output (stdout and stderr as they came). */
  outputHash: string;
}

export interface ResultGroup {
  key: string;
  exitCode: number | null;
  hosts: string[];
}

export const groupKey = (r: Pick<GroupableResult, 'exitCode' | 'outputHash'>) => `${r.exitCode ?? 'none'}:${r.outputHash}`;

/** Hosts with the same exit code and output, largest group first (then by first host), hosts in input order. */
export function groupResults(results: readonly GroupableResult[]): ResultGroup[] {
  const groups = new Map<string, ResultGroup>();
  for (const r of results) {
    const key = groupKey(r);
    const group = groups.get(key) ?? groups.set(key, { key, exitCode: r.exitCode, hosts: [] }).get(key)!;
    group.hosts.push(r.host);
  }
  return [...groups.values()].sort((a, b) => b.hosts.length - a.hosts.length);
}

/**
 * The canary-diff rule: the result groups of a wave that the canary wave did not produce. A
 * non-empty answer pauses the job for a look.
 */
export function groupsNotInCanary(canary: readonly GroupableResult[], wave: readonly GroupableResult[]): string[] {
  const seen = new Set(canary.map(groupKey));
  return [...new Set(wave.map(groupKey))].filter((key) => !seen.has(key));
}
