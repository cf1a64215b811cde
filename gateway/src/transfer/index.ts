// File transfer under `transfer.policy: allow`: SFTP relayed to the target through the session
// core, each file's direction, path, size and SHA-256 reported as it closes (docs/GATEWAY.md).
import type { ClientSide } from '../sessions/core/client-side';
import { createSftpObserver, type SftpLimits, type TransferredFile } from './sftp-observer';
import { sftpSide } from './sftp-side';

export { DEFAULT_SFTP_LIMITS, type SftpLimits, type TransferDirection, type TransferredFile } from './sftp-observer';
export { MAX_SFTP_MESSAGE_BYTES } from './sftp-messages';
export { FileSummary } from './file-summary';

export interface SftpRelay {
  /** The user's side to relay instead of the channel's own. */
  client: ClientSide;
  /** The session ended: reports the files still open (partial). */
  finish(): void;
}

export function relaySftp(client: ClientSide, options: { limits: SftpLimits; onFile(file: TransferredFile): void; abort(reason: string, by: 'client' | 'target'): void }): SftpRelay {
  const observer = createSftpObserver(options.limits, options.onFile);
  return { client: sftpSide(client, observer, options.abort), finish: () => observer.finish() };
}
