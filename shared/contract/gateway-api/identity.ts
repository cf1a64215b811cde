// Gateway API section "identity": who the caller is to the gateway.
import { z } from 'zod';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

export const WhoAmISchema = z.object({
  user: z.string(),
  roles: z.array(z.enum(['admin', 'security', 'operator'])),
});

export const identityMethods = {
  whoami: { params: z.object({}).strict(), result: WhoAmISchema },
} satisfies MethodTable;

export const identitySection = { methods: identityMethods, events: {} satisfies EventTable } satisfies ApiSection;
