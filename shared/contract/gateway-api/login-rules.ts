// Gateway API section "rules.login": login rules for administrators (docs/GATEWAY.md, "Login
// rules"): per user or group, the source networks and weekday/hour window a login may come from
// and in. The gateway validates the texts (CIDRs, days, hours, IANA zone) and says what is wrong.
import { z } from 'zod';
import type { EventTable } from '../../rpc/protocol';
import { LoginNameSchema } from '../inventory';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

export const LOGIN_RULE_LIMITS = {
  /** Networks one rule may list. */
  maxCidrs: 64,
} as const;

const Id = z.number().int().positive();

export const LoginRuleSchema = z.object({
  id: Id,
  subject: z.object({ kind: z.enum(['user', 'group']), name: z.string() }),
  /** Canonical CIDRs (`10.0.0.0/8`, `2001:db8::/32`); empty = any source. */
  cidrs: z.array(z.string()),
  /** Weekdays, shortest form: `mon-fri`, `mon,wed,fri`; every day is `mon-sun`. */
  days: z.string(),
  /** `HH:MM-HH:MM` (may cross midnight); null = all day. */
  hours: z.string().nullable(),
  /** IANA time zone the days and hours are read in. */
  timeZone: z.string(),
  createdAt: z.number().int().nonnegative(),
  createdBy: z.string(),
});
export type LoginRule = z.infer<typeof LoginRuleSchema>;

export const NewLoginRuleSchema = z
  .object({
    user: LoginNameSchema.optional(),
    group: LoginNameSchema.optional(),
    cidrs: z.array(z.string().min(1).max(64)).max(LOGIN_RULE_LIMITS.maxCidrs).default([]),
    days: z.string().min(1).max(64).optional(),
    hours: z.string().min(1).max(16).optional(),
    timeZone: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((r) => (r.user === undefined) !== (r.group === undefined), { message: 'give exactly one of user or group', path: ['user'] });
export type NewLoginRule = z.input<typeof NewLoginRuleSchema>;

const admin = { roles: ['admin'] } as const;

export const loginRulesMethods = {
  /** Every login rule, oldest first. */
  'rules.login.list': { params: z.object({}).strict(), result: z.array(LoginRuleSchema), policy: admin },
  /** Adds a rule (audited `rule.login.added`); live connections it refuses are warned, then cut. */
  'rules.login.add': { params: NewLoginRuleSchema, result: LoginRuleSchema, policy: admin },
  /** Removes a rule (audited `rule.login.removed`); live connections are re-checked at once. */
  'rules.login.remove': { params: z.object({ id: Id }).strict(), result: LoginRuleSchema, policy: admin },
} satisfies GatewayMethodTable;

export const loginRulesSection = { methods: loginRulesMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;
