// Refusals of access requests and grant changes, with the API code they answer with. A
// RequestError is an AdminError, so the CLI prints it as any admin mistake.
import type { Why } from '../../../shared/contract/error-reasons';
import { RpcError } from '../../../shared/rpc/protocol';
import { AdminError } from '../admin-access';

export class RequestError extends AdminError {
  constructor(
    readonly code: 'bad_request' | 'not_found' | 'denied',
    message: string,
    why?: Why,
  ) {
    super(message, why);
    this.name = 'RequestError';
  }
}

/** Runs an admin or request operation for the API: its refusals become RpcErrors with their code. */
export function asRpc<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RequestError) throw new RpcError(error.code, error.message, error.why);
    if (error instanceof AdminError) throw new RpcError(/^no (grant|user|group|host|login rule)\b/.test(error.message) ? 'not_found' : 'bad_request', error.message, error.why);
    throw error;
  }
}
