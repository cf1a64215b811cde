// `ssh -p PORT alice@bastion batch --hosts SELECTOR [options] -- COMMAND` as batch settings. The
// options are words split on blanks ('…' or "…" may hold blanks; selectors keep their `|` and `,`);
// everything after ` -- ` is the command exactly as the client sent it, as ssh would run it on one host.
import { BATCH_LIMITS, BatchSettingsSchema, type BatchSettings } from '../../../shared/contract/gateway-api/batch';

export const BATCH_USAGE = [
  'usage: batch --hosts SELECTOR [--login ACCOUNT] [--parallel N] [--serial 1,5,20%] [--max-fail N|P%]',
  '             [--wave-max-fail N|P%] [--unreachable failure|ignore|N|P%] [--timeout S] [--no-canary-diff]',
  '             (-- COMMAND | --script < FILE)',
  'SELECTOR as in grants: host names (web-01,web-02), node:team/line or tags (env=prod,role=web|api).',
  `Defaults: --parallel 10, one wave, no threshold, unreachable hosts count as failures, --timeout 300. At most ${BATCH_LIMITS.maxHosts} hosts.`,
].join('\n');

export class BatchArgsError extends Error {}

/** Whether an exec command line asks for the batch command. */
export const isBatchCommand = (line: string) => /^\s*batch(\s|$)/.test(line);

/** Words split on blanks; '…' or "…" hold blanks (quotes removed). Also used by `ssh … request`. */
export function words(text: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

const VALUED = new Set(['--hosts', '--login', '--parallel', '--serial', '--max-fail', '--wave-max-fail', '--unreachable', '--timeout']);

/** The settings of an `ssh … batch` line; the script (with --script) comes later from stdin. Throws BatchArgsError. */
export function parseBatchArgs(line: string): { settings: BatchSettings; readsScript: boolean } {
  const dashes = line.search(/\s--(\s|$)/);
  const head = dashes < 0 ? line : line.slice(0, dashes);
  const command = dashes < 0 ? undefined : line.slice(dashes).replace(/^\s--\s?/, '');
  const [name, ...rest] = words(head);
  if (name !== 'batch') throw new BatchArgsError('not a batch command');
  const opts = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    const eq = word.indexOf('=');
    const key = eq > 0 && word.startsWith('--') ? word.slice(0, eq) : word;
    if (VALUED.has(key)) {
      const value = eq > 0 && key !== word ? word.slice(eq + 1) : rest[++i];
      if (value === undefined) throw new BatchArgsError(`${key} needs a value`);
      opts.set(key, value);
    } else if (word === '--script' || word === '--no-canary-diff') flags.add(word);
    else if (word === '--help' || word === '-h') throw new BatchArgsError('');
    else throw new BatchArgsError(`unknown option ${JSON.stringify(word)}`);
  }
  const selector = opts.get('--hosts');
  if (!selector) throw new BatchArgsError('--hosts SELECTOR is required');
  const readsScript = flags.has('--script');
  if (readsScript === (command !== undefined && command.trim() !== '')) throw new BatchArgsError('give either -- COMMAND or --script (the script on stdin)');
  const int = (key: string) => {
    const text = opts.get(key);
    if (text === undefined) return undefined;
    if (!/^\d{1,7}$/.test(text)) throw new BatchArgsError(`${key}: "${text}" is not a whole number`);
    return Number(text);
  };
  const unreachable = opts.get('--unreachable');
  const policy = unreachable === undefined || unreachable === 'failure' || unreachable === 'ignore' ? { unreachable } : { unreachable: 'threshold', unreachableMaxFail: unreachable };
  const parsed = BatchSettingsSchema.safeParse({
    selector,
    login: opts.get('--login'),
    // The script is read afterwards; a placeholder passes the schema until then.
    ...(readsScript ? { script: '\n' } : { command }),
    parallel: int('--parallel'),
    serial: opts.get('--serial'),
    maxFail: opts.get('--max-fail'),
    waveMaxFail: opts.get('--wave-max-fail'),
    ...policy,
    timeoutSec: int('--timeout'),
    canaryDiff: !flags.has('--no-canary-diff'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new BatchArgsError(`${where}${issue.message}`);
  }
  return { settings: parsed.data, readsScript };
}
