// The built-in bypass corpus (bypass-corpus.tsv: bypass attempts that must match, look-alikes that
// must not), and a draft rule tried on it before it is saved. Each row was written for its own
// rule, so a draft is judged only where that says something about it:
//  - must-match: the rows whose command (the one the row's rule finds in the line) the draft
//    matches when that command is written alone; the draft should catch the whole line too
//    (`sudo rm -rf /`, `ls;rm -rf /`, `r''m -rf /` for a draft `rm -rf`);
//  - look-alikes: the rows the draft hits on a program other than the ones it catches in the
//    must-match rows (and, for a literal, its own program): `rm.*` hitting `rmdir x` is reported,
//    `rm` hitting `rm -r x` (a look-alike for `rm -rf`) is what it was written for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusResult } from '../../../../shared/contract/gateway-api/command-rules';
import { compileRules } from './check';
import { programName } from './parse';
import { compilePattern, type PatternSpec } from './pattern';
import { tokenize } from './tokenize';

export interface CorpusRow extends PatternSpec {
  match: boolean;
  line: string;
}

/** Parses the corpus's text: `match|no`, `lit:TEXT` or `re:REGEX`, the line (⏎ for a newline), tab-separated. */
export function parseCorpus(text: string): CorpusRow[] {
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [expect, rule, ...line] = l.split('\t');
      if ((expect !== 'match' && expect !== 'no') || !rule || !/^(lit|re):/.test(rule)) throw new Error(`bad corpus row: ${l}`);
      return { match: expect === 'match', regex: rule.startsWith('re:'), pattern: rule.slice(rule.indexOf(':') + 1), line: line.join('\t').replaceAll('⏎', '\n') };
    });
}

let builtIn: Array<CorpusRow & { command: string[] }> | undefined;

/** The built-in corpus, each row with the command its own rule finds (read once). */
export function bypassCorpus(): ReadonlyArray<CorpusRow & { command: string[] }> {
  builtIn ??= parseCorpus(readFileSync(join(import.meta.dirname, 'bypass-corpus.tsv'), 'utf8')).map((row) => ({
    ...row,
    command: compileRules([{ id: 0, pattern: row.pattern, regex: row.regex, action: 'reject' }]).check(row.line).hit?.command ?? [],
  }));
  return builtIn;
}

/** A draft rule against the corpus; throws PatternError when the pattern is refused. */
export function tryOnCorpus(draft: PatternSpec, corpus: ReadonlyArray<CorpusRow & { command: string[] }>): Exclude<CorpusResult, { refused: unknown }> {
  const pattern = compilePattern(draft);
  const rules = compileRules([{ id: 0, ...draft, action: 'reject' }]);
  const hit = (line: string) => rules.check(line).hit;
  const concerned = corpus.filter((row) => row.match && row.command.length > 0 && pattern.test(row.command) !== false);
  const missed = [...new Set(concerned.filter((row) => !hit(row.line)).map((row) => row.line))];
  const programs = new Set(concerned.map((row) => row.command[0]));
  if (!draft.regex) programs.add(programName(tokenize(draft.pattern).commands[0]![0]!));
  const lookAlikes = corpus.filter((row) => !row.match);
  // A line several rules' look-alikes share is reported once.
  const wrong = [...new Set(lookAlikes.map((row) => row.line))].flatMap((line) => {
    const found = hit(line);
    return found && !programs.has(found.command[0]) ? [{ line, command: found.command }] : [];
  });
  return { mustMatch: { total: concerned.length, caught: concerned.length - missed.length, missed }, lookAlikes: { total: lookAlikes.length, hit: wrong } };
}
