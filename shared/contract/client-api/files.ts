// Client API section "files": the file panel's SFTP session to a host through the gateway (listing,
// one upload or download at a time per request, progress, cancel). File bytes never travel in these
// messages: an upload or download gets a one-time URL on the main side (FILE_TRANSFER_PATH), which
// the renderer sends the picked file to or follows as a download link, in Electron and the browser alike.
// Outcomes are facts (codes), never sentences.
import { z } from 'zod';
import { HostNameSchema, LoginNameSchema } from '../inventory';
import { RefusalReasonSchema } from '../refusal';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

/** Where the main side serves transfers: `${FILE_TRANSFER_PATH}<transferId>` on the renderer's own origin. */
export const FILE_TRANSFER_PATH = '/files/transfer/';

export const FILES_LIMITS = {
  /** Entries one listing returns; a larger directory is cut (`truncated`). */
  entries: 10_000,
  /** A remote path, in UTF-8 bytes (Linux's PATH_MAX). */
  pathBytes: 4096,
  /** One file name, in UTF-8 bytes (NAME_MAX). */
  nameBytes: 255,
  /** Uploads and downloads in flight per renderer session. */
  transfers: 8,
} as const;

/** UTF-8 length without TextEncoder (pure shared/ has no such global). */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export const FilesIdSchema = z.string().regex(/^f[0-9]+$/);
export const TransferIdSchema = z.string().regex(/^[0-9a-f]{32}$/);

/** An absolute remote path: no NUL, no more than a PATH_MAX. */
export const RemotePathSchema = z
  .string()
  .min(1)
  .refine((p) => p.startsWith('/'), 'an absolute path')
  .refine((p) => !p.includes('\0'), 'no NUL')
  .refine((p) => utf8Bytes(p) <= FILES_LIMITS.pathBytes, `at most ${FILES_LIMITS.pathBytes} bytes`);

/** One name inside a directory: never a path, never "." or "..". */
export const FileNameSchema = z
  .string()
  .min(1)
  .refine((n) => !n.includes('/') && !n.includes('\0'), 'a name, not a path')
  .refine((n) => n !== '.' && n !== '..', 'not "." or ".."')
  .refine((n) => utf8Bytes(n) <= FILES_LIMITS.nameBytes, `at most ${FILES_LIMITS.nameBytes} bytes`);

export const FileEntrySchema = z.object({
  name: z.string(),
  type: z.enum(['file', 'directory', 'link', 'other']),
  size: z.number().nonnegative(),
  /** Seconds since the epoch, as the target reported it. */
  mtime: z.number().int().nonnegative(),
});
export type FileEntry = z.infer<typeof FileEntrySchema>;

/**
 * Why a file operation failed: the target's SFTP status, or the gateway's refusal ('refused', with the
 * refusal's reason: 'transfer_disabled' when the gateway's `transfer.policy` is deny). 'lost': the
 * SFTP session or the gateway connection went while it ran.
 */
export const FILE_ERRORS = ['refused', 'no_such_file', 'permission_denied', 'exists', 'size_mismatch', 'lost', 'failed'] as const;
export const FileErrorSchema = z.enum(FILE_ERRORS);
export type FileError = z.infer<typeof FileErrorSchema>;

/** A failure: the code, and for 'refused' the gateway's reason (shared/contract/refusal.ts). */
export const FileFailureSchema = z.object({ error: FileErrorSchema, refusal: RefusalReasonSchema.optional() });
export type FileFailure = z.infer<typeof FileFailureSchema>;

const outcome = <T extends z.ZodRawShape>(shape: T) => z.union([z.object({ ok: z.literal(true), ...shape }), FileFailureSchema.extend({ ok: z.literal(false) })]);

export const TransferProgressSchema = z.object({
  transferId: TransferIdSchema,
  direction: z.enum(['upload', 'download']),
  state: z.enum(['waiting', 'running', 'done', 'failed', 'cancelled']),
  bytes: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  error: FileErrorSchema.optional(),
});
export type TransferProgress = z.infer<typeof TransferProgressSchema>;

const TransferTicketSchema = { transferId: TransferIdSchema, url: z.string() };

export const filesMethods = {
  /** Opens an SFTP session to login@host; `home` is where the target put us. */
  'files.open': {
    params: z.object({ host: HostNameSchema, login: LoginNameSchema }).strict(),
    result: outcome({ filesId: FilesIdSchema, home: z.string() }),
  },
  'files.list': {
    params: z.object({ filesId: FilesIdSchema, path: RemotePathSchema }).strict(),
    result: outcome({ path: z.string(), entries: z.array(FileEntrySchema), truncated: z.boolean() }),
  },
  /** Prepares an upload of `size` bytes as directory/name (never over an existing file); the renderer then sends the bytes to `url`. */
  'files.upload': {
    params: z.object({ filesId: FilesIdSchema, directory: RemotePathSchema, name: FileNameSchema, size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }).strict(),
    result: outcome(TransferTicketSchema),
  },
  /** Prepares a download of a remote file; following `url` streams it as an attachment named after it. */
  'files.download': {
    params: z.object({ filesId: FilesIdSchema, path: RemotePathSchema }).strict(),
    result: outcome({ ...TransferTicketSchema, name: z.string(), size: z.number().nonnegative() }),
  },
  'files.cancel': { params: z.object({ transferId: TransferIdSchema }).strict(), result: z.null() },
  'files.close': { params: z.object({ filesId: FilesIdSchema }).strict(), result: z.null() },
} satisfies MethodTable;

export const filesEvents = {
  /** A transfer's progress: at most a few times a second while it runs, and once at its end. */
  'files.progress': TransferProgressSchema,
} satisfies EventTable;

export const filesSection = { methods: filesMethods, events: filesEvents } satisfies ApiSection;
