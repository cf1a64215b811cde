// The `portcullis-gateway` command line: a thin layer over startGateway() and the admin functions.
import { Command, CommanderError, Option } from 'commander';
import { AdminError, openGatewayAdmin, type GatewayAdmin } from '../admin';
import { registerAccessCommands } from './commands-access';
import { DATA_ENV } from '../config';
import { registerRunCommands } from './commands-run';
import { cliActor, registerAuthCommands } from './commands-auth';
import { CliError, collect, ExitStatus, type CliIo } from './cli-io';
import { cliAdminOptions } from './open-store';
import { keyFilesOption, readFileArg, readKeyFiles } from './read-file';
import { keyHint, registerUserCommands } from './commands-users';
import { registerSessionCommands } from './commands-sessions';
import { registerLiveCommands } from './commands-live';
import { registerReviewCommands } from './commands-review';
import { registerRequestCommands } from './commands-requests';
import { registerInventoryCommands } from './commands-inventory';
import { registerRuleCommands } from './commands-rules';
import { registerCommandRuleCommands } from './commands-command-rules';
import { line, safeLines } from './terminal-text';

export { DATA_ENV };

export { CliError, ExitStatus, type CliContext, type CliIo } from './cli-io';

function parseTag(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new CliError(`invalid --tag "${text}": expected KEY=VALUE`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

function parseNode(text: string): string[] {
  const path = text.split('/').filter((s) => s !== '');
  if (path.length === 0) throw new CliError(`invalid --node "${text}": expected a path like team/line/service`);
  return path;
}

export function buildProgram(io: CliIo): Command {
  const program = new Command('portcullis-gateway')
    .description('Portcullis gateway: the audited SSH jump host')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) }) // each line made safe by terminalSafeIo
    .exitOverride();

  const dataOption = () => new Option('--data <dir>', `data directory (default: $${DATA_ENV})`);
  const dataDir = (opts: { data?: string }): string => {
    const dir = opts.data ?? io.env[DATA_ENV];
    if (!dir) throw new CliError(`no data directory: pass --data DIR or set ${DATA_ENV}`);
    return dir;
  };
  const withAdmin = async <T>(opts: { data?: string }, fn: (admin: GatewayAdmin) => T | Promise<T>): Promise<T> => {
    const admin = openGatewayAdmin(dataDir(opts), { actor: cliActor(), ...cliAdminOptions(dataDir(opts), io.env) });
    try {
      return await fn(admin);
    } finally {
      admin.close();
    }
  };

  registerRunCommands(program, io, dataOption, dataDir);

  const user = program.command('user').description('manage users');
  user
    .command('add <name>')
    .description('add a user who logs in with the given public key(s)')
    .addOption(dataOption())
    .option('--role <role>', 'admin, security or operator (repeatable; default operator)', collect)
    .addOption(keyFilesOption())
    .action((name: string, opts: { data?: string; role?: string[]; key?: string[] }) =>
      withAdmin(opts, (admin) => {
        const added = admin.addUser({ name, roles: (opts.role ?? ['operator']) as never, publicKeys: readKeyFiles(opts.key ?? []) });
        io.out(line`added user ${added.name} (${added.roles.join(', ')}) with ${added.fingerprints.length} key(s)`);
        for (const fp of added.fingerprints) io.out(line`  ${fp}`);
        if (added.fingerprints.length === 0) io.out(keyHint(added.name));
      }),
    );

  const host = program.command('host').description('manage the inventory');
  host
    .command('add <name>')
    .description('add a target host')
    .addOption(dataOption())
    .requiredOption('--address <host:port>', 'where the target listens for SSH')
    .option('--node <path>', 'tree node, e.g. team/line/service (repeatable)', collect)
    .option('--tag <key=value>', 'tag (repeatable)', collect)
    .action((name: string, opts: { data?: string; address: string; node?: string[]; tag?: string[] }) =>
      withAdmin(opts, (admin) => {
        const added = admin.addHost({
          name,
          address: opts.address,
          nodes: (opts.node ?? []).map(parseNode),
          tags: Object.fromEntries((opts.tag ?? []).map(parseTag)),
        });
        io.out(line`added host ${added.name} at ${added.address}`);
      }),
    );
  host
    .command('pin-key <name>')
    .description("pin the target's SSH host key (otherwise it is pinned on first use)")
    .addOption(dataOption())
    .requiredOption('--key <file>', 'OpenSSH public key file, e.g. /etc/ssh/ssh_host_ed25519_key.pub of the target')
    .action((name: string, opts: { data?: string; key: string }) =>
      withAdmin(opts, (admin) => {
        admin.pinHostKey(name, readFileArg(opts.key, 'key file').trim());
        io.out(line`pinned the host key of ${name}`);
      }),
    );

  const credential = program.command('credential').description("manage the gateway's credentials for targets");
  credential
    .command('set <host>')
    .description('set the credential the gateway uses to log in to HOST as ACCOUNT')
    .addOption(dataOption())
    .requiredOption('--login <account>', 'login account on the target')
    .addOption(new Option('--key <file>', 'unencrypted private key file').conflicts('passwordStdin'))
    .option('--password-stdin', 'read the password from standard input')
    .action(async (hostName: string, opts: { data?: string; login: string; key?: string; passwordStdin?: boolean }) => {
      if (!opts.key && !opts.passwordStdin) throw new CliError('give --key FILE or --password-stdin');
      const secret = opts.key ? { privateKey: readFileArg(opts.key, 'key file') } : { password: (await io.readStdin()).replace(/\r?\n$/, '') };
      await withAdmin(opts, (admin) => admin.setCredential({ host: hostName, login: opts.login, ...secret }));
      io.out(line`set the ${opts.key ? 'key' : 'password'} for ${opts.login}@${hostName}`);
    });

  registerAccessCommands(program, { io, dataOption, withAdmin });

  registerAuthCommands(program, io, { dataOption, dataDir });
  registerUserCommands(user, io, { dataOption, dataDir });
  registerSessionCommands(program, io, { dataOption, dataDir });
  registerLiveCommands(program, io, { dataOption, dataDir });
  registerReviewCommands(program, io, { dataOption, dataDir });
  registerRequestCommands(program, io, { dataOption, dataDir });
  registerInventoryCommands(program, host, io, { dataOption, dataDir });
  registerRuleCommands(program, io, { dataOption, dataDir });
  registerCommandRuleCommands(program, io, { dataOption, dataDir });
  return program;
}

/** Runs the CLI; returns the exit status. */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof ExitStatus) return error.code;
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2; // commander already printed it
    if (error instanceof AdminError || error instanceof CliError) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    io.err(`error: ${(error as Error).message}`);
    return 1;
  }
}

/**
 * Whatever a command prints reaches the terminal without a raw control character: commands make
 * user data visible with terminal-text's `line`/`tableLines`/`jsonText`, and this escapes anything
 * one forgot (a message quoting a user name, help text, a new command).
 */
function terminalSafeIo(io: CliIo): CliIo {
  return {
    ...io,
    out: (text) => safeLines(text).forEach((l) => io.out(l)),
    err: (text) => safeLines(text).forEach((l) => io.err(l)),
  };
}
