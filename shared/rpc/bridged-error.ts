// Electron's contextBridge copies a rejected Error to the page with its message only: an RpcError's
// code, reason and params would be lost, and the renderer could word nothing but the English
// sentence. The preload rejects with this plain object instead (plain data crosses the bridge
// whole), and the page turns it back into an RpcError, validated like any other wire error.
import { RpcError, RpcErrorSchema } from './protocol';

const KEY = 'portcullisRpcError';

/** What the preload rejects with: an RpcError as plain data; anything else as it is. */
export function toBridged(error: unknown): unknown {
  return error instanceof RpcError ? { [KEY]: error.toJSON() } : error;
}

/** The page's side: an RpcError again for a bridged one; anything else as it is. */
export function fromBridged(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !(KEY in value)) return value;
  const parsed = RpcErrorSchema.safeParse((value as Record<string, unknown>)[KEY]);
  return parsed.success ? RpcError.from(parsed.data) : new RpcError('internal', 'the main side sent an error that could not be read');
}
