// Gateway profiles as the renderer sees and edits them. Secrets never cross this contract: a
// profile names a key file or ssh-agent; a passphrase is sent once, to connect, and not stored
// unless the user opts in to the OS keychain (Electron only).
import { z } from 'zod';

export const ProfileIdSchema = z.string().regex(/^p[0-9a-z]{1,32}$/);

export const ProfileAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('key'), keyFile: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('agent') }).strict(),
]);

export const ProfileInputSchema = z
  .object({
    name: z.string().min(1).max(100),
    host: z.string().min(1).max(253).regex(/^[^\s/@]+$/, 'a host name or address'),
    port: z.number().int().min(1).max(65535),
    user: z.string().min(1).max(64).regex(/^[^\s:@]+$/, 'a user name'),
    auth: ProfileAuthSchema,
    /** Opt-in: keep the key's passphrase in the OS keychain (Electron safeStorage only). */
    rememberPassphrase: z.boolean().default(false),
  })
  .strict();
export type ProfileInput = z.input<typeof ProfileInputSchema>;

/**
 * A validation issue as it crosses the API (zod's path, code and bounds, not its English), so the
 * renderer words it per field as its own forms do.
 */
export const FieldIssueSchema = z.object({
  code: z.string().max(64),
  path: z.array(z.union([z.string().max(200), z.number()])).max(16),
  origin: z.string().max(32).optional(),
  expected: z.string().max(32).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** zod's issues as FieldIssues: only the facts, nothing of the rejected value. */
export const toFieldIssues = (issues: readonly z.core.$ZodIssue[]): FieldIssue[] =>
  issues.map((i) => ({
    code: i.code,
    path: i.path.filter((k): k is string | number => typeof k !== 'symbol'),
    ...('origin' in i && typeof i.origin === 'string' ? { origin: i.origin } : {}),
    ...('expected' in i && typeof i.expected === 'string' ? { expected: i.expected } : {}),
    ...('minimum' in i ? { minimum: Number(i.minimum) } : {}),
    ...('maximum' in i ? { maximum: Number(i.maximum) } : {}),
  }));

export const ProfileSchema = ProfileInputSchema.extend({
  id: ProfileIdSchema,
  /** SHA256:… fingerprint of the gateway host key we trust, if any. */
  trustedHostKey: z.string().optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** Why a connection stopped before login, when a person must decide something. */
export const HostKeyCheckSchema = z.object({
  /** 'unknown': first connection, ask (TOFU). 'changed': a hard stop; never "continue anyway". */
  status: z.enum(['unknown', 'changed']),
  keyType: z.string(),
  /** As OpenSSH prints it: SHA256:base64-without-padding */
  fingerprint: z.string(),
  /** For 'changed': the fingerprint we trusted before. */
  expectedFingerprint: z.string().optional(),
  /** Where the trusted key came from: our own store or ~/.ssh/known_hosts. */
  source: z.enum(['portcullis', 'known_hosts']).optional(),
});
export type HostKeyCheck = z.infer<typeof HostKeyCheckSchema>;

export const SettingsSchema = z
  .object({
    theme: z.enum(['dark', 'light']),
    fontFamily: z.string().min(1).max(200),
    fontSize: z.number().int().min(6).max(48),
    scrollback: z.number().int().min(0).max(200_000),
    /** The UI's language; 'auto' (or absent, as saved by older versions) follows the system. */
    language: z.enum(['auto', 'en', 'zh-CN']).optional(),
    /** Selecting text in a terminal copies it to the clipboard (absent, as saved by older versions: off). */
    copyOnSelect: z.boolean().optional(),
    /** Ctrl+= / Ctrl+- / Ctrl+0 zoom the focused pane only, or every pane (absent: per pane). */
    fontZoom: z.enum(['pane', 'global']).optional(),
    /** Health dots in the host tree (absent, as saved by older versions: on). */
    treeHealth: z.boolean().optional(),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;
