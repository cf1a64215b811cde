// Client API section "terminals": pty sessions through the gateway, with acknowledged flow control.
// A terminal's end travels as facts (who or what ended it, exit code, signal), never as a sentence.
import { z } from 'zod';
import { HostNameSchema, LoginNameSchema } from '../inventory';
import { LoginRuleRefusalSchema, RefusalReasonSchema } from '../refusal';
import { ConnectionErrorSchema } from './connection';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

export const TerminalIdSchema = z.string().regex(/^t[0-9]+$/);
const Cols = z.number().int().min(2).max(1000);
const Rows = z.number().int().min(1).max(500);

export const TERMINAL_END_REASONS = [
  'ended', // the target's session ended (exitCode or signal when it told)
  'refused', // the gateway refused it before anything ran (refusal: why; its own words are in the output)
  'closed', // this client closed it (terminal.close, or its renderer went away)
  'gateway_lost', // the gateway connection dropped under it (connectionError: why)
  'gateway_disconnected', // the user disconnected from the gateway
] as const;

export const TerminalStatusSchema = z.object({
  terminalId: TerminalIdSchema,
  status: z.enum(['connecting', 'live', 'closed', 'lost']),
  /** For 'closed' and 'lost': who or what ended it. */
  reason: z.enum(TERMINAL_END_REASONS).optional(),
  exitCode: z.number().int().optional(),
  /** As the target reported it, e.g. SIGTERM (untrusted text: the renderer sanitizes it). */
  signal: z.string().max(64).optional(),
  /** For 'refused': the gateway's reason (shared/contract/refusal.ts). */
  refusal: RefusalReasonSchema.optional(),
  /** For refusal 'login_rule': the rule's facts. */
  loginRule: LoginRuleRefusalSchema.optional(),
  /** For 'gateway_lost': why the connection went. */
  connectionError: ConnectionErrorSchema.optional(),
});
export type TerminalStatus = z.infer<typeof TerminalStatusSchema>;
export type TerminalEndReason = (typeof TERMINAL_END_REASONS)[number];

export const terminalsMethods = {
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

export const terminalsEvents = {
  /** Output for a terminal. `bytes` is what the renderer acknowledges once drawn. */
  'terminal.data': z.object({ terminalId: TerminalIdSchema, data: z.string(), bytes: z.number().int().nonnegative() }),
  'terminal.status': TerminalStatusSchema,
} satisfies EventTable;

export const terminalsSection = { methods: terminalsMethods, events: terminalsEvents } satisfies ApiSection;
