export { parseCommandLine, PARSE_LIMITS, type ParsedLine } from './parse';
export { compilePattern, MAX_LITERAL_CHARS, type PatternSpec } from './pattern';
export { PatternError, REGEX_LIMITS } from './bounded-regex';
export { compileRules, type CommandAction, type CommandRule, type LineCheck, type RuleHit, type RuleSet } from './check';
