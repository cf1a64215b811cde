// Why a gateway connection failed or was lost, as codes (no zod here: the renderer's first paint
// words them and builds no schema for it; connection.ts validates them).
export const CONNECTION_ERROR_CODES = [
  // Reaching the gateway
  'connection_refused', // nothing listens at the address
  'unknown_host', // the host name does not resolve
  'timeout', // no answer in time
  'unreachable', // any other network failure (detail: the system's message)
  'gateway_closed', // the gateway closed the connection
  // Losing a connection that was up
  'connection_cut', // the network cut it (detail: the system's message, e.g. ECONNRESET)
  'gateway_silent', // the gateway stopped answering keepalives
  'closed_while_asking', // ... while its login question was open
  'api_refused', // the gateway did not open its API subsystem (detail)
  'api_closed', // the gateway closed its API channel
  'login_refused', // a login rule of the gateway refused this login (loginRule: why, when known)
  'cancelled', // the user stopped the attempt
  // Its host key (the facts are in GatewayState.hostKey)
  'host_key_unknown',
  'host_key_changed',
  // Logging in
  'key_refused', // the gateway accepted no key (auth: 'key' or 'agent')
  'agent_failed', // ssh-agent could not be used (detail)
  'agent_missing', // the profile uses ssh-agent but SSH_AUTH_SOCK is not set
  'key_file_unreadable', // keyFile, detail: 'missing', 'denied' or the system's message
  'key_file_unusable', // keyFile is not a private key in a known format
  'key_file_public', // keyFile holds a public key
  'passphrase_needed', // keyFile is encrypted (with needsPassphrase)
  'passphrase_wrong', // the passphrase given for keyFile did not open it (with needsPassphrase)
  'code_refused', // the gateway refused the answer to its question (e.g. a TOTP code)
  'sign_in_refused', // the gateway refused the sign-in after its question
  'prompt_cancelled', // the user declined the gateway's question: nothing was sent
  'prompt_timeout', // the question was not answered within `seconds`
  'too_many_prompts', // the gateway asked more than `limit` questions at once
] as const;
export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number];
