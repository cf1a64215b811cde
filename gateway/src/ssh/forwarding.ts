// Forwarding through the gateway is refused: a tunnel (-L, -R), the user's agent (-A) or X11
// (-X) would carry traffic the session recording never sees. Each refusal is audited
// (`forwarding.refused`) and explained to the user: in the channel-open failure where SSH has room
// for a reason, and on the stderr of the user's sessions on that connection (now or when one starts).
// With `forwarding.policy: allow`, local forwarding (-L, `direct-tcpip`) to the target named in the
// user name is handed to local-forward.ts instead; everything else stays refused.
import type { AcceptConnection, Connection, RejectConnection, ServerChannel, Session, TcpipRequestInfo } from 'ssh2';
import type { AuditRepeats } from '../audit/repeats';

/** `deny` (the default): every kind refused. `allow`: local forwarding for a direct-mode target. */
export type ForwardingPolicy = 'deny' | 'allow';

export const PORT_FORWARDING_REFUSED = 'port forwarding through the gateway is disabled: it would bypass session recording';
export const AGENT_FORWARDING_REFUSED = 'agent forwarding through the gateway is disabled: it would bypass session recording';
export const X11_FORWARDING_REFUSED = 'X11 forwarding through the gateway is disabled: it would bypass session recording';
/** Added under `allow`, so the user knows what the admin can (and cannot) let through. */
export const ONLY_LOCAL_ALLOWED = ' (only local port forwarding, ssh -L, can be allowed)';
/** Under `allow`, a -L on a connection that named no target (menu mode). */
export const LOCAL_FORWARDING_NEEDS_TARGET = "port forwarding through the gateway needs the target in the user name: ssh -L PORT:HOST:PORT 'USER:LOGIN@HOST'@gateway";

/** The refusal text for `message` under `policy`. */
const refusalText = (message: string, policy: ForwardingPolicy | undefined) => (policy === 'allow' ? message + ONLY_LOCAL_ALLOWED : message);

/** Messages for the user of one connection, shown once each on the stderr of its session channels. */
export interface Notices {
  post(text: string): void;
  /** Shows what was posted so far on this channel, and what is posted while it is open. */
  attach(channel: ServerChannel): void;
}

export function createNotices(): Notices {
  const posted: string[] = [];
  const channels = new Set<ServerChannel>();
  const show = (channel: ServerChannel, text: string) => {
    if (channel.writable) channel.stderr.write(`portcullis: ${text}\r\n`);
  };
  return {
    post(text) {
      if (posted.includes(text)) return; // one -L tunnel may try many times: say it once
      posted.push(text);
      for (const channel of channels) show(channel, text);
    },
    attach(channel) {
      for (const text of posted) show(channel, text);
      channels.add(channel);
      channel.once('close', () => channels.delete(channel));
    },
  };
}

export interface RefusalDeps {
  user: string;
  /** Refusals are audited counted per user (a client may retry a refused forward thousands of times). */
  repeats: AuditRepeats;
  onAuditError?(error: unknown): void;
  notices: Notices;
  /** Chooses the wording; default 'deny'. */
  policy?: ForwardingPolicy;
}

/** Takes over `direct-tcpip` opens (local forwarding) when the policy allows them. */
export type LocalForwardHandler = (accept: AcceptConnection<ServerChannel>, reject: RejectConnection, info: TcpipRequestInfo) => void;

/** Auditing must not throw inside ssh2's event handlers (that would take the connection down). */
export function auditSafely(deps: Omit<RefusalDeps, 'notices'>, kind: string, data: Record<string, unknown> = {}): void {
  try {
    deps.repeats.record({ type: 'forwarding.refused', actor: deps.user, data: { kind, ...data } }, { user: deps.user });
  } catch (error) {
    deps.onAuditError?.(error);
  }
}

/** SSH_OPEN_ADMINISTRATIVELY_PROHIBITED and SSH_OPEN_CONNECT_FAILED (RFC 4254 §5.1). */
export const ADMINISTRATIVELY_PROHIBITED = 1;
export const CONNECT_FAILED = 2;

/**
 * Refuses a channel open with our reason text. ssh2's reject() sends "connect failed" with no
 * text once a listener exists; OpenSSH prints the reason we give ("open failed: administratively
 * prohibited: …"), so we substitute the reason and text for this one call.
 */
export function rejectWithReason(client: Connection, reject: () => void, text: string, reason = ADMINISTRATIVELY_PROHIBITED): void {
  type Proto = { channelOpenFail?: (remote: number, reason: number, desc: string) => unknown };
  const proto = (client as unknown as { _protocol?: Proto })._protocol;
  const original = proto?.channelOpenFail;
  if (!proto || typeof original !== 'function') return reject();
  const own = Object.hasOwn(proto, 'channelOpenFail');
  proto.channelOpenFail = (remote: number) => original.call(proto, remote, reason, text);
  try {
    reject();
  } finally {
    if (own) proto.channelOpenFail = original;
    else delete proto.channelOpenFail;
  }
}

/**
 * Connection-level forwarding: -L (direct-tcpip), -R (tcpip-forward) and their Unix-socket kin.
 * `localForward`, when given (policy allow, a target named), handles direct-tcpip instead.
 */
export function refuseConnectionForwarding(client: Connection, deps: RefusalDeps, localForward?: LocalForwardHandler): void {
  const portRefused = refusalText(PORT_FORWARDING_REFUSED, deps.policy);
  const refused = (kind: string, data: Record<string, unknown>, message: string) => {
    auditSafely(deps, kind, data);
    deps.notices.post(message);
  };
  client.on(
    'tcpip',
    localForward ??
      ((_accept, reject, info) => {
        // Under allow, only a connection without a target (menu mode) gets here.
        const message = deps.policy === 'allow' ? LOCAL_FORWARDING_NEEDS_TARGET : portRefused;
        rejectWithReason(client, reject, message);
        refused('direct-tcpip', { to: `${info.destIP}:${info.destPort}`, ...(deps.policy === 'allow' && { reason: 'no target' }) }, message);
      }),
  );
  client.on('openssh.streamlocal', (_accept, reject, info) => {
    rejectWithReason(client, reject, portRefused);
    refused('direct-streamlocal', { to: info.socketPath }, portRefused);
  });
  client.on('request', (_accept, reject, name, info) => {
    reject?.();
    if (name.startsWith('cancel-')) return; // nothing was forwarded, nothing to cancel or audit
    const i = info as { bindAddr?: string; bindPort?: number; socketPath?: string }; // tcpip-forward or streamlocal-forward
    const at = i.socketPath ?? (i.bindAddr !== undefined ? `${i.bindAddr}:${String(i.bindPort)}` : undefined);
    refused(name, { ...(at !== undefined && { listen: at }) }, portRefused);
  });
}

/** Session-level forwarding: the user's agent (-A) and X11 (-X/-Y). */
export function refuseSessionForwarding(session: Session, deps: RefusalDeps): void {
  session.on('auth-agent', (_accept, reject) => {
    reject?.();
    auditSafely(deps, 'auth-agent');
    deps.notices.post(refusalText(AGENT_FORWARDING_REFUSED, deps.policy));
  });
  session.on('x11', (_accept, reject, info) => {
    reject?.();
    auditSafely(deps, 'x11', { screen: info.screen });
    deps.notices.post(refusalText(X11_FORWARDING_REFUSED, deps.policy));
  });
}
