// What the file panel asks of an SFTP session on a target, and its failures as codes. A listing
// reads the directory a batch at a time and stops at FILES_LIMITS.entries, so a huge directory
// costs no more memory than that.
import type { Attributes, SFTPWrapper } from 'ssh2';
import { FILES_LIMITS, type FileEntry, type FileError } from '../../../shared/contract/client-api/files';

// SFTP status codes (draft-ietf-secsh-filexfer-02 §7), as ssh2 puts them in `error.code`.
const SFTP_EOF = 1;
const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

/** A failed SFTP request, as a code the renderer words. */
export function fileErrorOf(error: unknown): FileError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === SFTP_NO_SUCH_FILE) return 'no_such_file';
  if (code === SFTP_PERMISSION_DENIED) return 'permission_denied';
  return 'failed';
}

export class RemoteFileError extends Error {
  constructor(readonly error: FileError) {
    super(error);
  }
}

function call<T>(run: (done: (error: Error | undefined | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(new RemoteFileError(fileErrorOf(error))) : resolve(value))));
}

export function realpath(sftp: SFTPWrapper, path: string): Promise<string> {
  return call((done) => sftp.realpath(path, done));
}

export function stat(sftp: SFTPWrapper, path: string): Promise<Attributes> {
  return call((done) => sftp.stat(path, done));
}

/** Whether anything (a file, a directory, a dangling link) is at `path`. */
export function exists(sftp: SFTPWrapper, path: string): Promise<boolean> {
  return new Promise((resolve, reject) =>
    sftp.lstat(path, (error) => {
      if (!error) return resolve(true);
      const code = fileErrorOf(error);
      return code === 'no_such_file' ? resolve(false) : reject(new RemoteFileError(code));
    }),
  );
}

export function remove(sftp: SFTPWrapper, path: string): Promise<void> {
  return call<void>((done) => sftp.unlink(path, (error) => done(error, undefined)));
}

export interface Listing {
  path: string;
  entries: FileEntry[];
  truncated: boolean;
}

/** The directory at `path` (resolved: no "..", no links in it), directories first, then by name. */
export async function listDirectory(sftp: SFTPWrapper, path: string, limit: number = FILES_LIMITS.entries): Promise<Listing> {
  const resolved = await realpath(sftp, path);
  const handle = await call<Buffer>((done) => sftp.opendir(resolved, done));
  const entries: FileEntry[] = [];
  let truncated = false;
  try {
    for (;;) {
      const batch = await new Promise<Array<{ filename: string; attrs: Attributes }> | null>((resolve, reject) =>
        sftp.readdir(handle, (error, list) => {
          if (error && (error as { code?: unknown }).code === SFTP_EOF) return resolve(null);
          if (error) return reject(new RemoteFileError(fileErrorOf(error)));
          resolve(list ?? null);
        }),
      );
      if (!batch) break;
      for (const { filename, attrs } of batch) {
        if (filename === '.' || filename === '..') continue;
        if (entries.length >= limit) {
          truncated = true;
          break;
        }
        entries.push({ name: filename, type: entryType(attrs.mode), size: attrs.size ?? 0, mtime: attrs.mtime ?? 0 });
      }
      if (truncated) break;
    }
  } finally {
    sftp.close(handle, () => {});
  }
  entries.sort((a, b) => Number(b.type === 'directory') - Number(a.type === 'directory') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { path: resolved, entries, truncated };
}

const S_IFMT = 0o170000;

export function entryType(mode: number | undefined): FileEntry['type'] {
  switch ((mode ?? 0) & S_IFMT) {
    case 0o040000:
      return 'directory';
    case 0o100000:
      return 'file';
    case 0o120000:
      return 'link';
    default:
      return 'other';
  }
}

/** `/a/b` + `c` → `/a/b/c`; `/` + `c` → `/c`. */
export function joinRemote(directory: string, name: string): string {
  return `${directory.replace(/\/+$/, '')}/${name}`;
}

/** The last name of a remote path. */
export function baseName(path: string): string {
  return path.replace(/\/+$/, '').split('/').pop() || '/';
}
