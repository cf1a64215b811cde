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

/** Why a rule's text is refused: a code and its params, so each client words it in its language. */
export const LOGIN_RULE_PROBLEM_CODES = [
  'subject_missing', // neither a user nor a group (or both)
  'subject_unknown', // { name }: no such user or group
  'cidr_invalid', // { text }: not address/prefix
  'cidr_prefix', // { text, max }: prefix out of range
  'cidr_mapped_prefix', // { text }: an IPv4-mapped network with a prefix under 96
  'cidr_host_bits', // { text, suggestion }: bits set after the prefix; the network it probably means
  'too_many_cidrs', // { max }
  'days_empty',
  'days_invalid', // { text }
  'hours_invalid', // { text }
  'hours_start_24', // { text }
  'hours_same', // { text }: starts as it ends
  'zone_invalid', // { text }
  'rule_empty', // no networks, days or hours: the rule would say nothing
] as const;
export type LoginRuleProblemCode = (typeof LOGIN_RULE_PROBLEM_CODES)[number];

export const LoginRuleProblemSchema = z.object({
  field: z.enum(['subject', 'cidrs', 'days', 'hours', 'timeZone', 'rule']),
  code: z.enum(LOGIN_RULE_PROBLEM_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type LoginRuleProblem = z.infer<typeof LoginRuleProblemSchema>;

/** A draft as the add form holds it: the same fields as a new rule, each checked on its own. */
export const LoginRuleDraftSchema = z
  .object({
    user: z.string().max(64).optional(),
    group: z.string().max(64).optional(),
    cidrs: z.array(z.string().max(64)).max(LOGIN_RULE_LIMITS.maxCidrs * 4).default([]),
    days: z.string().max(64).optional(),
    hours: z.string().max(16).optional(),
    timeZone: z.string().max(64).optional(),
  })
  .strict();

export const LoginRuleCheckSchema = z.object({
  /** Empty when the draft would be stored as it is. */
  problems: z.array(LoginRuleProblemSchema),
  /** The rule as it would be stored (canonical texts), when there are no problems. */
  rule: LoginRuleSchema.pick({ subject: true, cidrs: true, days: true, hours: true, timeZone: true }).nullable(),
  /**
   * The caller's own connection: its source address, and whether the login rules allow it now and
   * would with this rule added (false: the admin would lock themselves out of their next login).
   */
  self: z.object({ source: z.string().nullable(), applies: z.boolean(), allowedNow: z.boolean(), allowedAfter: z.boolean() }),
});
export type LoginRuleCheck = z.infer<typeof LoginRuleCheckSchema>;

const admin = { roles: ['admin'] } as const;

export const loginRulesMethods = {
  /** Every login rule, oldest first. */
  'rules.login.list': { params: z.object({}).strict(), result: z.array(LoginRuleSchema), policy: admin },
  /** Checks a draft without storing it: its problems (codes), its canonical form, what it does to the caller's own connection. */
  'rules.login.check': { params: LoginRuleDraftSchema, result: LoginRuleCheckSchema, policy: admin },
  /** Adds a rule (audited `rule.login.added`); live connections it refuses are warned, then cut. */
  'rules.login.add': { params: NewLoginRuleSchema, result: LoginRuleSchema, policy: admin },
  /** Removes a rule (audited `rule.login.removed`); live connections are re-checked at once. */
  'rules.login.remove': { params: z.object({ id: Id }).strict(), result: LoginRuleSchema, policy: admin },
} satisfies GatewayMethodTable;

export const loginRulesSection = { methods: loginRulesMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;
