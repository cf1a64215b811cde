// From a resolved config to startGateway() options: the one place where config sections meet
// the gateway's options, so a new option is wired here and nowhere else.
import type { GatewayOptions } from '../index';
import type { Logger } from '../logger';
import type { GatewayConfig } from './load';

/**
 * Settings the config knows that startGateway() on this branch does not take yet; they are passed
 * along (extra properties are harmless) so that they take effect as soon as the option exists.
 */
export interface PendingGatewayOptions {
  recording: GatewayConfig['recording'];
  lockout: GatewayConfig['lockout'];
  masterKey: GatewayConfig['masterKey'];
  forwarding: GatewayConfig['forwarding'];
}

export function gatewayOptionsFrom(config: GatewayConfig, logger: Logger): GatewayOptions & PendingGatewayOptions {
  return {
    dataDir: config.dataDir,
    listen: config.listen,
    logger,
    recording: config.recording,
    lockout: config.lockout,
    masterKey: config.masterKey,
    forwarding: config.forwarding,
  };
}
