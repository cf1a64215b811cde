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
import type { CliIo } from './cli-io';

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
    .action(async (opts: { data?: string; config?: string; listen?: string; logLevel?: string }) => {
      const config = resolveConfig(opts, io.env);
      const logger = createLogger(config.logLevel);
      const gateway = await startGateway({ ...gatewayOptionsFrom(config, logger), containProcessFailures: true });
      io.out(`listening on ${formatAddress(gateway.address)}`);
      io.out(`gateway host key: ${gateway.hostPublicKey}`);
      const signal = await io.stopSignal();
      const seconds = Math.ceil(config.shutdown.graceMs / 1000);
      io.err(`${signal}: draining ${gateway.liveSessions()} live session(s) for up to ${seconds} s (signal again to end them now)`);
      const again = io.stopSignal().then((s) => io.err(`${s}: ending live sessions now`));
      await gateway.drain({ graceMs: config.shutdown.graceMs, cutShort: again });
    });
}
