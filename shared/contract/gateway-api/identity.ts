// Gateway API section "identity": who the caller is to the gateway.
import { z } from 'zod';
import type { EventTable } from '../../rpc/protocol';
import { GatewayRoleSchema, type GatewayApiSection, type GatewayMethodTable } from './policy';

export const WhoAmISchema = z.object({
  user: z.string(),
  roles: z.array(GatewayRoleSchema),
});

export const identityMethods = {
  whoami: { params: z.object({}).strict(), result: WhoAmISchema, policy: 'own-data' },
} satisfies GatewayMethodTable;

export const identitySection = { methods: identityMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;
