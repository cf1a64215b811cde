// Gateway API section "hosts": the hosts the caller may reach.
import { z } from 'zod';
import { HostTableSchema } from '../host-table';
import { HostListSchema } from '../inventory';
import type { EventTable } from '../../rpc/protocol';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

export const hostsMethods = {
  /** The reachable hosts as one array of objects: what clients before `hosts.table` ask for. */
  'hosts.list': { params: z.object({}).strict(), result: HostListSchema, policy: 'own-data' },
  /**
   * The same hosts as a columnar table (../host-table.ts): ~4.5× smaller and much quicker to check.
   * Current clients ask for this, and fall back to `hosts.list` when a gateway does not know it.
   */
  'hosts.table': { params: z.object({}).strict(), result: HostTableSchema, policy: 'own-data' },
} satisfies GatewayMethodTable;

export const hostsSection = { methods: hostsMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;
