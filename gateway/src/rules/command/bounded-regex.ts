// Regex patterns an admin writes run on every checked line, in the gateway's one event loop, so a
// catastrophic one (`(a+)+$` on a long line backtracks for ages) would stall every session. Two
// guards, since no well-kept ReDoS checker is among the dependencies:
//  1. at creation, shapes that backtrack exponentially are refused: a repeated group that holds
//     another repetition or alternatives, backreferences and lookarounds; and the pattern is tried
//     on adversarial inputs under the time bound;
//  2. every match runs in a separate V8 context with a time limit (vm `timeout`, which interrupts
//     the regex engine itself), on input cut to MAX_SUBJECT characters. A match that runs out of
//     time counts as a match: the rule's action applies rather than being skipped.
import { createContext, Script } from 'node:vm';
import type { PatternRefusal } from '../../../../shared/contract/gateway-api/command-rules';

export const REGEX_LIMITS = { maxPatternChars: 512, maxSubjectChars: 4096, timeoutMs: 100 } as const;


/** A refused pattern: `code` for programs (the app words it), the message for people on the CLI. */
export class PatternError extends Error {
  constructor(
    readonly code: PatternRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'PatternError';
  }
}

const shape = (code: PatternRefusal, text: string) => ({ code, text });

/** Why a regex pattern is refused, or undefined when its shape is allowed. */
export function regexShapeProblem(source: string): { code: PatternRefusal; text: string } | undefined {
  if (source.length > REGEX_LIMITS.maxPatternChars) return shape('too_long', `longer than ${REGEX_LIMITS.maxPatternChars} characters`);
  if (/\\[1-9]|\\k</.test(source)) return shape('backreference', 'backreferences are not allowed');
  if (/\(\?<?[=!]/.test(source)) return shape('lookaround', 'lookarounds are not allowed');
  // Walk the groups: a group followed by a quantifier may contain no quantifier and no `|`.
  const stack: Array<{ quantified: boolean; alternation: boolean }> = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (ch === '(') stack.push({ quantified: false, alternation: false });
    else if (ch === '|' && stack.length > 0) stack.at(-1)!.alternation = true;
    else if (ch === ')') {
      const group = stack.pop();
      if (!group) return shape('invalid_regex', 'unbalanced parentheses');
      if (/^[*+?{]/.test(source.slice(i + 1)) && !/^\?(?![*+?{])/.test(source.slice(i + 1)) && (group.quantified || group.alternation)) {
        return shape('nested_repetition', 'a repeated group may not contain another repetition or alternatives (catastrophic backtracking); write it without nesting');
      }
      if (group.quantified && stack.length > 0) stack.at(-1)!.quantified = true;
    } else if ((ch === '*' || ch === '+' || ch === '{') && stack.length > 0) stack.at(-1)!.quantified = true;
  }
  return undefined;
}

const context = createContext({ re: /$^/, subject: '' });
const testScript = new Script('re.test(subject)');
// The context's first run costs tens of ms (setting it up): paid here, not by the first match's time limit.
testScript.runInContext(context);

/**
 * Whether `re` matches `subject` (cut to maxSubjectChars), or 'timeout' when it ran out of time.
 * The RegExp must not be global or sticky (no lastIndex state).
 */
export function boundedTest(re: RegExp, subject: string): boolean | 'timeout' {
  context.re = re;
  context.subject = subject.slice(0, REGEX_LIMITS.maxSubjectChars);
  try {
    return testScript.runInContext(context, { timeout: REGEX_LIMITS.timeoutMs }) === true;
  } catch {
    return 'timeout';
  } finally {
    context.subject = '';
  }
}

/** Inputs that make backtracking engines slow on the shapes the static check cannot see. */
const ADVERSARIAL = ['a'.repeat(4000) + '!', 'a '.repeat(2000) + '!', '-'.repeat(4000) + '\n', ' '.repeat(4000) + 'x', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'];

/** Compiles an admin's regex or throws PatternError saying why it is refused. */
export function compileBoundedRegex(source: string, wrap: (source: string) => string): RegExp {
  const problem = regexShapeProblem(source);
  if (problem) throw new PatternError(problem.code, `regex refused: ${problem.text}`);
  let re: RegExp;
  try {
    re = new RegExp(wrap(source), 'u');
  } catch (error) {
    throw new PatternError('invalid_regex', `not a valid regular expression: ${(error as Error).message}`);
  }
  for (const input of ADVERSARIAL) {
    if (boundedTest(re, input) === 'timeout') throw new PatternError('slow', `regex refused: it takes longer than ${REGEX_LIMITS.timeoutMs} ms on a long line (catastrophic backtracking)`);
  }
  return re;
}
