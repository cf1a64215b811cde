export { terminalArea } from './area';
export { SessionsStore, type PaneView, type SessionsSnapshot } from './sessions-store';
export { DEFAULT_SETTINGS, terminalOptionsFor } from './theme';
export { useSessions } from './useSessions';
