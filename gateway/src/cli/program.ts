// The `portcullis-gateway` command line: a thin layer over startGateway() and the admin functions.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { AdminError, openGatewayAdmin, type GatewayAdmin } from '../admin';
import { parseAddress } from '../address';
import { startGateway } from '../index';
import { createLogger } from '../logger';
import { loadOrCreateHostKey } from '../ssh/host-key';
import { fingerprintOf, parsePublicKey } from '../../../shared/node/ssh-keys';
import { openStore } from '../store';
import { registerSessionCommands } from './commands-sessions';
import { parseDuration, parseTime } from './time';

export const DATA_ENV = 'PORTCULLIS_DATA';
export const DEFAULT_LISTEN = '127.0.0.1:2222';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGTERM/SIGINT); `serve` then closes gracefully. */
  stopSignal(): Promise<string>;
}

/** A mistake by the person at the keyboard: printed as one line, exit status 1 (2 for usage). */
class CliError extends Error {}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function readFileArg(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

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
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  const dataOption = () => new Option('--data <dir>', `data directory (default: $${DATA_ENV})`);
  const dataDir = (opts: { data?: string }): string => {
    const dir = opts.data ?? io.env[DATA_ENV];
    if (!dir) throw new CliError(`no data directory: pass --data DIR or set ${DATA_ENV}`);
    return dir;
  };
  const withAdmin = async <T>(opts: { data?: string }, fn: (admin: GatewayAdmin) => T | Promise<T>): Promise<T> => {
    const admin = openGatewayAdmin(dataDir(opts));
    try {
      return await fn(admin);
    } finally {
      admin.close();
    }
  };

  program
    .command('init')
    .description('create the data directory, its database and the gateway host key')
    .addOption(dataOption())
    .action((opts: { data?: string }) => {
      const dir = dataDir(opts);
      openStore(dir).close();
      const key = loadOrCreateHostKey(dir);
      io.out(`initialised ${dir}`);
      io.out(`gateway host key: ${key.publicKey}`);
      io.out(`fingerprint: ${fingerprintOf(parsePublicKey(key.publicKey).key.getPublicSSH())}`);
    });

  program
    .command('serve')
    .description('serve SSH until SIGTERM/SIGINT, then close live sessions and exit')
    .addOption(dataOption())
    .option('--listen <addr:port>', 'address to listen on', DEFAULT_LISTEN)
    .action(async (opts: { data?: string; listen: string }) => {
      const listen = parseAddress(opts.listen, { allowPortZero: true });
      if (!listen) throw new CliError(`invalid --listen "${opts.listen}": expected ADDRESS:PORT, e.g. 0.0.0.0:2222`);
      const gateway = await startGateway({ dataDir: dataDir(opts), listen, logger: createLogger() });
      io.out(`listening on ${gateway.address.host}:${gateway.address.port}`);
      io.out(`gateway host key: ${gateway.hostPublicKey}`);
      const signal = await io.stopSignal();
      io.err(`${signal}: closing ${gateway.liveSessions()} live session(s)`);
      await gateway.close();
    });

  const user = program.command('user').description('manage users');
  user
    .command('add <name>')
    .description('add a user who logs in with the given public key(s)')
    .addOption(dataOption())
    .option('--role <role>', 'admin, security or operator (repeatable; default operator)', collect)
    .option('--key <file>', 'OpenSSH public key file (repeatable; one key per line)', collect)
    .action((name: string, opts: { data?: string; role?: string[]; key?: string[] }) =>
      withAdmin(opts, (admin) => {
        const publicKeys = (opts.key ?? []).flatMap((file) =>
          readFileArg(file, 'key file')
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith('#')),
        );
        const added = admin.addUser({ name, roles: (opts.role ?? ['operator']) as never, publicKeys });
        io.out(`added user ${added.name} (${added.roles.join(', ')}) with ${added.fingerprints.length} key(s)`);
        for (const fp of added.fingerprints) io.out(`  ${fp}`);
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
        io.out(`added host ${added.name} at ${added.address}`);
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
        io.out(`pinned the host key of ${name}`);
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
      io.out(`set the ${opts.key ? 'key' : 'password'} for ${opts.login}@${hostName}`);
    });

  const grant = program.command('grant').description('manage grants');
  grant
    .command('add')
    .description('let a user log in to hosts as an account, for a time window')
    .addOption(dataOption())
    .requiredOption('--user <name>', 'user')
    .requiredOption('--hosts <selector>', '"*", a host name, or node:team/line/service')
    .requiredOption('--login <account>', 'login account on the targets')
    .option('--from <time>', 'start: now, ISO time or ms since epoch (default now)')
    .addOption(new Option('--until <time>', 'end (exclusive): ISO time or ms since epoch').conflicts('for'))
    .option('--for <duration>', 'length, e.g. 8h, 7d, 1h30m')
    .action((opts: { data?: string; user: string; hosts: string; login: string; from?: string; until?: string; for?: string }) =>
      withAdmin(opts, (admin) => {
        if (!opts.until && !opts.for) throw new CliError('give --until TIME or --for DURATION: grants must end');
        let from: number | undefined;
        let until: number;
        try {
          from = opts.from === undefined ? undefined : parseTime(opts.from);
          until = opts.until ? parseTime(opts.until) : (from ?? Date.now()) + parseDuration(opts.for!);
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        const added = admin.addGrant({ user: opts.user, hosts: opts.hosts, login: opts.login, from, until });
        const fromText = added.notBefore === null ? 'now' : new Date(added.notBefore).toISOString();
        io.out(`granted ${opts.user} ${opts.login}@${added.hosts} from ${fromText} until ${new Date(added.notAfter!).toISOString()} (grant ${added.id})`);
      }),
    );

  registerSessionCommands(program, io, { dataOption, dataDir });
  return program;
}

/** Runs the CLI; returns the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2; // commander already printed it
    if (error instanceof AdminError || error instanceof CliError) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    io.err(`error: ${(error as Error).message}`);
    return 1;
  }
}
