// `ssh -p PORT alice@bastion request …` (no target): access requests from plain OpenSSH.
//   request --hosts SELECTOR --login ACCOUNT --for DURATION --reason TEXT   → the new request's id and state
//   request list [--json]                                                    → the caller's requests, newest first
//   request cancel ID                                                        → withdraws a pending request
// The reason runs to the next option or the end of the line (the local shell has already taken
// its quotes away). Exit status 0 when done, 1 when refused, 2 for a usage error.
import type { ServerChannel } from 'ssh2';
import type { AccessRequest } from '../../../shared/contract/gateway-api/access';
import { words } from '../batch/cli-args';
import { parseDuration } from '../cli/time';
import { jsonText, line as safeLine } from '../cli/terminal-text';
import { RequestError } from '../requests/errors';
import type { RequestService } from '../requests/service';
import { finishExec } from './finish-exec';

export const REQUEST_USAGE = [
  'usage: request --hosts SELECTOR --login ACCOUNT --for DURATION --reason TEXT',
  '       request list [--json]',
  '       request cancel ID',
  'SELECTOR as in grants: host names (web-01,web-02), node:team/line or tags (env=prod,role=web|api); DURATION e.g. 30m, 8h, 2d.',
].join('\n');

export const isRequestCommand = (line: string) => /^\s*request(\s|$)/.test(line);

const OPTIONS = new Set(['--hosts', '--login', '--for', '--reason']);
class UsageError extends Error {}

const iso = (t: number | null) => (t === null ? '-' : new Date(t).toISOString());

/** One request as a line: id, state, what, and the decision's reason. */
export function requestLine(r: AccessRequest): string {
  const decided = r.state === 'pending' ? `expires ${iso(r.expiresAt)}` : `${r.state} by ${r.decidedBy ?? '?'} ${iso(r.decidedAt)}`;
  const granted = r.grant ? `, granted ${r.grant.hosts} until ${iso(r.grant.until)}` : '';
  const why = r.decisionReason ? `: ${r.decisionReason}` : '';
  return safeLine`request ${r.id} ${r.state}: ${r.requester} ${r.login}@${r.hosts} for ${Math.round(r.durationMs / 60_000)} min (${decided}${granted})${why}`;
}

function parseCreate(rest: string[]) {
  const opts = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (!OPTIONS.has(word)) throw new UsageError(`unknown option ${JSON.stringify(word)}`);
    const values: string[] = [];
    // The reason takes every word up to the next option; the others take one word.
    while (i + 1 < rest.length && !OPTIONS.has(rest[i + 1]!) && (word === '--reason' || values.length === 0)) values.push(rest[++i]!);
    if (values.length === 0) throw new UsageError(`${word} needs a value`);
    opts.set(word, values.join(' '));
  }
  const missing = [...OPTIONS].filter((o) => !opts.has(o));
  if (missing.length) throw new UsageError(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required`);
  let durationMs: number;
  try {
    durationMs = parseDuration(opts.get('--for')!);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { hosts: opts.get('--hosts')!, login: opts.get('--login')!, durationMs, reason: opts.get('--reason')! };
}

export function runRequestCommand(channel: ServerChannel, user: string, line: string, requests: RequestService): void {
  const [, sub, ...rest] = words(line);
  try {
    if (sub === 'list') {
      if (rest.some((w) => w !== '--json')) throw new UsageError('request list takes only --json');
      const mine = requests.list({ requester: user, limit: 100 });
      if (rest.includes('--json')) return finishExec(channel, [jsonText(mine)], [], 0);
      return finishExec(channel, mine.length ? mine.map(requestLine) : ['no access requests'], [], 0);
    }
    if (sub === 'cancel') {
      if (rest.length !== 1 || !/^\d{1,15}$/.test(rest[0]!)) throw new UsageError('request cancel takes the id of one of your requests');
      return finishExec(channel, [requestLine(requests.cancel(user, Number(rest[0])))], [], 0);
    }
    if (sub === undefined || sub === '--help' || sub === '-h') throw new UsageError('');
    return finishExec(channel, [requestLine(requests.create(user, parseCreate([sub, ...rest])))], [], 0);
  } catch (error) {
    if (error instanceof UsageError) return finishExec(channel, [], [error.message ? `portcullis: request: ${error.message}\n${REQUEST_USAGE}` : REQUEST_USAGE], 2);
    if (error instanceof RequestError) return finishExec(channel, [], [`portcullis: request: ${error.message}`], 1);
    throw error;
  }
}
