// Who may call each gateway API method. Every method of a gateway section declares a policy
// (GatewayMethodTable makes it a type error to leave it out; the gateway also refuses to start
// with a method that has none). The gateway checks it before the handler runs; the client only
// hides what the caller cannot use.
import { z } from 'zod';
import type { MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

export const GATEWAY_ROLES = ['admin', 'security', 'operator'] as const;
export const GatewayRoleSchema = z.enum(GATEWAY_ROLES);
export type GatewayRole = z.infer<typeof GatewayRoleSchema>;

/**
 * `own-data`: any authenticated user, answered about their own data only (the handler scopes it).
 * `{ roles }`: only a caller holding one of these roles; everyone else is denied.
 */
export const ApiPolicySchema = z.union([z.literal('own-data'), z.object({ roles: z.array(GatewayRoleSchema).min(1).readonly() }).strict()]);
export type ApiPolicy = z.infer<typeof ApiPolicySchema>;

/** A gateway method: its schemas and who may call it. */
export type GatewayMethodTable = Record<string, MethodTable[string] & { policy: ApiPolicy }>;

/** A gateway API section: like any section, but every method names its policy. */
export type GatewayApiSection = ApiSection & { methods: GatewayMethodTable };

/** Whether a caller holding `roles` may call a method with this policy. */
export function policyAllows(policy: ApiPolicy, roles: readonly GatewayRole[]): boolean {
  return policy === 'own-data' || policy.roles.some((role) => roles.includes(role));
}

/** The policy in words, for the denial message and the docs: "the admin or security role". */
export function describePolicy(policy: ApiPolicy): string {
  if (policy === 'own-data') return 'any signed-in user (own data only)';
  return `the ${policy.roles.join(' or ')} role`;
}
