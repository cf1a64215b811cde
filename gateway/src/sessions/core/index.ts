// The session core (see session-core.ts); adapters import it from here.
export type { ClientSide } from './client-side';
export type { SessionHandle, SessionRefusal, SessionResult, TerminalSize } from './handle';
export type { LiveSessionEntry } from './registry';
export { accessDeniedMessage, createSessionCore, recordSessionFailure, sessionFailedMessage, type SessionCore, type SessionCoreDeps, type SessionRequest } from './session-core';
export { connectTarget, decideTarget, deniedText, unusableMessage, type TargetDeps, type UsableTarget } from './target';
