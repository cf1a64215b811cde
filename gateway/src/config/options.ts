// From a resolved config to startGateway() options: the one place where config sections meet
// the gateway's options, so a new option is wired here and nowhere else.
import type { GatewayOptions } from '../index';
import type { Logger } from '../logger';
import type { GatewayConfig } from './load';

/**
 * Config sections startGateway() does not take yet: a master key file outside the data directory (the store reads DATA/master.key or
 * PORTCULLIS_MASTER_KEY), and the forwarding policy (forwarding is always refused). Passed along
 * so they take effect as soon as GatewayOptions has them.
 */
export interface PendingGatewayOptions {
  masterKey: GatewayConfig['masterKey'];
  forwarding: GatewayConfig['forwarding'];
}

export function gatewayOptionsFrom(config: GatewayConfig, logger: Logger): GatewayOptions & PendingGatewayOptions {
  if (config.recording.enabled === false) {
    throw new Error('recording.enabled: false is not supported: the gateway records every session');
  }
  // Refuse rather than silently ignore: an admin who allowed forwarding must not believe it works.
  if (config.forwarding.policy !== 'deny') {
    throw new Error(`forwarding.policy: "${config.forwarding.policy}" is not supported yet; forwarding through the gateway is always refused`);
  }
  return {
    dataDir: config.dataDir,
    listen: config.listen,
    logger,
    recording: { strict: config.recording.strict },
    loginPolicy: {
      maxFailures: config.lockout.maxFailures,
      lockMs: config.lockout.lockMs,
      sourceDelayBaseMs: config.lockout.delay.initialMs,
      sourceDelayMaxMs: config.lockout.delay.maxMs,
    },
    masterKey: config.masterKey,
    forwarding: config.forwarding,
  };
}
