// A command rule's pattern, matched against one command's words (parse.ts), never against
// substrings of other words:
//  - literal: the pattern read as shell words; the command's program name must equal the first
//    (a path in the pattern counts by its name, as in the line), and its arguments must start with
//    the rest, word for word: `rm` matches `rm -rf /` and `/bin/rm x`; `systemctl stop` matches
//    `systemctl stop nginx`, not `systemctl status`; `init` matches neither `vim init.py` nor `initdb`.
//  - regex: over the command's words joined by single spaces (program name first), anchored at the
//    start, and the match must end at the end of a word: `rm( .*)? -[a-z]*r[a-z]*` matches `rm -fr x` (whole words: write `[^ ]*` to leave a word open),
//    `rm` matches `rm x` but not `rmdir x`.
import { boundedTest, compileBoundedRegex, PatternError } from './bounded-regex';
import { programName } from './parse';
import { tokenize } from './tokenize';

export interface PatternSpec {
  pattern: string;
  regex: boolean;
}

export interface CompiledPattern {
  /** Whether the command's words match; 'timeout' when a regex ran out of time (treated as a match). */
  test(words: readonly string[]): boolean | 'timeout';
}

export const MAX_LITERAL_CHARS = 1024;


export function compilePattern(spec: PatternSpec): CompiledPattern {
  if (spec.pattern.trim() === '') throw new PatternError('empty', 'the pattern is empty');
  if (spec.regex) {
    const re = compileBoundedRegex(spec.pattern, (source) => `^(?:${source})(?= |$)`);
    return { test: (words) => boundedTest(re, words.join(' ')) };
  }
  if (spec.pattern.length > MAX_LITERAL_CHARS) throw new PatternError('too_long', `the pattern is longer than ${MAX_LITERAL_CHARS} characters`);
  const { commands, nested } = tokenize(spec.pattern);
  if (commands.length !== 1 || nested.length > 0) throw new PatternError('not_one_command', 'a literal pattern is one command: a program name and, if you like, its first arguments (no ; | && or $(…))');
  const [name, ...args] = commands[0]!;
  const program = programName(name!);
  return {
    test: (words) => words[0] === program && args.every((arg, i) => words[i + 1] === arg),
  };
}
