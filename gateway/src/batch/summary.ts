// The summary `ssh … batch` prints when a job ends or pauses: counts, identical outputs folded
// ("47 hosts: same output", as `clush -b` does), then each host that did not succeed and why.
import type { BatchHostReason, BatchJob } from '../../../shared/contract/gateway-api/batch';
import type { BatchJobDetail } from './service';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const listed = (hosts: readonly string[], max = 20) => hosts.slice(0, max).join(', ') + (hosts.length > max ? `, … (${hosts.length - max} more)` : '');

const PAUSE_WORDS: Record<NonNullable<BatchJob['pausedReason']>, string> = {
  threshold: 'the failure threshold was passed',
  wave_threshold: "a wave's failure threshold was passed",
  unreachable_threshold: 'the unreachable threshold was passed',
  canary_failed: 'the canary failed',
  canary_diff: 'a wave brought a result the canary did not',
  user: 'paused by hand',
};

const REASON_WORDS: Record<BatchHostReason, string> = {
  no_grant: 'no grant',
  login_not_granted: 'login not granted',
  several_logins: 'several logins granted: name one',
  command_rule: 'a command rule',
  no_credential: 'the gateway holds no credential for the login',
  recording_failed: 'the recording could not start',
};

export function summaryLines({ job, hosts, groups }: Pick<BatchJobDetail, 'job' | 'hosts' | 'groups'>): string[] {
  const counts = Object.entries(job.counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status.replace('_', ' ')}`)
    .join(', ');
  const lines = [`--- batch ${job.id}: ${plural(hosts.length, 'host')}: ${counts}`];
  for (const g of groups) lines.push(`${plural(g.hosts.length, 'host')}: ${g.hosts.length > 1 ? 'same output, ' : ''}exit ${g.exitCode ?? '-'}: ${listed(g.hosts)}`);
  for (const h of hosts) {
    if (h.status === 'ok' || h.status === 'pending') continue;
    const why = h.firstError ?? (h.exitSignal ? `signal ${h.exitSignal}` : h.exitCode !== null ? `exit ${h.exitCode}` : '');
    const reason = h.reason ? ` (${REASON_WORDS[h.reason]})` : '';
    lines.push(`${h.status.replace('_', ' ')}${reason}: ${h.host}${why ? `: ${why}` : ''}`);
  }
  if (job.state === 'paused') {
    lines.push(`job ${job.id} is paused (${PAUSE_WORDS[job.pausedReason ?? 'user']}); resume, skip the failed, retry them or cancel it in the app (batch.control).`);
  }
  return lines;
}

/** 0 only when every host succeeded. */
export const exitStatusOf = (job: BatchJob) => (job.counts.ok === Object.values(job.counts).reduce((a, b) => a + b, 0) ? 0 : 1);
