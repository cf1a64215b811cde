// CLI commands for access requests on the gateway host: list, approve, deny (docs/GATEWAY.md,
// "Access requests"). The running gateway notices the change within a second (its liveness loop
// watches the database) and tells the requester.
import { Option, type Command } from 'commander';
import { createAccess } from '../access';
import { requestLine } from '../menu/request-command';
import { createRequestService, type RequestService } from '../requests/service';
import { ACCESS_REQUEST_STATES, type AccessRequestState } from '../../../shared/contract/gateway-api/access';
import { cliActor } from './commands-auth';
import { CliError, type CliIo } from './cli-io';
import { cliRequestSettings, openCliStore } from './open-store';
import { jsonText } from './terminal-text';
import { parseDuration, parseTime } from './time';

export interface RequestCliContext {
  dataOption(): Option;
  dataDir(opts: { data?: string }): string;
}

function idOf(text: string): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) === 0) throw new CliError(`invalid request id "${text}": a number from request list`);
  return Number(text);
}

export function registerRequestCommands(program: Command, io: CliIo, ctx: RequestCliContext): void {
  const withRequests = <T>(opts: { data?: string }, fn: (requests: RequestService) => T): T => {
    const dir = ctx.dataDir(opts);
    const store = openCliStore(dir, io.env);
    try {
      return fn(createRequestService({ store, access: createAccess(store), settings: cliRequestSettings(dir, io.env) }));
    } finally {
      store.close();
    }
  };
  const request = program.command('request').description("users' access requests: list, approve, deny");
  request
    .command('list')
    .description('access requests, newest first (pending ones past their expiry are marked expired)')
    .addOption(ctx.dataOption())
    .addOption(new Option('--state <state>', 'only requests in this state').choices(ACCESS_REQUEST_STATES))
    .option('--user <name>', "only this user's requests")
    .option('--json', 'one JSON array')
    .action((opts: { data?: string; state?: AccessRequestState; user?: string; json?: boolean }) =>
      withRequests(opts, (requests) => {
        const list = requests.list({ requester: opts.user, state: opts.state, limit: 500 });
        if (opts.json) return io.out(jsonText(list, 2));
        if (list.length === 0) return io.out('no access requests');
        for (const r of list) io.out(requestLine(r) + (r.state === 'pending' ? ` — ${r.reason}` : ''));
      }),
    );
  request
    .command('approve <id>')
    .description('approve a pending request: its grant starts now, for the duration asked (or shorter)')
    .addOption(ctx.dataOption())
    .addOption(new Option('--for <duration>', 'a shorter window than asked, e.g. 2h').conflicts('until'))
    .option('--until <time>', 'an earlier end than asked: ISO time or ms since epoch')
    .option('--hosts <selector>', 'fewer hosts than asked (covering only hosts the request covers)')
    .action((id: string, opts: { data?: string; for?: string; until?: string; hosts?: string }) =>
      withRequests(opts, (requests) => {
        let window: { durationMs?: number; until?: number };
        try {
          window = { durationMs: opts.for === undefined ? undefined : parseDuration(opts.for), until: opts.until === undefined ? undefined : parseTime(opts.until) };
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        io.out(requestLine(requests.approve({ actor: cliActor() }, idOf(id), { ...window, hosts: opts.hosts })));
      }),
    );
  request
    .command('deny <id>')
    .description('deny a pending request; the requester sees the reason')
    .addOption(ctx.dataOption())
    .requiredOption('--reason <text>', 'why (shown to the requester)')
    .action((id: string, opts: { data?: string; reason: string }) =>
      withRequests(opts, (requests) => io.out(requestLine(requests.deny({ actor: cliActor() }, idOf(id), opts.reason)))),
    );
}
