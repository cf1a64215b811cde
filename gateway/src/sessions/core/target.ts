// One target for one user, decided and reached the same way by sessions (./session-core.ts) and
// allowed local port forwards (ssh/local-forward.ts): the access decision (deny by default), the
// gateway's credential, and the gateway's own SSH connection with the target's pinned host key.
// Each way reaching a target can fail is audited as its own event (docs/GATEWAY.md, "Audit log").
import type { Client } from 'ssh2';
import { formatTarget, type Target } from '../../../../shared/contract/target';
import { fingerprintOf, parsePublicKey } from '../../../../shared/node/ssh-keys';
import type { Access } from '../../access';
import { parseAddress, type Address } from '../../address';
import type { Logger } from '../../logger';
import type { Credential, HostRecord, Store } from '../../store';
import { connectUpstream, UpstreamError } from './upstream';

export interface TargetDeps {
  store: Store;
  access: Access;
}

/** A target the user may use now, with what the gateway needs to reach it. */
export interface UsableTarget {
  target: Target;
  host: HostRecord;
  credential: Credential;
  address: Address;
}

/**
 * `denied`: no such host or no grant for that login (the same answer for both: no probing).
 * `unusable`: allowed, but the gateway holds no credential for it or its address is bad.
 */
export type TargetDecision = { ok: true; usable: UsableTarget } | { ok: false; why: 'denied' | 'unusable' };

/** Decides `user` on `target` now; logs an unusable target for the admin. */
export function decideTarget(deps: TargetDeps, user: string, target: Target, log: Logger): TargetDecision {
  const host = deps.store.hosts.find(target.host);
  if (!host || !deps.access.loginsFor(user, target.host).includes(target.login)) return { ok: false, why: 'denied' };
  const credential = deps.store.credentials.get(host.id, target.login);
  const address = parseAddress(host.address);
  if (!credential || !address) {
    deps.store.audit.record({
      type: credential ? 'target.bad-address' : 'target.no-credential',
      actor: user,
      data: { host: host.name, login: target.login, ...(!!credential && { address: host.address }) },
    });
    log.error({ target: formatTarget(target), hasCredential: !!credential }, 'target not usable: missing credential or bad address');
    return { ok: false, why: 'unusable' };
  }
  return { ok: true, usable: { target, host, credential, address } };
}

/** The same words whether the host does not exist or the user may not use it: no probing. */
export const deniedText = (target: Target) => `access to ${formatTarget(target)} denied (no such host, or no grant for that login)`;

/** What the user reads when the gateway cannot use a target it holds no credential for. */
export const unusableMessage = (target: Target) => `the gateway holds no usable credential for ${formatTarget(target)}; ask an admin.`;

/**
 * Opens the gateway's SSH connection to the target as `user` asked for it: pins the host key on
 * first use (audited), audits a changed key. Rejects with an Error whose message is for the user.
 */
export async function connectTarget(deps: Pick<TargetDeps, 'store'>, user: string, { target, host, credential, address }: UsableTarget, log: Logger, readyTimeoutMs?: number): Promise<Client> {
  try {
    return await connectUpstream({
      readyTimeoutMs,
      hostName: host.name,
      address,
      login: target.login,
      credential,
      pinnedKey: deps.store.hostKeys.pinned(host.id),
      pinOnFirstUse: (key) => {
        const pinned = deps.store.hostKeys.pinIfAbsent(host.id, key);
        if (pinned === key) {
          log.info('pinned the target host key on first use');
          deps.store.audit.record({ type: 'hostkey.pinned', actor: user, data: { host: host.name, key: fingerprintOf(parsePublicKey(key).key.getPublicSSH()), source: 'first-use' } });
        }
        return pinned;
      },
    });
  } catch (error) {
    const upstream = error instanceof UpstreamError ? error : undefined;
    auditFailure(deps.store, user, { host: host.name, login: target.login, address: `${address.host}:${address.port}` }, upstream);
    log.warn({ reason: upstream?.reason ?? 'unknown', err: upstream ? undefined : String(error) }, 'upstream failed');
    throw upstream ?? new Error(`cannot connect to ${host.name}`);
  }
}

const FAILURE_EVENTS = { 'host-key-changed': 'hostkey.mismatch', auth: 'target.auth-refused', connect: 'target.unreachable', timeout: 'target.unreachable' } as const;

/** One audit event per failure: the host key changed, the target refused the credential, or it could not be reached. */
function auditFailure(store: Pick<Store, 'audit'>, user: string, facts: { host: string; login: string; address: string }, error: UpstreamError | undefined): void {
  const type = error ? FAILURE_EVENTS[error.reason] : 'target.unreachable';
  const presented = error?.reason === 'host-key-changed' && error.presentedKey ? { presented: error.presentedKey } : {};
  store.audit.record({ type, actor: user, data: { ...facts, reason: error?.reason ?? 'unknown', error: (error?.message ?? 'unknown error').slice(0, 300), ...presented } });
}
