// CLI commands for login state and the audit log: user disable/enable/unlock, user totp
// enable/disable, audit verify, audit list. Registered from program.ts.
import { userInfo } from 'node:os';
import type { Command, Option } from 'commander';
import type { AuditEntry } from '../audit';
import { createUserAdmin, type UserAdmin } from '../auth/user-admin';
import type { Store } from '../store';
import { openCliStore } from './open-store';
import { registerAuditTrustCommands } from './commands-audit';
import { CliError, type CliIo } from './cli-io';
import { SafeText, jsonText, line } from './terminal-text';
import { parseDuration, parseTime } from './time';

/** The audit actor for changes made through the CLI: `admin:cli:<OS user>`. */
export function cliActor(): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER;
  }
  return `admin:cli${name ? `:${name}` : ''}`;
}

interface Helpers {
  dataOption(): Option;
  dataDir(opts: { data?: string }): string;
}

/** `now`, a time (see parseTime) or a duration back from now (`1h`, `7d`). */
function parseSince(text: string, now = Date.now()): number {
  try {
    return now - parseDuration(text);
  } catch {
    try {
      return parseTime(text, now);
    } catch {
      throw new CliError(`invalid --since "${text}": use a duration like 1h or 7d, or a time like 2026-01-31T18:00Z`);
    }
  }
}

const formatEntry = (e: AuditEntry) => line`#${e.seq} ${new Date(e.at).toISOString()} ${e.type} ${e.actor} ${new SafeText(jsonText(e.data))}`;

export function registerAuthCommands(program: Command, io: CliIo, { dataOption, dataDir }: Helpers): void {
  const withStore = <T>(opts: { data?: string }, fn: (store: Store) => T): T => {
    const store = openCliStore(dataDir(opts), io.env);
    try {
      return fn(store);
    } finally {
      store.close();
    }
  };
  const withUsers = <T>(opts: { data?: string }, fn: (admin: UserAdmin) => T): T => withStore(opts, (store) => fn(createUserAdmin(store, cliActor())));

  const user = program.commands.find((c) => c.name() === 'user')!;
  user
    .command('disable <name>')
    .description('stop a user from logging in; a serving gateway ends their live sessions within a second')
    .addOption(dataOption())
    .action((name: string, opts: { data?: string }) => withUsers(opts, (admin) => (admin.setDisabled(name, true), io.out(line`disabled ${name}`))));
  user
    .command('enable <name>')
    .description('let a disabled user log in again')
    .addOption(dataOption())
    .action((name: string, opts: { data?: string }) => withUsers(opts, (admin) => (admin.setDisabled(name, false), io.out(line`enabled ${name}`))));
  user
    .command('unlock <name>')
    .description('end a lockout after failed logins')
    .addOption(dataOption())
    .action((name: string, opts: { data?: string }) => withUsers(opts, (admin) => (admin.unlock(name), io.out(line`unlocked ${name}`))));

  const totp = user.command('totp').description('TOTP second factor (RFC 6238) after the public key');
  totp
    .command('enable <name>')
    .description('create a new TOTP secret for the user (replaces any); prints it once')
    .addOption(dataOption())
    .action((name: string, opts: { data?: string }) =>
      withUsers(opts, (admin) => {
        const { secret, uri } = admin.enableTotp(name);
        io.out(line`TOTP enabled for ${name}. Give the user this, once (it is not shown again):`);
        io.out(`  secret: ${secret}`);
        io.out(line`  uri:    ${uri}`);
      }),
    );
  totp
    .command('disable <name>')
    .description('remove the TOTP second factor')
    .addOption(dataOption())
    .action((name: string, opts: { data?: string }) => withUsers(opts, (admin) => (admin.disableTotp(name), io.out(line`TOTP disabled for ${name}`))));

  const audit = program.command('audit').description('the hash-chained audit log');
  registerAuditTrustCommands(audit, io, { dataOption, dataDir, parseSince });
  audit
    .command('list')
    .description('print audit entries, oldest first')
    .addOption(dataOption())
    .option('--json', 'one JSON object per line')
    .option('--type <type>', 'only this event type, e.g. login.failure')
    .option('--since <time>', 'only entries from this time on: a duration back (1h, 7d) or a time')
    .action((opts: { data?: string; json?: boolean; type?: string; since?: string }) => {
      const since = opts.since === undefined ? undefined : parseSince(opts.since);
      withStore(opts, (store) => {
        for (let afterSeq = 0; ; ) {
          const page = store.audit.list({ afterSeq, limit: 1000, type: opts.type });
          if (page.length === 0) break;
          for (const entry of page) {
            if (since !== undefined && entry.at < since) continue;
            io.out(opts.json ? jsonText(entry) : formatEntry(entry));
          }
          afterSeq = page[page.length - 1]!.seq;
        }
      });
    });
}
