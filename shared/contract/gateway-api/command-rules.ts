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

/** Why a pattern is refused (the app words each; the CLI prints the gateway's sentence). */
export const PATTERN_REFUSALS = ['empty', 'too_long', 'not_one_command', 'invalid_regex', 'backreference', 'lookaround', 'nested_repetition', 'slow'] as const;
export type PatternRefusal = (typeof PATTERN_REFUSALS)[number];

/**
 * A draft rule against the built-in bypass corpus (docs/GATEWAY.md, "Command rules"): the corpus's
 * must-match lines that hide a command the draft matches when written alone, and which of them it
 * catches; and the look-alikes it hits on a program it was not written for. A refused pattern is
 * `refused` with its code instead.
 */
export const CorpusResultSchema = z.union([
  z.object({ refused: z.object({ code: z.enum(PATTERN_REFUSALS), detail: z.string() }) }),
  z.object({
    mustMatch: z.object({ total: z.number().int().nonnegative(), caught: z.number().int().nonnegative(), missed: z.array(z.string()) }),
    lookAlikes: z.object({ total: z.number().int().nonnegative(), hit: z.array(z.object({ line: z.string(), command: z.array(z.string()) })) }),
  }),
]);
export type CorpusResult = z.infer<typeof CorpusResultSchema>;

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
  /** A draft rule (not saved) against the built-in bypass corpus. */
  'rules.command.corpus': { params: CommandRuleInputSchema.pick({ pattern: true, regex: true }).strict(), result: CorpusResultSchema, policy: admin },
} satisfies GatewayMethodTable;

export const commandRulesSection = { methods: commandRulesMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;
