// What the user reads when a gateway connection attempt fails or the connection drops. The main
// side sends a code and its facts (shared/contract/client-api/connection.ts); this is the one
// place that words them. Pure. Raw text from the system or the gateway (`detail`) is stripped of
// control characters and shortened.
import type { ConnectionError, ConnectionErrorCode, GatewayState } from '../../../shared/contract/client-api';

type GatewayFacts = GatewayState['gateway'];

/** Removes C0/C1 control characters (including ESC) and collapses whitespace. */
export function sanitizeForDisplay(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

const clip = (text: string | undefined, max = 300) => sanitizeForDisplay(text ?? '').slice(0, max);

function duration(seconds: number): string {
  const [n, unit] = seconds >= 60 && seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

const WORDING: Record<ConnectionErrorCode, (e: ConnectionError, gw: string, where: string, user: string) => string> = {
  connection_refused: (_e, gw, where) => `nothing is listening at ${where} (${gw})`,
  unknown_host: (_e, gw, where) => `the gateway host of ${gw} is unknown (${where})`,
  timeout: (_e, gw, where) => `${gw} (${where}) did not answer in time`,
  unreachable: (e, gw, where) => `cannot reach ${gw} (${where}): ${clip(e.detail)}`,
  gateway_closed: () => 'the gateway closed the connection',
  closed_while_asking: (_e, gw) => `${gw} closed the connection while its question was open`,
  api_refused: (e) => `the gateway did not open its API (${clip(e.detail)})`,
  api_closed: () => 'the gateway closed its API channel',
  cancelled: () => 'the connection attempt was cancelled',
  host_key_unknown: (_e, gw, where) => `${gw} (${where}) presented a host key not seen before: compare it with the one your administrator gave you, then trust it`,
  host_key_changed: (_e, gw, where) => `the host key of ${gw} (${where}) changed: the connection was refused`,
  key_refused: (e, gw, _where, user) => `${gw} did not accept ${e.auth === 'agent' ? 'any key offered by ssh-agent' : 'the key'} for user "${user}"`,
  agent_failed: (e) => `ssh-agent could not be used (${clip(e.detail)}): is it running, and is SSH_AUTH_SOCK right?`,
  agent_missing: () => 'this profile uses ssh-agent, but no agent is running (SSH_AUTH_SOCK is not set): start one, or choose a key file',
  key_file_unreadable: (e) =>
    `cannot read the key file ${clip(e.keyFile)}: ${e.detail === 'missing' ? 'it does not exist' : e.detail === 'denied' ? 'permission denied' : clip(e.detail)}`,
  key_file_unusable: (e) => `the key file ${clip(e.keyFile)} is not a usable private key (OpenSSH, PEM or PuTTY format expected)`,
  key_file_public: (e) => `the key file ${clip(e.keyFile)} holds a public key: choose the private key (without .pub)`,
  passphrase_needed: (e) => `the key ${clip(e.keyFile)} is encrypted: enter its passphrase`,
  passphrase_wrong: (e) => `the passphrase for ${clip(e.keyFile)} is wrong: try again`,
  code_refused: (_e, gw) => `${gw} refused the code: connect again and enter a new one (check the code and your device's clock)`,
  sign_in_refused: (_e, gw) => `${gw} did not accept the sign-in after its question`,
  prompt_cancelled: (_e, gw) => `sign-in to ${gw} cancelled: its question was not answered, so nothing was sent`,
  prompt_timeout: (e, gw) => `${gw} asked a question (e.g. a verification code) that was not answered within ${duration(e.seconds ?? 0)}: connect again to retry`,
  too_many_prompts: (e, gw) => `${gw} asked more questions at once than Portcullis shows (at most ${e.limit ?? '?'})`,
};

/** One sentence for a connection error, naming the gateway when it is known. */
export function describeConnectionError(error: ConnectionError, gateway?: GatewayFacts): string {
  const gw = gateway ? `gateway "${clip(gateway.name, 100)}"` : 'the gateway';
  const where = gateway ? clip(gateway.address, 300) : 'its address';
  const word = WORDING[error.code] as (typeof WORDING)[ConnectionErrorCode] | undefined;
  return word ? word(error, gw, where, gateway ? clip(gateway.user, 64) : 'you') : `the connection failed (${clip(error.code, 40)})`;
}
