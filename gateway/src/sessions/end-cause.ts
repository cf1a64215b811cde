// Why a session ended, carried from where it is known (the relay, the liveness checks, the SSH
// adapter's connection, a drain) to the sessions row and the `session.end` audit event.
// The list itself is in the shared contract, where the API's clients read it too.
import type { SESSION_END_CAUSES } from '../../../shared/contract/sessions';

/**
 * client: the user closed it. target: the target's command ended or its connection was lost.
 * expiry / revocation: no grant covers it any more (it ran out, or was revoked or narrowed).
 * login-rule: a login rule no longer lets it go on. user-disabled: the account was disabled or
 * removed. terminated: someone ended it on purpose (`by` says who). drain: the gateway shut down.
 * crash: the gateway died while it ran (found at the next start). failure: the gateway failed
 * (an error inside it, or a mandatory recording that failed).
 */
export type EndedBy = (typeof SESSION_END_CAUSES)[number];

export interface EndCause {
  endedBy: EndedBy;
  /** In words, for people: "grant expired", "the gateway is shutting down". */
  reason?: string;
  /** For `terminated`: who ended it. */
  by?: string;
}
