// The one contract between the renderer and the client's main side. The renderer sees it as
// `window.portcullis` (see ./window.ts); Electron's preload and the browser shell's WebSocket
// both carry exactly these messages, validated on both ends.
import { z } from 'zod';
import { AuthAnswersSchema, AuthPromptIdSchema, AuthPromptSchema } from './auth-prompt';
import { HostTableSchema } from './host-table';
import { HostTableHeadSchema, MAX_HEAD_ROWS } from './host-table-head';
import { HostNameSchema, LoginNameSchema } from './inventory';
import { LayoutSchema } from './layout';
import { HostKeyCheckSchema, ProfileIdSchema, ProfileInputSchema, ProfileSchema, SettingsSchema } from './profiles';
import type { MethodTable, EventTable } from '../rpc/protocol';

export const TerminalIdSchema = z.string().regex(/^t[0-9]+$/);
const Cols = z.number().int().min(2).max(1000);
const Rows = z.number().int().min(1).max(500);

export const GatewayStateSchema = z.object({
  status: z.enum(['disconnected', 'connecting', 'connected', 'lost']),
  /** The profile this state is about, once one was chosen. */
  profileId: ProfileIdSchema.optional(),
  /** Where and as whom, once known. */
  gateway: z.object({ name: z.string(), address: z.string(), user: z.string() }).optional(),
  /** Why the last attempt failed or the connection was lost, for a person to read. */
  error: z.string().optional(),
  /** The attempt stopped at the gateway's host key: ask the user (unknown) or refuse (changed). */
  hostKey: HostKeyCheckSchema.optional(),
  /** The attempt stopped because the key file is encrypted: ask for its passphrase. */
  needsPassphrase: z.boolean().optional(),
  /** While connecting: the gateway asks a question (e.g. a TOTP code); answer with gateway.answerPrompt. */
  prompt: AuthPromptSchema.optional(),
});
export type GatewayState = z.infer<typeof GatewayStateSchema>;

export const TerminalStatusSchema = z.object({
  terminalId: TerminalIdSchema,
  status: z.enum(['connecting', 'live', 'closed', 'lost']),
  exitCode: z.number().int().optional(),
  signal: z.string().optional(),
  message: z.string().optional(),
});
export type TerminalStatus = z.infer<typeof TerminalStatusSchema>;

export const clientMethods = {
  'app.info': {
    params: z.object({}).strict(),
    result: z.object({ version: z.string(), shell: z.enum(['electron', 'browser']) }),
  },
  'gateway.state': { params: z.object({}).strict(), result: GatewayStateSchema },
  /** Connects to a profile (the current one when omitted). */
  'gateway.connect': {
    params: z.object({ profileId: ProfileIdSchema.optional(), passphrase: z.string().max(1024).optional() }).strict(),
    result: GatewayStateSchema,
  },
  /** The user accepted the fingerprint shown for an unknown gateway host key (TOFU). */
  'gateway.trustHostKey': {
    params: z.object({ profileId: ProfileIdSchema, fingerprint: z.string().min(1).max(200) }).strict(),
    result: z.null(),
  },
  /**
   * Forgets the trusted host key of a profile's gateway (host:port), so the next connect asks
   * again. The only way past a 'changed' key, and a deliberate one: there is no "continue anyway".
   */
  'gateway.forgetHostKey': { params: z.object({ profileId: ProfileIdSchema }).strict(), result: z.null() },
  /** Answers the open gateway question (state.prompt), one answer per prompt, sent once and not kept. */
  'gateway.answerPrompt': { params: z.object({ promptId: AuthPromptIdSchema, answers: AuthAnswersSchema }).strict(), result: z.null() },
  /** Declines the open gateway question: the connection attempt fails. */
  'gateway.cancelPrompt': { params: z.object({ promptId: AuthPromptIdSchema }).strict(), result: z.null() },
  'profiles.list': { params: z.object({}).strict(), result: z.array(ProfileSchema) },
  'profiles.save': { params: z.object({ id: ProfileIdSchema.optional(), profile: ProfileInputSchema }).strict(), result: ProfileSchema },
  'profiles.remove': { params: z.object({ id: ProfileIdSchema }).strict(), result: z.null() },
  /** Reads ~/.ssh/config (Host, HostName, Port, User, IdentityFile) and adds what is not there yet. */
  'profiles.importSshConfig': {
    params: z.object({}).strict(),
    result: z.object({ imported: z.array(ProfileSchema), skipped: z.array(z.object({ host: z.string(), reason: z.string() })) }),
  },
  'layout.get': { params: z.object({}).strict(), result: LayoutSchema.nullable() },
  'layout.save': { params: z.object({ layout: LayoutSchema }).strict(), result: z.null() },
  'settings.get': { params: z.object({}).strict(), result: SettingsSchema },
  'settings.save': { params: z.object({ settings: SettingsSchema }).strict(), result: SettingsSchema },
  /** Opens an http(s) link in the system browser, after the renderer had the user confirm it. */
  'app.openExternal': { params: z.object({ url: z.string().url().max(4096) }).strict(), result: z.null() },
  'gateway.disconnect': { params: z.object({}).strict(), result: GatewayStateSchema },
  /** The hosts this user may reach, as a host table: the renderer decodes it (decodeHostTable). */
  'hosts.list': { params: z.object({}).strict(), result: HostTableSchema },
  /**
   * The hosts of the tree's first `rows` rows (shared/contract/host-table-head), to paint before the
   * whole list arrives. The main side keeps the table it fetched for this for the next `hosts.list`.
   */
  'hosts.head': { params: z.object({ rows: z.number().int().min(1).max(MAX_HEAD_ROWS) }).strict(), result: HostTableHeadSchema },
  'terminal.open': {
    params: z.object({ host: HostNameSchema, login: LoginNameSchema, cols: Cols, rows: Rows }).strict(),
    result: z.object({ terminalId: TerminalIdSchema }),
  },
  /** Keystrokes and pastes, as the terminal emitted them. */
  'terminal.input': {
    params: z.object({ terminalId: TerminalIdSchema, data: z.string().max(1024 * 1024) }).strict(),
    result: z.null(),
  },
  'terminal.resize': {
    params: z.object({ terminalId: TerminalIdSchema, cols: Cols, rows: Rows }).strict(),
    result: z.null(),
  },
  /** Flow control: the renderer has finished drawing `bytes` of `terminal.data`. */
  'terminal.ack': {
    params: z.object({ terminalId: TerminalIdSchema, bytes: z.number().int().positive() }).strict(),
    result: z.null(),
  },
  'terminal.close': { params: z.object({ terminalId: TerminalIdSchema }).strict(), result: z.null() },
} satisfies MethodTable;

export const clientEvents = {
  'gateway.state': GatewayStateSchema,
  /** Output for a terminal. `bytes` is what the renderer acknowledges once drawn. */
  'terminal.data': z.object({ terminalId: TerminalIdSchema, data: z.string(), bytes: z.number().int().nonnegative() }),
  'terminal.status': TerminalStatusSchema,
} satisfies EventTable;

export type ClientMethods = typeof clientMethods;
export type ClientEvents = typeof clientEvents;
