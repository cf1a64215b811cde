// The gateway's own SSH connection to a target, with the credential it holds and the target's
// host key checked against the pinned one: pinned on first use, a changed key is a hard stop.
import ssh2, { type Client, type ConnectConfig } from 'ssh2';
import type { Address } from '../../address';
import type { Credential } from '../../store';
import { fingerprintOf, parsePublicKey } from '../../../../shared/node/ssh-keys';

export type UpstreamFailure = 'host-key-changed' | 'auth' | 'connect' | 'timeout';

/** Its message is meant for the user at the other end of the session. */
export class UpstreamError extends Error {
  constructor(
    readonly reason: UpstreamFailure,
    message: string,
    /** For 'host-key-changed': the fingerprint of the key the target presented. */
    readonly presentedKey?: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export interface UpstreamOptions {
  hostName: string;
  address: Address;
  login: string;
  credential: Credential;
  /** The pinned host key (OpenSSH one-line form), if any. */
  pinnedKey: string | undefined;
  /** Trust on first use: pin `key` unless something was pinned meanwhile; returns what is pinned. */
  pinOnFirstUse(key: string): string;
  readyTimeoutMs?: number;
}

/** Host key algorithms to offer so the server proves the key we pinned, not another of its keys. */
function hostKeyAlgorithms(pinned: string): string[] {
  const type = pinned.split(' ')[0]!;
  return type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type];
}

export function connectUpstream(opts: UpstreamOptions): Promise<Client> {
  const conn = new ssh2.Client();
  let keyChanged = false;
  let presentedBlob: Buffer | undefined;
  const pinnedBlob = opts.pinnedKey ? parsePublicKey(opts.pinnedKey).key.getPublicSSH() : undefined;

  const config: ConnectConfig = {
    host: opts.address.host,
    port: opts.address.port,
    username: opts.login,
    readyTimeout: opts.readyTimeoutMs ?? 15_000,
    keepaliveInterval: 30_000,
    keepaliveCountMax: 3,
    hostVerifier: (blob: Buffer) => {
      presentedBlob = blob;
      if (pinnedBlob) {
        keyChanged = !pinnedBlob.equals(blob);
        return !keyChanged;
      }
      const presented = parsePublicKey(blob).openssh;
      const pinned = opts.pinOnFirstUse(presented);
      keyChanged = pinned !== presented;
      return !keyChanged;
    },
    ...(opts.credential.kind === 'key' ? { privateKey: opts.credential.privateKey } : { password: opts.credential.password }),
  };
  if (opts.pinnedKey) config.algorithms = { serverHostKey: hostKeyAlgorithms(opts.pinnedKey) as never };

  const target = `${opts.login}@${opts.hostName}`;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error & { level?: string; code?: string }) => {
      if (settled) return;
      settled = true;
      conn.end();
      if (keyChanged) {
        return reject(
          new UpstreamError('host-key-changed', `host key of ${opts.hostName} changed; refusing to connect (an admin must pin the new key)`, presentedBlob && fingerprintOf(presentedBlob)),
        );
      }
      if (error.level === 'client-authentication') {
        return reject(new UpstreamError('auth', `${target} refused the gateway's credential`));
      }
      if (error.level === 'client-timeout') return reject(new UpstreamError('timeout', `${opts.hostName} did not answer in time`));
      if (error.code === 'ECONNREFUSED') return reject(new UpstreamError('connect', `cannot reach ${opts.hostName}: connection refused`));
      if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return reject(new UpstreamError('connect', `cannot reach ${opts.hostName}: address not found`));
      reject(new UpstreamError('connect', `cannot connect to ${opts.hostName}: ${error.message}`));
    };
    // Errors after ready end the connection; the relay sees its channel close.
    conn.on('error', fail);
    conn.once('close', () => fail(new Error('the connection closed during the handshake')));
    conn.once('ready', () => {
      if (settled) return;
      settled = true;
      conn.setNoDelay(true); // interactive echo: no Nagle on the target hop either
      resolve(conn);
    });
    try {
      conn.connect(config);
    } catch (error) {
      fail(error as Error);
    }
  });
}
