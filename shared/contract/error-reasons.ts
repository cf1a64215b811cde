// Why an API call failed, as a reason code and its parameters: the renderer words each reason once
// per language (renderer/src/errors/locales), the English `message` beside it stays for logs, the
// CLI and older peers. Every reason a program may send is declared here with the names of its
// parameters; RpcError and the gateway's domain errors accept only these (an undeclared reason or a
// missing parameter does not type-check), and the renderer's catalog test fails when one lacks words.
// Parameters are facts (an id, a user's name, a limit), never sentences.

export const ERROR_REASONS = {
  // the API's own checks
  'api.account_disabled': [],
  'api.method_closed': ['method'],
  'api.role_needed': ['method', 'roles'],
  'api.others_data': [],
  'api.unserved': ['feature'],
  'api.shutting_down': [],
  'api.cursor_invalid': [],
  // host selectors
  'selector.empty': [],
  'selector.too_long': ['limit'],
  'selector.invalid': ['token', 'position'],
  'selector.no_host': ['selector'],
  'selector.unknown_hosts': ['hosts'],
  'selector.too_many_hosts': ['total', 'limit'],
  // access requests and grants
  'request.not_found': ['id'],
  'request.already_decided': ['id', 'state'],
  'request.already_decided_by': ['id', 'state', 'by'],
  'request.own': [],
  'request.account_refused': [],
  'request.role_needed': [],
  'request.too_short': ['minutes'],
  'request.too_long': ['hours'],
  'request.too_many_pending': ['limit'],
  'request.end_past': ['until'],
  'request.window_widened': ['until'],
  'request.hosts_widened': ['hosts'],
  'request.reason_needed': [],
  'request.reason_too_long': ['limit'],
  'grant.not_found': ['id'],
  'grant.end_past': ['until'],
  'grant.end_needed': ['days'],
  'grant.too_long': ['days'],
  'grant.end_before_start': ['until', 'from'],
  // the directory: users, groups, hosts
  'user.not_found': ['name'],
  'user.removed': ['name'],
  'user.exists': ['name'],
  'group.not_found': ['name'],
  'group.exists': ['name'],
  'group.not_member': ['user', 'group'],
  'host.not_found': ['name'],
  'host.exists': ['name'],
  'host.name_removed': ['name'],
  'key.owned': ['fingerprint', 'owner'],
  'key.held': ['fingerprint', 'user'],
  'key.not_found': ['fingerprint', 'user'],
  'key.none_given': [],
  'key.one_per_call': [],
  // batch jobs
  'batch.not_found': ['id'],
  'batch.host_not_found': ['id', 'host'],
  'batch.state_conflict': ['id', 'state', 'action'],
  'plan.not_amount': ['field', 'text'],
  'plan.percent_range': ['field', 'text'],
  'plan.too_many_waves': ['limit'],
  'plan.empty_wave': [],
  // sessions, recordings and evidence
  'session.not_found': ['id'],
  'session.no_recording': ['id'],
  'session.recording_unreadable': [],
  'live.not_found': ['id'],
  'bundle.not_found': [],
  'metrics.host_denied': ['host'],
  // event subscriptions
  'topic.not_found': ['topic'],
  'subscription.not_found': ['id'],
  'subscription.limit_reached': ['limit'],
  'subscription.closing': [],
  // command and login rules, inventory import
  'command_rule.not_found': ['id'],
  'login_rule.not_found': ['id'],
  'import.upload_not_found': [],
  'import.too_large': ['mib'],
  // the client's main side
  'client.not_connected': ['gateway'],
  'client.connection_lost': ['gateway', 'cause'],
  'client.disconnected': ['gateway'],
  'client.connect_failed': ['cause'],
  'client.not_asking': ['gateway'],
  'client.terminal_refused': ['target'],
  'client.session_closed': [],
  'client.profile_not_found': ['id'],
  'client.profile_name_taken': ['name'],
  'client.favourites_full': ['limit'],
  'client.terminal_not_found': ['id'],
  'client.too_many_transfers': ['limit'],
  'client.files_not_found': ['id'],
  'client.shutting_down': [],
  'client.no_profile': [],
  'client.host_key_changed': ['gateway'],
  'client.question_closed': [],
} as const satisfies Record<string, readonly string[]>;

export type ErrorReason = keyof typeof ERROR_REASONS;
export type ReasonParamValue = string | number;
export type ReasonParams<R extends ErrorReason> = { [K in (typeof ERROR_REASONS)[R][number]]: ReasonParamValue };

/** A declared reason with exactly its parameters. */
export type Why = { [R in ErrorReason]: { reason: R; params: ReasonParams<R> } }[ErrorReason];

/** `why('request.not_found', { id })`: a reason with its parameters, checked against the list above. */
export function why<R extends ErrorReason>(reason: R, ...params: keyof ReasonParams<R> extends never ? [] : [ReasonParams<R>]): Why {
  return { reason, params: params[0] ?? {} } as Why;
}

/** The wire's bounds on a reason and its parameters (shared/rpc/protocol.ts checks them). */
export const REASON_LIMITS = { reasonChars: 64, params: 8, nameChars: 32, valueChars: 200 } as const;
export const REASON_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** An error of a program's own domain (a refused grant, a bad selector) that knows why, for the API to pass on. */
export class ReasonedError extends Error {
  constructor(
    message: string,
    readonly why?: Why,
  ) {
    super(message);
  }
}
