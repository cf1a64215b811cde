// Splits a POSIX shell command line into its simple commands and their words, as sh would read the
// quoting (the command rules' tokenizer, rules/command/tokenize.ts): the commands of $(…) and `…`
// follow the line's own. No expansion is done: this only tells which program a command line runs
// (a word's text, not what the shell would make of $VAR).
import { tokenize } from '../rules/command/tokenize';

export function shellWords(line: string): string[][] {
  const { commands, nested } = tokenize(line);
  return [...commands, ...nested.flatMap(shellWords)];
}
