// Gateway API section "grants": the caller's own grants.
import { z } from 'zod';
import { MyGrantSchema } from '../grants';
import type { EventTable } from '../../rpc/protocol';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

export const grantsMethods = {
  /** The caller's grants that have not ended (in force or to come), own and through groups. */
  'grants.mine': { params: z.object({}).strict(), result: z.array(MyGrantSchema), policy: 'own-data' },
} satisfies GatewayMethodTable;

export const grantsSection = { methods: grantsMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;
