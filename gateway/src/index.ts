// The gateway as a library: startGateway() serves SSH on a data dir; the admin functions change
// what it serves. The CLI (gateway/src/cli) and the lab are thin layers over these.
import type { AddressInfo } from 'node:net';
import { createAccess } from './access';
import { createLogger, type Logger } from './logger';
import { createSessionLifecycle, type RecordingOptions } from './sessions/lifecycle';
import { loadOrCreateHostKey } from './ssh/host-key';
import { createSshServer } from './ssh/server';
import { openStore } from './store';

export interface GatewayOptions {
  /** Holds the database, the gateway's host key and (later) recordings. Created if missing. */
  dataDir: string;
  /** Default 127.0.0.1:0 (a free port; read it back from `address`). */
  listen?: { host: string; port: number };
  /** pino logger; default JSON to stderr at PORTCULLIS_LOG_LEVEL (info). */
  logger?: Logger;
  /** Recording settings (strict: refuse/end sessions that cannot be recorded). */
  recording?: RecordingOptions;
}

export interface Gateway {
  address: { host: string; port: number };
  /** The gateway's host key, OpenSSH one-line form: what clients pin in known_hosts. */
  hostPublicKey: string;
  /** Session channels currently running: target shells/execs plus API subsystems. */
  liveSessions(): number;
  /** Stops accepting, ends live sessions (and their target connections), closes the database. */
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger ?? createLogger();
  const store = openStore(options.dataDir);
  try {
    const hostKey = loadOrCreateHostKey(options.dataDir);
    const access = createAccess(store, (grant, error) => logger.warn({ grant: grant.id, err: String(error) }, 'ignoring a grant with an unreadable selector'));
    const lifecycle = createSessionLifecycle({ store, dataDir: options.dataDir, logger, options: options.recording });
    const interrupted = lifecycle.recoverInterrupted();
    if (interrupted > 0) logger.warn({ sessions: interrupted }, 'marked sessions left live by a previous run as interrupted');
    const ssh = createSshServer({ store, access, hostKey, logger, lifecycle });
    const listen = options.listen ?? { host: '127.0.0.1', port: 0 };
    await new Promise<void>((resolve, reject) => {
      ssh.server.once('error', reject);
      ssh.server.listen(listen.port, listen.host, () => {
        ssh.server.off('error', reject);
        resolve();
      });
    });
    ssh.server.on('error', (error: Error) => logger.error({ err: error.message }, 'server error'));
    const bound = ssh.server.address() as AddressInfo;
    const address = { host: bound.address, port: bound.port };
    logger.info({ address: `${address.host}:${address.port}`, hostKey: hostKey.publicKey }, 'gateway listening');

    let closing: Promise<void> | undefined;
    return {
      address,
      hostPublicKey: hostKey.publicKey,
      liveSessions: ssh.liveSessions,
      close() {
        closing ??= (async () => {
          const stopped = new Promise<void>((resolve) => ssh.server.close(() => resolve()));
          await ssh.endAll();
          await stopped;
          await lifecycle.drain(); // recordings flushed and closed, rows ended
          store.close();
          logger.info('gateway stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

export { createAdmin, openGatewayAdmin, AdminError, type GatewayAdmin } from './admin';
export { createLogger, silentLogger, type Logger } from './logger';
