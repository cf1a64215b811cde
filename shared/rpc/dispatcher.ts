// Serves a method table: validates params, runs the handler, validates the result,
// and turns every failure into a structured error instead of a dropped connection.
import type { z } from 'zod';
import {
  RequestMessageSchema,
  RpcError,
  checkSafely,
  describeZodError,
  requestIdOf,
  type MethodName,
  type MethodTable,
  type ResponseMessage,
} from './protocol';

export type Handlers<T extends MethodTable, Ctx> = {
  [M in MethodName<T>]: (params: z.output<T[M]['params']>, ctx: Ctx) => Promise<z.input<T[M]['result']>> | z.input<T[M]['result']>;
};

export interface Dispatcher<Ctx> {
  /** Handle one raw (already JSON-parsed) message. Never throws. */
  dispatch(raw: unknown, ctx: Ctx): Promise<ResponseMessage>;
}

export function createDispatcher<T extends MethodTable, Ctx>(
  table: T,
  handlers: Handlers<T, Ctx>,
  onInternalError: (method: string, error: unknown) => void = () => {},
  /**
   * Runs for a known method before its params are even looked at: throws an RpcError (e.g.
   * `denied`) to refuse the call, or returns the context the handler is given.
   */
  authorize: (method: MethodName<T>, ctx: Ctx) => Ctx = (_method, ctx) => ctx,
): Dispatcher<Ctx> {
  return {
    async dispatch(raw, ctx) {
      const envelope = RequestMessageSchema.safeParse(raw);
      if (!envelope.success) {
        return failure(requestIdOf(raw), new RpcError('bad_request', `malformed request: ${describeZodError(envelope.error)}`));
      }
      const { id, method, params } = envelope.data;
      if (!Object.hasOwn(table, method)) {
        return failure(id, new RpcError('unknown_method', `unknown method "${method}"`));
      }
      const spec = table[method]!;
      const failed = (error: unknown): ResponseMessage => {
        if (error instanceof RpcError) return failure(id, error);
        onInternalError(method, error);
        return failure(id, new RpcError('internal', `${method} failed unexpectedly`));
      };
      let handlerCtx: Ctx;
      try {
        handlerCtx = authorize(method as MethodName<T>, ctx);
      } catch (error) {
        return failed(error);
      }
      try {
        const parsed = checkSafely(spec.params, params ?? {});
        if (!parsed.success) {
          return failure(id, new RpcError('bad_request', `invalid params for ${method}: ${describeZodError(parsed.error)}`));
        }
        const handler = handlers[method as MethodName<T>] as (p: unknown, c: Ctx) => unknown;
        const result = spec.result.parse(await handler(parsed.data, handlerCtx));
        return { type: 'response', id, ok: true, result };
      } catch (error) {
        return failed(error);
      }
    },
  };
}

function failure(id: number, error: RpcError): ResponseMessage {
  return { type: 'response', id, ok: false, error: error.toJSON() };
}
