// CLI: `sessions terminate` — ends a live session (or one open port forward) of the running gateway,
// through its control socket (../control/), and returns once it has ended. (`sessions list --live` reads the
// database: ./commands-sessions.ts.)
import type { Command, Option } from 'commander';
import { ControlError, controlRequest } from '../control/client';
import { TERMINATE_REASON_MAX } from '../../../shared/contract/gateway-api/live';
import { CliError, type CliIo } from './cli-io';
import { cliActor } from './commands-auth';
import { line } from './terminal-text';

export function registerLiveCommands(program: Command, io: CliIo, ctx: { dataOption(): Option; dataDir(opts: { data?: string }): string }): void {
  const sessions = program.commands.find((c) => c.name() === 'sessions') ?? program.command('sessions');
  sessions
    .command('terminate <session-id>')
    .description('end a live session now (the user reads who ended it and why in their terminal), or one open port forward (its id in `sessions list --live`)')
    .addOption(ctx.dataOption())
    .requiredOption('--reason <text>', `why, shown to the user and kept in the audit log (at most ${TERMINATE_REASON_MAX} characters)`)
    .action(async (id: string, opts: { data?: string; reason: string }) => {
      const reason = opts.reason.trim();
      if (!reason) throw new CliError('--reason must not be empty');
      if (reason.length > TERMINATE_REASON_MAX) throw new CliError(`--reason is longer than ${TERMINATE_REASON_MAX} characters`);
      let answer;
      try {
        answer = await controlRequest(ctx.dataDir(opts), { op: 'terminate', sessionId: id, reason, actor: cliActor() });
      } catch (error) {
        if (error instanceof ControlError) throw new CliError(error.message);
        throw error;
      }
      if (!answer.ok) throw new CliError(answer.error.message);
      const what = answer.kind === 'forward' ? 'port forward' : 'session';
      io.out(line`${what} ${id} terminated; it ended at ${new Date(answer.endedAt).toISOString()}`);
    });
}
