export { parseCommandLine, PARSE_LIMITS, type ParsedLine } from './parse';
export { compilePattern, MAX_LITERAL_CHARS, type PatternSpec } from './pattern';
export { PatternError, REGEX_LIMITS } from './bounded-regex';
export { compileRules, type CommandAction, type CommandRule, type LineCheck, type RuleHit, type RuleSet } from './check';
export { createCommandRuleAdmin, CommandRuleError, type CommandRuleAdmin, type NewCommandRule } from './admin';
export type { StoredCommandRule } from './repo';
export { createCommandGuard, hitText, type CommandGuard, type GuardVerdict, type CheckedLine } from './guard';
export { gateShellInput, CONFIRM_TIMEOUT_MS } from './line-gate';
export { ScreenLine } from './screen-line';
