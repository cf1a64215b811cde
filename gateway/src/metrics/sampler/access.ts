// Who the SSH sampler is to the session core: the gateway's own user `gateway:metrics`, which may
// open a session only on hosts sampled over SSH, with the sampler's login there, and nowhere else.
// Its sessions are re-checked like anyone's: a host that stops being sampled (its tag removed)
// ends its sampler session within a liveness tick.
import type { Access, AccessVerdict } from '../../access';

/** The sessions rows and audit events of the sampler carry this user. */
export const SAMPLER_USER = 'gateway:metrics';

/** The access decision of the sampler's own session core; `loginOf` is the sampler's login on a sampled host, else undefined. */
export function samplerAccess(access: Access, loginOf: (host: string) => string | undefined): Access {
  const may = (user: string, host: string, login: string) => user === SAMPLER_USER && loginOf(host) === login;
  return {
    ...access,
    loginsFor(user, host) {
      const login = user === SAMPLER_USER ? loginOf(host) : undefined;
      return login ? [login] : [];
    },
    sessionCheck: (user, target) => (): AccessVerdict =>
      may(user, target.host, target.login) ? { ok: true, until: null } : { ok: false, reason: 'the host is no longer sampled over SSH', endedBy: 'revocation' },
  };
}
