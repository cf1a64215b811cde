// Follows one SFTP session message by message, both ways, to tell what each file moved: an OPEN and
// the HANDLE it got, WRITEs (an upload) and READs answered by DATA (a download), up to the CLOSE.
// It also enforces the session's limits: open handles and requests followed at once; a request over
// them is answered here with a failure status and never reaches the target.
import { FileDigest } from './file-digest';
import { FX_EOF, FX_FAILURE, FX_OK, FXF_WRITE, FXP, MessageReader, statusMessage } from './sftp-messages';

export type TransferDirection = 'upload' | 'download';

/** One file as it moved: what the audit log and the session row keep. */
export interface TransferredFile {
  direction: TransferDirection;
  path: string;
  bytes: number;
  /** SHA-256 of the bytes, when they moved in order from the start. */
  sha256?: string;
  /** Closed after all of it moved: written and closed without error, or read to its end. */
  complete: boolean;
}

export interface SftpLimits {
  /** Files and directories open at once in one session (and opens awaiting their reply). */
  maxOpenHandles: number;
  /** Opens, reads, writes and closes awaiting the target's reply at once. */
  maxRequestsInFlight: number;
}

export const DEFAULT_SFTP_LIMITS: SftpLimits = { maxOpenHandles: 64, maxRequestsInFlight: 1024 };

interface OpenFile {
  path: string;
  openedToWrite: boolean;
  written: FileDigest;
  read: FileDigest;
  writeFailed: boolean;
  readToEnd: boolean;
}

type Pending =
  | { kind: 'open'; path: string; openedToWrite: boolean }
  | { kind: 'opendir' }
  | { kind: 'read'; file: OpenFile; offset: number }
  | { kind: 'write'; file: OpenFile }
  | { kind: 'close'; handle: string };

/** What to do with a request: pass it to the target, or answer the user with `reply` instead. */
export type RequestDecision = { forward: true } | { forward: false; reply: Buffer };

export interface SftpObserver {
  request(message: Buffer): RequestDecision;
  reply(message: Buffer): void;
  /** The session ended: files still open are reported as they are (partial). */
  finish(): void;
}

const FORWARD: RequestDecision = { forward: true };
const refuse = (id: number, text: string): RequestDecision => ({ forward: false, reply: statusMessage(id, FX_FAILURE, `portcullis: ${text}`) });

export function createSftpObserver(limits: SftpLimits, onFile: (file: TransferredFile) => void): SftpObserver {
  const pending = new Map<number, Pending>();
  // Directory handles are kept (they count against the limit) with no file behind them.
  const handles = new Map<string, OpenFile | null>();
  let opening = 0;

  const report = (file: OpenFile, closedOk: boolean) => {
    const uploaded = file.openedToWrite || file.written.bytes > 0;
    const downloaded = file.read.bytes > 0 || !uploaded;
    if (uploaded) onFile(record('upload', file.path, file.written, closedOk && !file.writeFailed));
    if (downloaded) onFile(record('download', file.path, file.read, closedOk && file.readToEnd));
  };

  return {
    request(message) {
      const m = new MessageReader(message);
      if (m.type === FXP.INIT) return FORWARD;
      const id = m.uint32();
      const track = (entry: Pending): RequestDecision => {
        if (pending.size >= limits.maxRequestsInFlight) return refuse(id, `too many SFTP requests in flight (limit ${limits.maxRequestsInFlight})`);
        if (pending.has(id)) return refuse(id, 'an SFTP request id already in use');
        pending.set(id, entry);
        return FORWARD;
      };
      switch (m.type) {
        case FXP.OPEN:
        case FXP.OPENDIR: {
          if (handles.size + opening >= limits.maxOpenHandles) return refuse(id, `too many open files in this session (limit ${limits.maxOpenHandles})`);
          const path = m.bytes().toString('utf8');
          const decision = track(m.type === FXP.OPEN ? { kind: 'open', path, openedToWrite: (m.uint32() & FXF_WRITE) !== 0 } : { kind: 'opendir' });
          if (decision.forward) opening++;
          return decision;
        }
        case FXP.READ: {
          const file = handles.get(m.bytes().toString('latin1'));
          return file ? track({ kind: 'read', file, offset: m.uint64() }) : FORWARD;
        }
        case FXP.WRITE: {
          const file = handles.get(m.bytes().toString('latin1'));
          if (!file) return FORWARD;
          const offset = m.uint64();
          const decision = track({ kind: 'write', file });
          if (decision.forward) file.written.add(offset, m.bytes());
          return decision;
        }
        case FXP.CLOSE: {
          const handle = m.bytes().toString('latin1');
          return handles.has(handle) ? track({ kind: 'close', handle }) : FORWARD;
        }
        default:
          return FORWARD;
      }
    },

    reply(message) {
      const m = new MessageReader(message);
      if (m.type === FXP.VERSION) return;
      const id = m.uint32();
      const asked = pending.get(id);
      if (!asked) return;
      pending.delete(id);
      if (asked.kind === 'open' || asked.kind === 'opendir') opening--;
      if (m.type === FXP.HANDLE) {
        const handle = m.bytes().toString('latin1');
        if (asked.kind === 'open') handles.set(handle, { path: asked.path, openedToWrite: asked.openedToWrite, written: new FileDigest(), read: new FileDigest(), writeFailed: false, readToEnd: false });
        else if (asked.kind === 'opendir') handles.set(handle, null);
        return;
      }
      if (m.type === FXP.DATA && asked.kind === 'read') return asked.file.read.add(asked.offset, m.bytes());
      if (m.type !== FXP.STATUS) return;
      const code = m.uint32();
      if (asked.kind === 'write' && code !== FX_OK) asked.file.writeFailed = true;
      if (asked.kind === 'read' && code === FX_EOF && asked.offset === asked.file.read.end) asked.file.readToEnd = true;
      if (asked.kind === 'close') {
        const file = handles.get(asked.handle);
        handles.delete(asked.handle);
        if (file) report(file, code === FX_OK);
      }
    },

    finish() {
      for (const file of handles.values()) if (file) report(file, false);
      handles.clear();
      pending.clear();
    },
  };
}

function record(direction: TransferDirection, path: string, digest: FileDigest, closedOk: boolean): TransferredFile {
  const sha256 = digest.digest();
  return { direction, path, bytes: digest.bytes, ...(sha256 !== undefined && { sha256 }), complete: closedOk && digest.inOrder };
}
