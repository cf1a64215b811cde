// `init` and `serve`: setting up a data directory and running the gateway from its config.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { CONFIG_FILE_NAME, defaultConfigText, gatewayOptionsFrom, resolveConfig } from '../config';
import { formatAddress } from '../address';
import { startGateway } from '../index';
import { createLogger } from '../logger';
import { loadOrCreateHostKey } from '../ssh/host-key';
import { openStore } from '../store';
import { cliStoreOptions } from './open-store';
import { fingerprintOf, parsePublicKey } from '../../../shared/node/ssh-keys';
import { ExitStatus, type CliIo } from './cli-io';

export function registerRunCommands(program: Command, io: CliIo, dataOption: () => Option, dataDir: (opts: { data?: string }) => string): void {
  program
    .command('init')
    .description('create the data directory, its database, the gateway host key and a commented gateway.yaml')
    .addOption(dataOption())
    .action((opts: { data?: string }) => {
      const dir = dataDir(opts);
      const storeOptions = cliStoreOptions(dir, io.env);
      const store = openStore(dir, storeOptions);
      const master = store.masterKey.source === 'env' ? 'from PORTCULLIS_MASTER_KEY' : storeOptions.masterKeyFile;
      store.close();
      const key = loadOrCreateHostKey(dir);
      const configFile = join(dir, CONFIG_FILE_NAME);
      const wrote = !existsSync(configFile);
      if (wrote) writeFileSync(configFile, defaultConfigText(), { mode: 0o640, flag: 'wx' });
      io.out(`initialised ${dir}`);
      io.out(`master key: ${master} (back it up apart from the database: credentials cannot be read without it)`);
      io.out(`config: ${configFile}${wrote ? ' (written with the defaults, commented)' : ' (kept as it was)'}`);
      io.out(`gateway host key: ${key.publicKey}`);
      io.out(`fingerprint: ${fingerprintOf(parsePublicKey(key.publicKey).key.getPublicSSH())}`);
    });

  program
    .command('serve')
    .description('serve SSH until SIGTERM/SIGINT, then drain: warn live sessions, wait the grace period, exit')
    .addOption(dataOption())
    .option('--config <file>', `config file (default: $PORTCULLIS_CONFIG, else DATA/${CONFIG_FILE_NAME} if it exists)`)
    .option('--listen <addr:port>', 'address to listen on (config: listen; default 127.0.0.1:2222)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (config: logLevel)')
    .option('--pretty', 'also print the address and host key for people on standard output (the default on a terminal)')
    .action((opts: ServeOptions) => serve(opts, io));
}

interface ServeOptions {
  data?: string;
  config?: string;
  listen?: string;
  logLevel?: string;
  pretty?: boolean;
}

/**
 * Every line `serve` writes on stderr is a pino JSON line (journalctl | jq works), a failure to
 * start included; stdout carries human lines only when asked (--pretty) or on a terminal.
 */
async function serve(opts: ServeOptions, io: CliIo): Promise<void> {
  let logger = createLogger('info'); // until the config names the level
  const stopped = io.stopSignal(); // from the first moment: a SIGTERM during start still drains
  try {
    const config = resolveConfig(opts, io.env);
    logger = createLogger(config.logLevel);
    const gateway = await startGateway({ ...gatewayOptionsFrom(config, logger), containProcessFailures: true });
    if (opts.pretty || io.stdoutIsTty) {
      io.out(`listening on ${formatAddress(gateway.address)}`);
      io.out(`gateway host key: ${gateway.hostPublicKey}`);
    }
    const signal = await stopped;
    logger.info({ signal, live: gateway.liveSessions(), graceMs: config.shutdown.graceMs }, 'stop signal: draining live sessions (signal again to end them now)');
    const again = io.stopSignal().then((s) => logger.warn({ signal: s }, 'second stop signal: ending live sessions now'));
    await gateway.drain({ graceMs: config.shutdown.graceMs, cutShort: again });
  } catch (error) {
    logger.fatal({ err: (error as Error).message }, 'the gateway cannot serve');
    throw new ExitStatus(1);
  }
}
