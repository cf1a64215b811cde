// The wire shape shared by every request/response channel in Portcullis:
// renderer ⇄ client main side (IPC or WebSocket) and client ⇄ gateway (SSH subsystem).
// Pure: no DOM, no Node. Every boundary validates with these schemas.
import { z } from 'zod';
import { REASON_LIMITS, REASON_PATTERN, type Why } from '../contract/error-reasons';

/** A method table: each method names the schema of its params and of its result. */
export type MethodTable = Record<string, { params: z.ZodType; result: z.ZodType }>;
/** An event table: each event names the schema of its payload. */
export type EventTable = Record<string, z.ZodType>;
/** A topic table (server-pushed subscriptions): each topic names the schema of its params and of each event's data. */
export type TopicTable = Record<string, { params: z.ZodType; data: z.ZodType }>;

export type MethodName<T extends MethodTable> = Extract<keyof T, string>;
export type ParamsOf<T extends MethodTable, M extends MethodName<T>> = z.input<T[M]['params']>;
export type ResultOf<T extends MethodTable, M extends MethodName<T>> = z.output<T[M]['result']>;
export type EventName<T extends EventTable> = Extract<keyof T, string>;
export type PayloadOf<T extends EventTable, E extends EventName<T>> = z.output<T[E]>;

export const ERROR_CODES = [
  'bad_request', // malformed message or params that fail the schema
  'unknown_method',
  'not_connected', // the client has no live gateway connection
  'not_found', // unknown host/terminal/session (or one the caller may not see)
  'denied', // authenticated but not allowed
  'upstream', // the target or gateway refused or failed
  'unavailable', // temporarily unable (shutting down, overloaded)
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const ParamValueSchema = z.union([z.string().max(REASON_LIMITS.valueChars), z.number().finite()]);

export const RpcErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Why, as a code the receiver words itself (shared/contract/error-reasons.ts); absent from older peers. */
  reason: z.string().max(REASON_LIMITS.reasonChars).regex(REASON_PATTERN).optional(),
  /** The reason's facts (an id, a name, a limit): flat and small. */
  params: z
    .record(z.string().max(REASON_LIMITS.nameChars).regex(/^[A-Za-z][A-Za-z0-9_]*$/), ParamValueSchema)
    .refine((params) => Object.keys(params).length <= REASON_LIMITS.params, `at most ${REASON_LIMITS.params} params`)
    .optional(),
});
export type RpcErrorShape = z.infer<typeof RpcErrorSchema>;

/** A reason's params as the wire bounds them: long text is cut, not refused (the error must still get through). */
function boundedParams(params: Record<string, string | number>): Record<string, string | number> {
  const entries = Object.entries(params)
    .filter(([, value]) => typeof value === 'string' || Number.isFinite(value))
    .slice(0, REASON_LIMITS.params)
    .map(([name, value]) => [name, typeof value === 'string' ? value.slice(0, REASON_LIMITS.valueChars) : value]);
  return Object.fromEntries(entries) as Record<string, string | number>;
}

/**
 * An error that carries a code the other side can act on, and (when it knows) the reason and its
 * params that the renderer words; its message is the English sentence for logs and the CLI.
 */
export class RpcError extends Error {
  readonly reason?: string;
  readonly params?: Record<string, string | number>;
  constructor(
    readonly code: ErrorCode,
    message: string,
    why?: Why,
  ) {
    super(message);
    this.name = 'RpcError';
    if (why) ({ reason: this.reason, params: this.params } = why);
  }
  toJSON(): RpcErrorShape {
    const shape: RpcErrorShape = { code: this.code, message: this.message };
    if (this.reason) shape.reason = this.reason;
    if (this.params && Object.keys(this.params).length) shape.params = boundedParams(this.params);
    return shape;
  }
  /** From the wire: a reason this side does not declare (a newer peer's) is kept; the renderer falls back for it. */
  static from(shape: RpcErrorShape): RpcError {
    return new RpcError(shape.code, shape.message, shape.reason ? ({ reason: shape.reason, params: shape.params ?? {} } as Why) : undefined);
  }
}

export const RequestMessageSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(100),
  params: z.unknown(),
});
export type RequestMessage = z.infer<typeof RequestMessageSchema>;

/** The id of a request that may be malformed, to answer it: 0 when it has none. */
export function requestIdOf(raw: unknown): number {
  const id = (raw as { id?: unknown } | null)?.id;
  // Echoed only when the response schema can carry it (a fraction or a huge number would not).
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : 0;
}

export const ResponseMessageSchema = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('response'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('response'), id: z.number().int(), ok: z.literal(false), error: RpcErrorSchema }),
]);
export type ResponseMessage = z.infer<typeof ResponseMessageSchema>;

export const EventMessageSchema = z.object({
  type: z.literal('event'),
  event: z.string().min(1).max(100),
  payload: z.unknown(),
});
export type EventMessage = z.infer<typeof EventMessageSchema>;

export const ServerMessageSchema = z.union([ResponseMessageSchema, EventMessageSchema]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/**
 * safeParse that never throws: the schemas bound what can nest (e.g. contract/layout.ts), but a
 * throw from a check (a stack overflow on a shape no bound foresaw) still means "invalid input",
 * to be answered as such, never thrown past a dispatcher or a message handler.
 */
export function checkSafely<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  try {
    return schema.safeParse(value);
  } catch {
    const issue = { code: 'custom' as const, path: [], message: 'too deeply nested or too large to check', input: value };
    return { success: false, error: new z.ZodError([issue]) as unknown as z.ZodError<z.output<S>> };
  }
}

/** A short, human-readable summary of a schema failure (first few issues, with their paths). */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
