// From a resolved config to startGateway() options: the one place where config sections meet
// the gateway's options, so a new option is wired here and nowhere else.
import type { GatewayOptions } from '../index';
import type { Logger } from '../logger';
import type { GatewayConfig } from './load';

/** The master key file the config names; undefined when PORTCULLIS_MASTER_KEY holds the key. */
export function masterKeyFileOf(config: GatewayConfig): string | undefined {
  return config.masterKey.source === 'file' ? config.masterKey.path : undefined;
}

export function gatewayOptionsFrom(config: GatewayConfig, logger: Logger): GatewayOptions {
  if (config.recording.enabled === false) {
    throw new Error('recording.enabled: false is not supported: the gateway records every session');
  }
  return {
    dataDir: config.dataDir,
    listen: config.listen,
    logger,
    recording: { strict: config.recording.strict, directIo: config.recording.directIo },
    loginPolicy: {
      maxFailures: config.lockout.maxFailures,
      lockMs: config.lockout.lockMs,
      sourceDelayBaseMs: config.lockout.delay.initialMs,
      sourceDelayMaxMs: config.lockout.delay.maxMs,
    },
    masterKeyFile: masterKeyFileOf(config),
    forwarding: { policy: config.forwarding.policy },
    transfer: { policy: config.transfer.policy, maxOpenHandles: config.transfer.maxOpenHandles },
    connections: config.connections,
    metrics: config.metrics,
    batch: { handshakeSlots: config.batch.handshakeSlots },
    // An approved request is a grant: held to grants.maxDays like one made by hand.
    requests: { ...config.requests, maxGrantMs: config.grants.maxMs },
    checkpoints: { intervalMs: config.audit.checkpointMs, copies: config.audit.checkpointCopies, command: config.audit.checkpointCommand },
  };
}
