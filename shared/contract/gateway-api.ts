// The API the gateway serves to desktop clients over the `portcullis-api` SSH subsystem,
// one JSON message per line. The gateway answers only for the authenticated user.
import { z } from 'zod';
import { MyGrantSchema } from './grants';
import { HostTableSchema } from './host-table';
import { HostListSchema } from './inventory';
import { CommandEntrySchema, CommandsSearchParamsSchema, SessionsListParamsSchema, SessionSummarySchema } from './sessions';
import type { MethodTable, EventTable } from '../rpc/protocol';

/** Name of the SSH subsystem that carries the API. */
export const GATEWAY_API_SUBSYSTEM = 'portcullis-api';
/** Largest request line the gateway accepts on the API channel. */
export const GATEWAY_API_MAX_LINE = 1024 * 1024;
/**
 * Largest response line the client accepts: `hosts.list` is one line, ~190 bytes a host (50 k
 * hosts ≈ 9.5 MB; `hosts.table` ≈ 2 MB), so 1 MiB stopped at ~5,500 hosts. The gateway is authenticated by its host key.
 */
export const GATEWAY_API_MAX_RESPONSE_LINE = 64 * 1024 * 1024;

export const WhoAmISchema = z.object({
  user: z.string(),
  roles: z.array(z.enum(['admin', 'security', 'operator'])),
});

export const gatewayMethods = {
  whoami: { params: z.object({}).strict(), result: WhoAmISchema },
  /** The reachable hosts as one array of objects: what clients before `hosts.table` ask for. */
  'hosts.list': { params: z.object({}).strict(), result: HostListSchema },
  /**
   * The same hosts as a columnar table (./host-table.ts): ~4.5× smaller and much quicker to check.
   * Current clients ask for this, and fall back to `hosts.list` when a gateway does not know it.
   */
  'hosts.table': { params: z.object({}).strict(), result: HostTableSchema },
  /** The caller's grants that have not ended (in force or to come), own and through groups. */
  'grants.mine': { params: z.object({}).strict(), result: z.array(MyGrantSchema) },
  'sessions.list': { params: SessionsListParamsSchema, result: z.array(SessionSummarySchema) },
  'commands.search': { params: CommandsSearchParamsSchema, result: z.array(CommandEntrySchema) },
} satisfies MethodTable;

export const gatewayEvents = {} satisfies EventTable;

export type GatewayMethods = typeof gatewayMethods;
