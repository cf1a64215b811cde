// Bounds on what one SSH peer may make the gateway hold. Connection and channel counts are admin
// settings (config `connections.*`); the per-request sizes below are fixed. Every limit is listed
// in docs/GATEWAY.md, "Limits".

export interface ConnectionLimits {
  /** Connections not yet logged in, from everywhere; more are closed at accept (like OpenSSH's MaxStartups). */
  maxUnauthenticated: number;
  /** The same, per source address. */
  maxUnauthenticatedPerSource: number;
  /** From TCP accept to a completed login; a socket that never sends its banner is closed too. */
  loginTimeoutMs: number;
  /** Open session channels (terminals, execs, API) per connection. */
  maxSessionsPerConnection: number;
  /** API (portcullis-api subsystem) channels per connection. */
  maxApiChannelsPerConnection: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxUnauthenticated: 100,
  maxUnauthenticatedPerSource: 20,
  loginTimeoutMs: 60_000,
  maxSessionsPerConnection: 64,
  maxApiChannelsPerConnection: 4,
};

/** Environment requests per session channel (only PORTCULLIS_TARGET is honoured; the rest are refused). */
export const MAX_ENV_REQUESTS = 64;
/** Bytes of an environment variable's name, and of its value. */
export const MAX_ENV_NAME_BYTES = 256;
export const MAX_ENV_VALUE_BYTES = 4096;
/** Bytes of an exec command (it is recorded, logged in the command log and shown in listings). */
export const MAX_EXEC_COMMAND_BYTES = 16 * 1024;

export const execTooLongMessage = (bytes: number) =>
  `portcullis: the command is ${bytes} bytes long; the gateway accepts at most ${MAX_EXEC_COMMAND_BYTES}. Send long scripts on standard input instead.`;
