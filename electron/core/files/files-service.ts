// The "files" capability: the file panel's SFTP sessions through the gateway. An SFTP session and
// its transfers belong to the renderer session that opened them: only it may use them, and
// closing it closes them. The bytes of an upload or download never travel in API messages: each
// gets a one-time URL that `serveTransfer` answers (the browser shell's HTTP server and Electron's
// app:// protocol both route FILE_TRANSFER_PATH here), so one mechanism serves both shells.
// Every param is validated by the contract's schemas; paths are remote, and local files are only
// what the user picked (an upload's body) or saves (a download).
import { why } from '../../../shared/contract/error-reasons';
import { randomBytes } from 'node:crypto';
import type { SFTPWrapper } from 'ssh2';
import { RpcError } from '../../../shared/rpc/protocol';
import { FILE_TRANSFER_PATH, FILES_LIMITS, TransferIdSchema, type FileFailure, type filesMethods } from '../../../shared/contract/client-api/files';
import { scanRefusalMarker } from '../../../shared/contract/refusal';
import type { Target } from '../../../shared/contract/target';
import type { AreaService, EventSink, RendererSession } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';
import { baseName, entryType, exists, joinRemote, listDirectory, realpath, RemoteFileError, stat } from './remote-files';
import { createTransfer, type Transfer } from './transfer';

export interface FilesServiceOptions {
  connection: Pick<ConnectionService, 'connected' | 'onState'>;
  events: EventSink;
}

export interface FilesService extends AreaService<typeof filesMethods> {
  /** Answers a request to `${FILE_TRANSFER_PATH}<transferId>`, or null for any other path. */
  serveTransfer(request: Request): Promise<Response> | null;
}

interface FileSession {
  session: RendererSession;
  target: Target;
  sftp: SFTPWrapper;
}

interface TransferEntry {
  session: RendererSession;
  filesId: string;
  transfer: Transfer;
}

export function createFilesService(options: FilesServiceOptions): FilesService {
  const { connection, events } = options;
  const fileSessions = new Map<string, FileSession>();
  const transfers = new Map<string, TransferEntry>();
  let nextFiles = 1;

  // The gateway connection went: its SFTP channels went with it.
  connection.onState((state) => {
    if (state.status !== 'lost' && state.status !== 'disconnected') return;
    for (const id of [...fileSessions.keys()]) closeFiles(id, 'lost');
  });

  function closeFiles(filesId: string, why?: 'lost'): void {
    const files = fileSessions.get(filesId);
    if (!files) return;
    fileSessions.delete(filesId);
    for (const [id, entry] of transfers) {
      if (entry.filesId !== filesId) continue;
      transfers.delete(id);
      entry.transfer.cancel(why);
    }
    files.sftp.end();
  }

  function filesOf(session: RendererSession, filesId: string): FileSession {
    const files = fileSessions.get(filesId);
    // Another session's SFTP session is as unknown to this one as a closed one.
    if (!files || files.session !== session) throw new RpcError('not_found', `there is no open file session ${filesId}`, why('client.files_not_found', { id: filesId }));
    return files;
  }

  function startTransfer(session: RendererSession, filesId: string, spec: Omit<Parameters<typeof createTransfer>[0], 'onProgress'>) {
    const mine = [...transfers.values()].filter((t) => t.session === session && !t.transfer.finished);
    if (mine.length >= FILES_LIMITS.transfers) throw new RpcError('unavailable', `at most ${FILES_LIMITS.transfers} transfers at once`, why('client.too_many_transfers', { limit: FILES_LIMITS.transfers }));
    const transfer = createTransfer({
      ...spec,
      onProgress: (progress) => {
        events.emit(session, 'files.progress', progress);
        if (progress.state === 'done' || progress.state === 'failed' || progress.state === 'cancelled') transfers.delete(progress.transferId);
      },
    });
    transfers.set(transfer.id, { session, filesId, transfer });
    return { transferId: transfer.id, url: `${FILE_TRANSFER_PATH}${transfer.id}` };
  }

  return {
    handlers: {
      'files.open': async ({ host, login }, session) => {
        const gateway = connection.connected();
        const target = { host, login };
        // A fresh tag per channel: only this gateway channel can mark a refusal of this session.
        const refusalTag = randomBytes(16).toString('hex');
        const opening = await gateway.openSftp(target, refusalTag);
        if (!opening.ok) return { ok: false as const, ...refusalOf(opening.stderr, refusalTag) };
        const home = await realpath(opening.sftp, '.').catch(() => '/');
        if (session.closed) {
          opening.sftp.end();
          throw new RpcError('unavailable', 'the session closed while the file session was opening', why('client.session_closed'));
        }
        const filesId = `f${nextFiles++}`;
        fileSessions.set(filesId, { session, target, sftp: opening.sftp });
        opening.sftp.on('close', () => closeFiles(filesId, 'lost'));
        return { ok: true as const, filesId, home };
      },
      'files.list': async ({ filesId, path }, session) => {
        const { sftp } = filesOf(session, filesId);
        return failureAsResult(async () => ({ ok: true as const, ...(await listDirectory(sftp, path)) }));
      },
      'files.upload': async ({ filesId, directory, name, size }, session) => {
        const { sftp } = filesOf(session, filesId);
        const path = joinRemote(directory, name);
        // Never over an existing file: the upload's open is exclusive too, this only says so early.
        if (await exists(sftp, path).catch(() => false)) return { ok: false as const, error: 'exists' as const };
        return { ok: true as const, ...startTransfer(session, filesId, { direction: 'upload', sftp, path, total: size }) };
      },
      'files.download': async ({ filesId, path }, session) => {
        const { sftp } = filesOf(session, filesId);
        return failureAsResult(async () => {
          const attrs = await stat(sftp, path);
          if (entryType(attrs.mode) !== 'file') return { ok: false as const, error: 'failed' as const };
          const total = attrs.size ?? 0;
          const name = baseName(path);
          return { ok: true as const, name, size: total, ...startTransfer(session, filesId, { direction: 'download', sftp, path, total, name }) };
        });
      },
      'files.cancel': ({ transferId }, session) => {
        const entry = transfers.get(transferId);
        if (entry?.session === session) entry.transfer.cancel();
        return null;
      },
      'files.close': ({ filesId }, session) => {
        filesOf(session, filesId);
        closeFiles(filesId);
        return null;
      },
    },
    serveTransfer(request) {
      const { pathname } = new URL(request.url);
      if (!pathname.startsWith(FILE_TRANSFER_PATH)) return null;
      const id = TransferIdSchema.safeParse(pathname.slice(FILE_TRANSFER_PATH.length));
      const entry = id.success ? transfers.get(id.data) : undefined;
      if (!entry || entry.session.closed) return Promise.resolve(new Response('no such transfer\n', { status: 404 }));
      return entry.transfer.serve(request);
    },
    async closeSession(session) {
      for (const [id, files] of fileSessions) if (files.session === session) closeFiles(id);
    },
  };
}

/** Why the gateway did not start an SFTP session, from the start of the channel's stderr. */
function refusalOf(stderr: string, tag: string): FileFailure {
  const scan = scanRefusalMarker(stderr, tag);
  return typeof scan === 'object' ? { error: 'refused', refusal: scan.reason } : { error: 'failed' };
}

async function failureAsResult<T>(run: () => Promise<T>): Promise<T | { ok: false; error: FileFailure['error'] }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RemoteFileError) return { ok: false, error: error.error };
    throw error;
  }
}
