// CLI: `audit verify` (the chain, its signed checkpoints, a head saved elsewhere, the recordings
// and command logs sealed into it, the append-only triggers) and `audit export` (JSON lines for a
// SIEM, with --since and --follow). Registered from commands-auth.ts's `audit` command.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { CHECKPOINT_FILE, verifyCheckpoints } from '../audit/checkpoints';
import { verifyEvidence } from '../tamper/evidence';
import { missingAuditTriggers } from '../audit/triggers';
import { HOST_KEY_FILE, loadOrCreateHostKey } from '../ssh/host-key';
import type { Store } from '../store';
import { openCliStore } from './open-store';
import { CliError, ExitStatus, type CliIo } from './cli-io';

interface Helpers {
  dataOption(): Option;
  dataDir(opts: { data?: string }): string;
  parseSince(text: string): number;
}

interface VerifyOptions {
  data?: string;
  head?: string;
  publicKey?: string;
}

/** Every check `audit verify` makes, as lines; `tampered` when any failed. */
async function verifyAll(store: Store, dataDir: string, opts: VerifyOptions): Promise<{ lines: string[]; tampered: boolean }> {
  const lines: string[] = [];
  let tampered = false;
  const bad = (line: string) => {
    tampered = true;
    lines.push(`TAMPERED: ${line}`);
  };
  const chain = store.audit.verify();
  if (chain.ok) lines.push(`OK: ${chain.entries} entries, head ${chain.head}`);
  else bad(`entry #${chain.seq}: ${chain.problem}`);

  for (const name of missingAuditTriggers(store.db)) bad(`trigger ${name} is missing: rows could be edited or deleted (the gateway restores it at start)`);

  if (opts.head !== undefined) {
    const hash = opts.head.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new CliError(`invalid --head "${opts.head}": expected a SHA-256 hash as audit verify prints it`);
    const at = store.db.prepare('SELECT seq FROM audit_log WHERE hash = ?').pluck().get(hash) as number | undefined;
    if (at === undefined) bad(`no entry has the head ${hash} saved elsewhere: the chain was rewritten or cut before it`);
    else lines.push(`head ${hash.slice(0, 12)}… is entry #${at}`);
  }

  const publicKey = opts.publicKey ? readFileSync(opts.publicKey, 'utf8').trim() : existsSync(join(dataDir, HOST_KEY_FILE)) ? loadOrCreateHostKey(dataDir).publicKey : undefined;
  if (!publicKey) lines.push('checkpoints: not checked (no host key in the data dir; give --public-key FILE)');
  else {
    const cps = verifyCheckpoints(store.audit, publicKey, join(dataDir, CHECKPOINT_FILE));
    for (const p of cps.problems) bad(`${CHECKPOINT_FILE} line ${p.line}: ${p.problem}`);
    if (cps.problems.length === 0) lines.push(`checkpoints: ${cps.checked} signed, all match the chain`);
  }

  const evidence = await verifyEvidence(store.db, store.audit, dataDir);
  for (const p of evidence.problems) bad(`session ${p.session} (entry #${p.seq}): ${p.problem}`);
  if (evidence.problems.length === 0) lines.push(`sessions: ${evidence.sessions} ended, recordings and command logs match their seals`);
  return { lines, tampered };
}

export function registerAuditTrustCommands(audit: Command, io: CliIo, h: Helpers): void {
  audit
    .command('verify')
    .description('check the chain, its signed checkpoints, the sealed recordings and command logs, the triggers; exit 1 on any problem')
    .addOption(h.dataOption())
    .option('--head <hash>', 'a head hash saved elsewhere earlier: it must still be in the chain')
    .option('--public-key <file>', "the gateway host key's public half (default: the data dir's host key)")
    .action(async (opts: VerifyOptions) => {
      const dir = h.dataDir(opts);
      const store = openCliStore(dir, io.env);
      let result: { lines: string[]; tampered: boolean };
      try {
        result = await verifyAll(store, dir, opts);
      } finally {
        store.close();
      }
      for (const line of result.lines) io.out(line);
      if (result.tampered) throw new ExitStatus(1);
    });

  audit
    .command('export')
    .description('print audit entries as JSON lines (for a SIEM), oldest first; --follow keeps printing new ones')
    .addOption(h.dataOption())
    .option('--since <time>', 'only entries from this time on: a duration back (1h, 7d) or a time')
    .option('--after <seq>', 'only entries after this sequence number (resume an export)')
    .option('--follow', 'keep running and print entries as they are appended, until SIGTERM/SIGINT')
    .action(async (opts: { data?: string; since?: string; after?: string; follow?: boolean }) => {
      const since = opts.since === undefined ? undefined : h.parseSince(opts.since);
      if (opts.after !== undefined && !/^\d+$/.test(opts.after)) throw new CliError(`invalid --after "${opts.after}": a sequence number`);
      const store = openCliStore(h.dataDir(opts), io.env);
      let stopped = false;
      const stop = opts.follow ? io.stopSignal().then(() => void (stopped = true)) : undefined;
      try {
        let afterSeq = Number(opts.after ?? 0);
        for (;;) {
          const page = store.audit.list({ afterSeq, limit: 1000 });
          for (const entry of page) if (since === undefined || entry.at >= since) io.out(JSON.stringify(entry));
          if (page.length > 0) afterSeq = page.at(-1)!.seq;
          if (page.length === 1000) continue;
          if (!opts.follow || stopped) break;
          await Promise.race([stop, new Promise((r) => setTimeout(r, FOLLOW_POLL_MS))]);
          if (stopped) break;
        }
      } finally {
        store.close();
      }
    });
}

/** How often `audit export --follow` looks for new entries. */
export const FOLLOW_POLL_MS = 500;
