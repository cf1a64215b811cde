// The API the gateway serves to desktop clients over the `portcullis-api` SSH subsystem,
// one JSON message per line. The gateway answers only for the authenticated user, and only the
// methods whose policy (./gateway-api/policy.ts) the caller's roles meet. Each capability is a
// section in ./gateway-api/; a new one adds its section and names it in composeApi below.
import { composeApi } from './api-section';
import { accessSection } from './gateway-api/access';
import { batchSection } from './gateway-api/batch';
import { eventsSection } from './gateway-api/events';
import { grantsSection } from './gateway-api/grants';
import { hostsSection } from './gateway-api/hosts';
import { identitySection } from './gateway-api/identity';
import { liveSection } from './gateway-api/live';
import { loginRulesSection } from './gateway-api/login-rules';
import { metricsSection } from './gateway-api/metrics';
import { metricsHealthSection } from './gateway-api/metrics-health';
import { reviewSection } from './gateway-api/review';
import { sessionsSection } from './gateway-api/sessions';
import { usersSection } from './gateway-api/users';
import { commandRulesSection } from './gateway-api/command-rules';
import { inventoryImportSection } from './gateway-api/inventory-import';
import { inventoryAdminSection } from './gateway-api/inventory-admin';

export { WhoAmISchema } from './gateway-api/identity';
export { describePolicy, policyAllows, type ApiPolicy, type GatewayRole } from './gateway-api/policy';

/** Name of the SSH subsystem that carries the API. */
export const GATEWAY_API_SUBSYSTEM = 'portcullis-api';
/** Largest request line the gateway accepts on the API channel. */
export const GATEWAY_API_MAX_LINE = 1024 * 1024;
/**
 * Largest response line the client accepts: `hosts.list` is one line, ~190 bytes a host (50 k
 * hosts ≈ 9.5 MB; `hosts.table` ≈ 2 MB), so 1 MiB stopped at ~5,500 hosts. The gateway is authenticated by its host key.
 */
export const GATEWAY_API_MAX_RESPONSE_LINE = 64 * 1024 * 1024;

export const { methods: gatewayMethods, events: gatewayEvents, topics: gatewayTopics } = composeApi(
  identitySection,
  hostsSection,
  grantsSection,
  sessionsSection,
  eventsSection,
  usersSection,
  liveSection,
  batchSection,
  reviewSection,
  metricsSection,
  metricsHealthSection,
  accessSection,
  commandRulesSection,
  inventoryImportSection,
  inventoryAdminSection,
  loginRulesSection,
);
export type GatewayMethods = typeof gatewayMethods;
export type GatewayEvents = typeof gatewayEvents;
export type GatewayTopics = typeof gatewayTopics;
