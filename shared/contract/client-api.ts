// The one contract between the renderer and the client's main side. The renderer sees it as
// `window.portcullis` (see ./window.ts); Electron's preload and the browser shell's WebSocket
// both carry exactly these messages, validated on both ends. Each capability is a section in
// ./client-api/ holding its methods and events; a new one adds its section and one line in
// ./client-api-capabilities.ts (the first screen's sections are in ./client-api-core.ts). The
// renderer's side checks with the two parts through ./client-api-rpc.ts, not with these tables.
import { composeApi } from './api-section';
import { clientCapabilitiesApi } from './client-api-capabilities';
import { clientCoreApi } from './client-api-core';

export { CONNECTION_ERROR_CODES, ConnectionErrorSchema, GatewayStateSchema, type ConnectionError, type ConnectionErrorCode, type GatewayState } from './client-api/connection';
export { TERMINAL_END_REASONS, TerminalIdSchema, TerminalStatusSchema, type TerminalEndReason, type TerminalStatus } from './client-api/terminals';

export const { methods: clientMethods, events: clientEvents } = composeApi(clientCoreApi, clientCapabilitiesApi);
export type ClientMethods = typeof clientMethods;
export type ClientEvents = typeof clientEvents;
