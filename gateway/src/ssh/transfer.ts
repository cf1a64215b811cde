// What a file transfer looks like at the gateway, and its refusal. SFTP (`sftp`, and `scp` in its
// default SFTP mode) asks for the `sftp` subsystem; legacy `scp -O` runs `scp -t PATH` (upload) or
// `scp -f PATH` (download) as an exec on the target. With `transfer.policy: deny` (the default) both
// are stopped here, before anything reaches the target; with `allow` SFTP goes to the session core
// (relayed, each file audited: gateway/src/transfer) and legacy scp is still stopped, pointing to
// SFTP mode. The channel is accepted so the user reads why on stderr (a rejected subsystem only
// shows "subsystem request failed"), and the refusal is audited as `transfer.refused`, counted per user.
import type { AuditRepeats } from '../audit/repeats';
import { shellWords } from './shell-words';

export const SFTP_SUBSYSTEM = 'sftp';

export const TRANSFER_REFUSED = 'portcullis: file transfer (sftp, scp) through the gateway is disabled by the administrator.';

/**
 * `allow` relays SFTP only: legacy scp's own protocol is not followed file by file, so it is refused
 * with the way that works (OpenSSH's scp uses SFTP unless told -O).
 */
export const LEGACY_SCP_REFUSED = 'portcullis: legacy scp (scp -O) is not relayed through the gateway; use scp without -O (its default SFTP mode) or sftp.';

/** `transfer.policy`: deny refuses sftp and scp; allow relays SFTP with a record per file. */
export type TransferPolicy = 'deny' | 'allow';

/** `upload`: to the target (`scp -t`); `download`: from it (`scp -f`). */
export type TransferDirection = 'upload' | 'download';

export interface TransferAttempt {
  protocol: 'sftp' | 'scp';
  direction?: TransferDirection;
}

// scp's own options that take an argument (OpenSSH scp.c getopt string): their value is not a flag.
const SCP_OPTIONS_WITH_VALUE = new Set(['c', 'D', 'F', 'i', 'J', 'l', 'o', 'P', 'S', 'X']);
/** `VAR=value` before a command, and words that run the rest as the command (`exec scp -t x`, `{ scp -t x; }`). */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const PASS_THROUGH = new Set(['exec', 'command', 'env', 'nice', 'nohup', 'time', '!', '{', 'if', 'then', 'else', 'elif', 'do', 'while', 'until']);

/** The direction of an `scp` server-mode invocation (`-t`/`-f` among its options), else undefined. */
function scpServerDirection(args: string[]): TransferDirection | undefined {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--' || !word.startsWith('-') || word === '-') return undefined;
    for (let c = 1; c < word.length; c++) {
      const flag = word[c]!;
      if (flag === 't') return 'upload';
      if (flag === 'f') return 'download';
      if (SCP_OPTIONS_WITH_VALUE.has(flag)) {
        if (c === word.length - 1) i++; // the value is the next word
        break;
      }
    }
  }
  return undefined;
}

/** The simple command's program after assignments and pass-through words, with its arguments. */
function program(words: string[]): { name: string; args: string[] } | undefined {
  let i = 0;
  while (i < words.length && (ASSIGNMENT.test(words[i]!) || PASS_THROUGH.has(words[i]!))) i++;
  const name = words[i];
  return name === undefined ? undefined : { name: name.slice(name.lastIndexOf('/') + 1), args: words.slice(i + 1) };
}

/**
 * Whether an exec command runs scp's server side (legacy `scp -O` sends `scp -t …` or `scp -f …`),
 * in any of its simple commands (`cd /tmp && scp -t x`). Words are parsed as a shell would split
 * them, so `echo scp -t x` or `grep 'scp -t'` is not a transfer.
 */
export function scpTransferIn(command: string): TransferAttempt | undefined {
  for (const words of shellWords(command)) {
    const run = program(words);
    if (run?.name !== 'scp') continue;
    const direction = scpServerDirection(run.args);
    if (direction) return { protocol: 'scp', direction };
  }
  return undefined;
}

export interface TransferAuditDeps {
  user: string;
  repeats: AuditRepeats;
  onAuditError?(error: unknown): void;
}

/** Audits a refused transfer, counted per user (a script may retry many times); never throws. */
export function auditTransferRefused(deps: TransferAuditDeps, attempt: TransferAttempt, target: string | undefined): void {
  try {
    const data = { ...(target !== undefined && { target }), ...attempt };
    deps.repeats.record({ type: 'transfer.refused', actor: deps.user, data }, { user: deps.user });
  } catch (error) {
    deps.onAuditError?.(error);
  }
}
