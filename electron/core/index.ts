// The client's main side, for the Electron shell and the browser shell (plain Node).
export { createClientService, type ClientService, type ClientServiceOptions, type ClientSession, type ShellKind } from './client-service';
export { createGatewayConnection, type GatewayConnection, type GatewayConnectionOptions, type ShellOptions } from './gateway-connection';
export { openTerminalSession, type TerminalSession, type TerminalHandlers, type TerminalOptions } from './terminal-session';
export { createFlowControl, DEFAULT_HIGH_WATERMARK, DEFAULT_LOW_WATERMARK, type FlowControl, type FlowAction } from './flow-control';
export { GatewayProfileSchema, loadProfileFile, profileArgument, type GatewayProfile } from './profile';
export { parsePinnedKey, fingerprintOf } from './host-key';
export { resolveStaticPath, contentTypeFor, rendererCsp, SECURITY_HEADERS } from './static-files';
