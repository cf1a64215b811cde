// CLI: `recording bundle SESSION-ID --out FILE` (a session's signed evidence bundle) and
// `bundle verify FILE [--public-key KEY]`, which needs no data dir: a reviewer runs it anywhere.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { BundleError, writeBundle } from '../review/bundle';
import { verifyBundle } from '../review/bundle-verify';
import { HOST_KEY_FILE, loadOrCreateHostKey } from '../ssh/host-key';
import { CliError, ExitStatus, type CliIo } from './cli-io';
import type { CliContext } from './commands-sessions';
import { openCliStore } from './open-store';

export function registerReviewCommands(program: Command, io: CliIo, ctx: CliContext): void {
  const recording = program.commands.find((c) => c.name() === 'recording') ?? program.command('recording');
  recording
    .command('bundle <session-id>')
    .description("write a session's evidence bundle: recording, commands, audit rows and their chain links, signed by the gateway's key")
    .addOption(ctx.dataOption())
    .requiredOption('--out <file>', 'the bundle file to write (0600)')
    .action(async (id: string, opts: { data?: string; out: string }) => {
      const dir = ctx.dataDir(opts);
      if (!existsSync(join(dir, HOST_KEY_FILE))) throw new CliError(`no gateway host key in ${dir}: run init first`);
      const store = openCliStore(dir, io.env);
      try {
        const made = await writeBundle({ db: store.db, audit: store.audit, dataDir: dir, hostKey: loadOrCreateHostKey(dir) }, id, opts.out);
        io.err(`wrote ${opts.out}: ${made.size} bytes, SHA-256 ${made.sha256}, signed by ${made.fingerprint}`);
      } catch (error) {
        if (error instanceof BundleError) throw new CliError(error.message);
        throw error;
      } finally {
        store.close();
      }
    });

  program
    .command('bundle')
    .description('evidence bundles')
    .command('verify <file>')
    .description('check an evidence bundle offline (no data dir): OK, or exactly what was altered; exit 1 when anything was')
    .option('--public-key <file>', "the gateway's public key (default: the one the bundle embeds; compare its fingerprint with one you trust)")
    .action((file: string, opts: { publicKey?: string }) => {
      const read = (path: string, what: string) => {
        try {
          return readFileSync(path, 'utf8');
        } catch (error) {
          throw new CliError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
      };
      const report = verifyBundle(read(file, 'the bundle'), opts.publicKey === undefined ? undefined : read(opts.publicKey, 'the public key').trim());
      io.out(`${report.ok ? 'OK' : 'ALTERED'}: session ${report.session ?? '?'}, key ${report.fingerprint ?? '?'}${opts.publicKey ? ' (given)' : ' (embedded: compare it with a fingerprint you trust)'}`);
      for (const fact of report.facts) io.out(`  ok: ${fact}`);
      for (const problem of report.problems) io.out(`  ALTERED: ${problem}`);
      if (!report.ok) throw new ExitStatus(1);
    });
}
