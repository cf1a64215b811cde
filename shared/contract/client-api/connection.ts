// Client API section "connection & trust": the one gateway connection, its host key (trust on
// first use, a changed key is a hard stop) and the gateway's questions at login (e.g. a TOTP code).
// Failures travel as a code with their facts (ConnectionError), never as sentences: the renderer
// words them, in one place.
import { z } from 'zod';
import { AuthAnswersSchema, AuthPromptIdSchema, AuthPromptSchema } from '../auth-prompt';
import { HostKeyCheckSchema, ProfileIdSchema } from '../profiles';
import { LoginRuleRefusalSchema } from '../refusal';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';
import { CONNECTION_ERROR_CODES } from './connection-codes';

export { CONNECTION_ERROR_CODES, type ConnectionErrorCode } from './connection-codes';

/** Why an attempt failed or the connection was lost: a code and its facts. */
export const ConnectionErrorSchema = z.object({
  code: z.enum(CONNECTION_ERROR_CODES),
  /** key_refused: what was offered. */
  auth: z.enum(['key', 'agent']).optional(),
  /** key_file_*, passphrase_*: the key file (with ~ expanded). */
  keyFile: z.string().max(4096).optional(),
  /** prompt_timeout: how long the question waited. */
  seconds: z.number().int().nonnegative().optional(),
  /** too_many_prompts: how many questions Portcullis shows at most. */
  limit: z.number().int().nonnegative().optional(),
  /** login_refused: the rule's cause, the rule, and when one opens next if known. */
  loginRule: LoginRuleRefusalSchema.optional(),
  /** Raw text from the system or the gateway (untrusted: the renderer sanitizes and shortens it). */
  detail: z.string().max(2000).optional(),
});
export type ConnectionError = z.infer<typeof ConnectionErrorSchema>;

export const GatewayStateSchema = z.object({
  status: z.enum(['disconnected', 'connecting', 'connected', 'lost']),
  /** The profile this state is about, once one was chosen. */
  profileId: ProfileIdSchema.optional(),
  /** Where and as whom, once known. */
  gateway: z.object({ name: z.string(), address: z.string(), user: z.string() }).optional(),
  /** Why the last attempt failed or the connection was lost. */
  error: ConnectionErrorSchema.optional(),
  /** The attempt stopped at the gateway's host key: ask the user (unknown) or refuse (changed). */
  hostKey: HostKeyCheckSchema.optional(),
  /** The attempt stopped because the key file is encrypted: ask for its passphrase. */
  needsPassphrase: z.boolean().optional(),
  /** While connecting: the gateway asks a question (e.g. a TOTP code); answer with gateway.answerPrompt. */
  prompt: AuthPromptSchema.optional(),
});
export type GatewayState = z.infer<typeof GatewayStateSchema>;

export const connectionMethods = {
  'gateway.state': { params: z.object({}).strict(), result: GatewayStateSchema },
  /** Connects to a profile (the current one when omitted). */
  'gateway.connect': {
    params: z.object({ profileId: ProfileIdSchema.optional(), passphrase: z.string().max(1024).optional() }).strict(),
    result: GatewayStateSchema,
  },
  'gateway.disconnect': { params: z.object({}).strict(), result: GatewayStateSchema },
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
} satisfies MethodTable;

export const connectionEvents = {
  'gateway.state': GatewayStateSchema,
} satisfies EventTable;

export const connectionSection = { methods: connectionMethods, events: connectionEvents } satisfies ApiSection;
