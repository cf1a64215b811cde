// From a resolved config to startGateway() options: the one place where config sections meet
// the gateway's options, so a new option is wired here and nowhere else.
import type { GatewayOptions } from '../index';
import type { Logger } from '../logger';
import type { GatewayConfig } from './load';

/**
 * Options other branches add to startGateway() (recording: strict; loginPolicy: lockout and
 * delays) and ones nobody takes yet (masterKey file, forwarding policy). Passed along with the
 * names those branches use, so they take effect as soon as GatewayOptions has them; at merge this
 * interface shrinks to what GatewayOptions still lacks.
 */
export interface PendingGatewayOptions {
  recording: GatewayConfig['recording'];
  loginPolicy: { maxFailures: number; lockMs: number; sourceDelayBaseMs: number; sourceDelayMaxMs: number };
  masterKey: GatewayConfig['masterKey'];
  forwarding: GatewayConfig['forwarding'];
}

export function gatewayOptionsFrom(config: GatewayConfig, logger: Logger): GatewayOptions & PendingGatewayOptions {
  return {
    dataDir: config.dataDir,
    listen: config.listen,
    logger,
    recording: config.recording,
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
