// CLI commands for login rules (docs/GATEWAY.md, "Login rules"): `rule login add`, `rule list`,
// `rule remove`. The running gateway sees a change within a second (its liveness loop watches the
// database) and re-checks live connections against it.
import type { Command, Option } from 'commander';
import type { LoginRule } from '../../../shared/contract/gateway-api/login-rules';
import { createLoginRuleAdmin, type LoginRuleAdmin } from '../rules/login';
import { cliActor } from './commands-auth';
import { collect, CliError, type CliIo } from './cli-io';
import { openCliStore } from './open-store';
import { jsonText, line } from './terminal-text';

export interface RuleCliContext {
  dataOption(): Option;
  dataDir(opts: { data?: string }): string;
}

export function loginRuleLine(r: LoginRule): string {
  const from = r.cidrs.length === 0 ? 'any address' : r.cidrs.join(', ');
  return line`${String(r.id).padStart(4)}  login  ${r.subject.kind} ${r.subject.name}  from ${from}  ${r.days} ${r.hours ?? 'all day'} ${r.timeZone}`;
}

/** The `rule` command, shared by every kind of rule (whichever registers first creates it). */
export function ruleCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'rule') ?? program.command('rule').description('login rules: who may log in from where and when');
}

export function registerRuleCommands(program: Command, io: CliIo, ctx: RuleCliContext): void {
  const withRules = <T>(opts: { data?: string }, fn: (rules: LoginRuleAdmin) => T): T => {
    const store = openCliStore(ctx.dataDir(opts), io.env);
    try {
      return fn(createLoginRuleAdmin(store, cliActor()));
    } finally {
      store.close();
    }
  };
  const rule = ruleCommand(program);
  rule
    .command('login')
    .description('login rules')
    .command('add')
    .description('allow a user or group to log in only from these networks, on these days, in these hours (any one of their rules suffices)')
    .addOption(ctx.dataOption())
    .option('--user <name>', 'the user it is for')
    .option('--group <name>', 'the group it is for (every member)')
    .option('--cidr <network>', 'a source network, e.g. 10.0.0.0/8 or 2001:db8::/32 (repeatable; default any)', collect, [])
    .option('--days <days>', 'weekdays, e.g. mon-fri or mon,wed,fri (default every day)')
    .option('--hours <range>', 'HH:MM-HH:MM, may cross midnight, e.g. 08:00-20:00 or 22:00-06:00 (default all day)')
    .option('--tz <zone>', 'IANA time zone the days and hours are in, e.g. Europe/Berlin', 'UTC')
    .action((opts: { data?: string; user?: string; group?: string; cidr: string[]; days?: string; hours?: string; tz: string }) =>
      withRules(opts, (rules) => {
        if ((opts.user === undefined) === (opts.group === undefined)) throw new CliError('give --user NAME or --group NAME (one of them)');
        const subject = opts.user !== undefined ? { user: opts.user } : { group: opts.group! };
        const added = rules.add({ ...subject, cidrs: opts.cidr, days: opts.days, hours: opts.hours, timeZone: opts.tz });
        io.out(line`added login rule ${String(added.id)}`);
        io.out(loginRuleLine(added));
      }),
    );
  rule
    .command('list')
    .description('list the rules, oldest first')
    .addOption(ctx.dataOption())
    .option('--json', 'one JSON array')
    .action((opts: { data?: string; json?: boolean }) =>
      withRules(opts, (rules) => {
        const list = rules.list();
        if (opts.json) return io.out(jsonText(list.map((r) => ({ ...r, kind: 'login', createdAt: new Date(r.createdAt).toISOString() })), 2));
        if (list.length === 0) io.out('no login rules: every user may log in from anywhere at any time');
        for (const r of list) io.out(loginRuleLine(r));
      }),
    );
  rule
    .command('remove <id>')
    .description('remove a rule; live connections are re-checked within a second')
    .addOption(ctx.dataOption())
    .action((id: string, opts: { data?: string }) =>
      withRules(opts, (rules) => {
        if (!/^\d{1,15}$/.test(id) || Number(id) === 0) throw new CliError(`invalid rule id "${id}": a number from rule list`);
        const removed = rules.remove(Number(id));
        io.out(line`removed login rule ${String(removed.id)}`);
      }),
    );
}
