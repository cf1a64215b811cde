// Gateway API section "rules.command": command rules (docs/GATEWAY.md, "Command rules"), for
// administrators: list, add, remove, and the rule tester (a line → the commands read from it and
// the rule that decides it, against the stored rules or rules being edited).
import { z } from 'zod';
import type { EventTable } from '../../rpc/protocol';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

export const COMMAND_RULE_ACTIONS = ['reject', 'confirm'] as const;
export const COMMAND_RULE_LIMITS = { patternChars: 1024, selectorChars: 4096, lineChars: 16 * 1024, testedRules: 200 } as const;

export const CommandRuleInputSchema = z
  .object({
    hosts: z.string().min(1).max(COMMAND_RULE_LIMITS.selectorChars),
    pattern: z.string().min(1).max(COMMAND_RULE_LIMITS.patternChars),
    regex: z.boolean(),
    action: z.enum(COMMAND_RULE_ACTIONS),
  })
  .strict();

export const CommandRuleSchema = CommandRuleInputSchema.extend({ id: z.number().int().positive(), createdBy: z.string(), createdAt: z.number().int() });
export type CommandRuleView = z.infer<typeof CommandRuleSchema>;

export const RuleTestResultSchema = z.object({
  /** Every command the line would run, program name first. */
  commands: z.array(z.array(z.string())),
  hit: z
    .object({
      /** Index into the rules tested (the stored ones, or those given). */
      rule: z.number().int().nonnegative(),
      command: z.array(z.string()),
      why: z.enum(['matched', 'regex_timeout', 'unreadable']),
    })
    .optional(),
});

const admin = { roles: ['admin'] } as const;

export const commandRulesMethods = {
  'rules.command.list': { params: z.object({}).strict(), result: z.array(CommandRuleSchema), policy: admin },
  'rules.command.add': { params: CommandRuleInputSchema, result: CommandRuleSchema, policy: admin },
  'rules.command.remove': { params: z.object({ id: z.number().int().positive() }).strict(), result: CommandRuleSchema, policy: admin },
  /** A line against `rules` (being edited) or, without them, the stored rules (host selectors not applied). */
  'rules.command.test': {
    params: z.object({ line: z.string().max(COMMAND_RULE_LIMITS.lineChars), rules: z.array(CommandRuleInputSchema).max(COMMAND_RULE_LIMITS.testedRules).optional() }).strict(),
    result: RuleTestResultSchema,
    policy: admin,
  },
} satisfies GatewayMethodTable;

export const commandRulesSection = { methods: commandRulesMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;
