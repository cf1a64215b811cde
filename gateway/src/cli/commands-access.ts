// CLI commands for who may reach what: grants and groups.
import { Option, type Command } from 'commander';
import type { GrantView } from '../store';
import { CliError, type CliContext } from './cli-io';
import { jsonText, line } from './terminal-text';
import { parseDuration, parseTime } from './time';

const SELECTOR_HELP = '"*", host names (web-01,web-02), node:team/line/service, or tags (env=prod,role=web|api)';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function grantLine(g: GrantView): string {
  const window = `${g.notBefore === null ? '' : `from ${iso(g.notBefore)} `}${g.notAfter === null ? 'no end' : `until ${iso(g.notAfter)}`}`;
  return line`${String(g.id).padStart(4)}  ${g.subject.kind} ${g.subject.name}  ${g.login}@${g.hosts}  ${window}`;
}

export function registerAccessCommands(program: Command, { io, dataOption, withAdmin }: CliContext): void {
  const grant = program.command('grant').description('manage grants (deny by default: nothing is reachable without one)');
  grant
    .command('add')
    .description('let a user or a group log in to hosts as an account, for a time window')
    .addOption(dataOption())
    .addOption(new Option('--user <name>', 'the user it is for').conflicts('group'))
    .option('--group <name>', 'the group it is for (every member)')
    .requiredOption('--hosts <selector>', SELECTOR_HELP)
    .requiredOption('--login <account>', 'login account on the targets')
    .option('--from <time>', 'start: now, ISO time or ms since epoch (default now)')
    .addOption(new Option('--until <time>', 'end (exclusive): ISO time or ms since epoch').conflicts('for'))
    .option('--for <duration>', 'length, e.g. 8h, 7d, 1h30m')
    .action((opts: { data?: string; user?: string; group?: string; hosts: string; login: string; from?: string; until?: string; for?: string }) =>
      withAdmin(opts, (admin) => {
        if (!opts.user && !opts.group) throw new CliError('give --user NAME or --group NAME');
        if (!opts.until && !opts.for) throw new CliError('give --until TIME or --for DURATION: grants must end');
        let from: number | undefined;
        let until: number;
        try {
          from = opts.from === undefined ? undefined : parseTime(opts.from);
          until = opts.until ? parseTime(opts.until) : (from ?? Date.now()) + parseDuration(opts.for!);
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        const subject = opts.user !== undefined ? { user: opts.user } : { group: opts.group! };
        const added = admin.addGrant({ ...subject, hosts: opts.hosts, login: opts.login, from, until });
        const fromText = added.notBefore === null ? 'now' : iso(added.notBefore);
        const who = opts.user !== undefined ? opts.user : `group ${opts.group!}`;
        io.out(line`granted ${who} ${opts.login}@${added.hosts} from ${fromText} until ${iso(added.notAfter)} (grant ${added.id})`);
      }),
    );
  grant
    .command('list')
    .description('list grants (including ended ones), oldest first')
    .addOption(dataOption())
    .option('--user <name>', "only the grants that reach this user (own and through the user's groups)")
    .option('--json', 'one JSON array')
    .action((opts: { data?: string; user?: string; json?: boolean }) =>
      withAdmin(opts, (admin) => {
        const grants = admin.listGrants({ user: opts.user });
        if (opts.json) {
          const rows = grants.map((g) => ({ id: g.id, subject: g.subject, hosts: g.hosts, login: g.login, from: iso(g.notBefore), until: iso(g.notAfter), created: iso(g.createdAt) }));
          io.out(jsonText(rows, 2));
          return;
        }
        if (grants.length === 0) io.out('no grants');
        for (const g of grants) io.out(grantLine(g));
      }),
    );
  grant
    .command('revoke <id>')
    .description('remove a grant; live sessions that relied on it end within seconds, with a message')
    .addOption(dataOption())
    .action((id: string, opts: { data?: string }) =>
      withAdmin(opts, (admin) => {
        if (!/^\d+$/.test(id)) throw new CliError(`invalid grant id "${id}": a number from grant list`);
        const revoked = admin.revokeGrant(Number(id));
        io.out(line`revoked grant ${revoked.id} (${revoked.subject.kind} ${revoked.subject.name} ${revoked.login}@${revoked.hosts})`);
      }),
    );

  const group = program.command('group').description('manage groups of users (grants to a group reach every member)');
  group
    .command('add <name>')
    .description('add a group')
    .addOption(dataOption())
    .action((name: string, opts: { data?: string }) =>
      withAdmin(opts, (admin) => {
        admin.addGroup(name);
        io.out(line`added group ${name}`);
      }),
    );
  group
    .command('list')
    .description('list groups with their members')
    .addOption(dataOption())
    .option('--json', 'one JSON array')
    .action((opts: { data?: string; json?: boolean }) =>
      withAdmin(opts, (admin) => {
        const groups = admin.listGroups();
        if (opts.json) return io.out(jsonText(groups, 2));
        if (groups.length === 0) io.out('no groups');
        for (const g of groups) io.out(line`${g.name}: ${g.members.join(', ') || '(no members)'}`);
      }),
    );
  const member = group.command('member').description('manage the members of a group');
  member
    .command('add <group> <user>')
    .description('add a user to a group (a user may be in several)')
    .addOption(dataOption())
    .action((groupName: string, userName: string, opts: { data?: string }) =>
      withAdmin(opts, (admin) => {
        admin.addGroupMember(groupName, userName);
        io.out(line`${userName} is a member of ${groupName}`);
      }),
    );
  member
    .command('remove <group> <user>')
    .description("remove a user from a group; their live sessions that relied on the group's grants end")
    .addOption(dataOption())
    .action((groupName: string, userName: string, opts: { data?: string }) =>
      withAdmin(opts, (admin) => {
        admin.removeGroupMember(groupName, userName);
        io.out(line`${userName} is no longer a member of ${groupName}`);
      }),
    );
}
