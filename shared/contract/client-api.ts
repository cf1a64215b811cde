// The one contract between the renderer and the client's main side. The renderer sees it as
// `window.portcullis` (see ./window.ts); Electron's preload and the browser shell's WebSocket
// both carry exactly these messages, validated on both ends. Each capability is a section in
// ./client-api/ holding its methods and events; a new one adds its section and one line below.
import { composeApi } from './api-section';
import { appSection } from './client-api/app';
import { batchClientSection } from './client-api/batch';
import { connectionSection } from './client-api/connection';
import { filesSection } from './client-api/files';
import { gatewayEventsSection } from './client-api/gateway-events';
import { hostsSection } from './client-api/hosts';
import { layoutSettingsSection } from './client-api/layout-settings';
import { metricsSection } from './client-api/metrics';
import { profilesSection } from './client-api/profiles';
import { reviewSection } from './client-api/review';
import { terminalsSection } from './client-api/terminals';

export { CONNECTION_ERROR_CODES, ConnectionErrorSchema, GatewayStateSchema, type ConnectionError, type ConnectionErrorCode, type GatewayState } from './client-api/connection';
export { TERMINAL_END_REASONS, TerminalIdSchema, TerminalStatusSchema, type TerminalEndReason, type TerminalStatus } from './client-api/terminals';

export const { methods: clientMethods, events: clientEvents } = composeApi(
  appSection,
  connectionSection,
  profilesSection,
  layoutSettingsSection,
  hostsSection,
  terminalsSection,
  gatewayEventsSection,
  batchClientSection,
  metricsSection,
  filesSection,
  reviewSection,
);
export type ClientMethods = typeof clientMethods;
export type ClientEvents = typeof clientEvents;
