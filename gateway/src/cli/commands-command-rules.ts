// CLI commands for command rules (docs/GATEWAY.md, "Command rules"): `rule command add|list|remove`.
// The running gateway reads the rules on each check, so a change applies to the next line typed.
import { Option, type Command } from 'commander';
import { createCommandRuleAdmin, CommandRuleError, type CommandRuleAdmin } from '../rules/command';
import { cliActor } from './commands-auth';
import { CliError, type CliIo } from './cli-io';
import { openCliStore } from './open-store';
import { jsonText, tableLines } from './terminal-text';

export interface CommandRuleCliContext {
  dataOption(): Option;
  dataDir(opts: { data?: string }): string;
}

export function registerCommandRuleCommands(program: Command, io: CliIo, ctx: CommandRuleCliContext): void {
  const withRules = <T>(opts: { data?: string }, fn: (rules: CommandRuleAdmin) => T): T => {
    const store = openCliStore(ctx.dataDir(opts), io.env);
    try {
      return fn(createCommandRuleAdmin(store, cliActor()));
    } catch (error) {
      if (error instanceof CommandRuleError) throw new CliError(error.message);
      throw error;
    } finally {
      store.close();
    }
  };
  // `rule` may be shared with other kinds of rules: created once, whoever comes first.
  const rule = program.commands.find((c) => c.name() === 'rule') ?? program.command('rule').description('login and command rules');
  const command = rule.command('command').description('command rules: lines matching a pattern are rejected or need confirming (an audit aid, not a sandbox)');
  command
    .command('add')
    .description('add a command rule for the hosts a selector matches')
    .addOption(ctx.dataOption())
    .requiredOption('--hosts <selector>', '"*", host names (web-01,web-02), node:team/line/service, or tags (env=prod,role=web|api)')
    .requiredOption('--pattern <text>', 'a program name and, if you like, its first arguments (rm, "systemctl stop"), or a regex with --regex')
    .option('--regex', "the pattern is a regular expression over a command's words, anchored at the program name")
    .addOption(new Option('--action <action>', 'reject: the line is not sent; confirm: the user must confirm it').choices(['reject', 'confirm']).makeOptionMandatory())
    .action((opts: { data?: string; hosts: string; pattern: string; regex?: boolean; action: 'reject' | 'confirm' }) =>
      withRules(opts, (rules) => {
        const added = rules.add({ hosts: opts.hosts, pattern: opts.pattern, regex: !!opts.regex, action: opts.action });
        io.out(`added command rule ${added.id}: ${added.action} ${added.regex ? `/${added.pattern}/` : JSON.stringify(added.pattern)} on ${added.hosts}`);
      }),
    );
  command
    .command('list')
    .description('the command rules, oldest first')
    .addOption(ctx.dataOption())
    .option('--json', 'one JSON array')
    .action((opts: { data?: string; json?: boolean }) =>
      withRules(opts, (rules) => {
        const list = rules.list();
        if (opts.json) return io.out(jsonText(list, 2));
        if (list.length === 0) return io.out('no command rules');
        const rows = list.map((r) => [String(r.id), r.action, r.regex ? 'regex' : 'literal', r.hosts, r.pattern]);
        for (const l of tableLines([['ID', 'ACTION', 'KIND', 'HOSTS', 'PATTERN'], ...rows])) io.out(l);
      }),
    );
  command
    .command('remove <id>')
    .description('remove a command rule')
    .addOption(ctx.dataOption())
    .action((id: string, opts: { data?: string }) =>
      withRules(opts, (rules) => {
        if (!/^\d{1,15}$/.test(id)) throw new CliError(`invalid rule id "${id}": a number from rule command list`);
        const removed = rules.remove(Number(id));
        io.out(`removed command rule ${removed.id}`);
      }),
    );
}
