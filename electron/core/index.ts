// The client's main side, for the Electron shell and the browser shell (plain Node).
export { createClientService, type ClientService, type ClientServiceOptions, type ClientSession, type ConnectParams, type ShellKind } from './client-service';
export { createGatewayConnection, type GatewayConnection, type GatewayConnectionOptions, type GatewaySpec, type ShellOptions } from './connection/gateway-connection';
export { openTerminalSession, type TerminalSession, type TerminalHandlers, type TerminalOptions } from './terminals/terminal-session';
export { createFlowControl, DEFAULT_HIGH_WATERMARK, DEFAULT_LOW_WATERMARK, type FlowControl, type FlowAction } from './terminals/flow-control';
export { openClientStore, createClientStore, endpointOf, DEFAULT_SETTINGS, type ClientStore, type TrustedHostKey } from './store/client-store';
export type { SecretStore } from './store/secret-store';
export { clientDataArgument } from './client-data';
export { presentedKey, presentedKeyFromLine, judgeHostKey } from './connection/host-trust';
export { resolveStaticPath, contentTypeFor, rendererCsp, SECURITY_HEADERS } from './static-files';
