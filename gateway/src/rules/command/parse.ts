// A shell line → the commands it runs, each as its words with the program's name first, the way a
// command rule sees them: `ls;rm -rf /` runs `ls` and `rm -rf /`; `sudo -u root /bin/rm x` runs
// `sudo -u root /bin/rm x` and `rm x`; `bash -c 'rm x'`, `$(rm x)` and `find . -exec rm {} ;` run
// `rm x` too. Leading NAME=value assignments and compound-command keywords (if, then, do, !, {)
// are not commands; `/usr/bin/rm` and `./rm` are `rm`.
import { tokenize } from './tokenize';
import { CLOSING_KEYWORDS, LEADING_KEYWORDS, SHELLS, WRAPPERS, wrappedStart } from './wrappers';

export interface ParsedLine {
  /** Every command the line would run, outermost first; words[0] is the program's name. */
  commands: string[][];
  /** Nesting deeper than MAX_DEPTH or more than MAX_COMMANDS: the line could not be read whole. */
  incomplete: boolean;
}

export const PARSE_LIMITS = { maxDepth: 8, maxCommands: 1000 } as const;

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
/** find's actions whose words up to `;` or `+` are a command. */
const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);

/** A program's name as the line runs it: a path counts by its last part. */
export const programName = (word: string) => word.slice(word.lastIndexOf('/') + 1) || word;

export function parseCommandLine(line: string): ParsedLine {
  const out: ParsedLine = { commands: [], incomplete: false };
  readLine(line, 0, out);
  return out;
}

function readLine(line: string, depth: number, out: ParsedLine): void {
  if (depth > PARSE_LIMITS.maxDepth) {
    out.incomplete = true;
    return;
  }
  const { commands, nested } = tokenize(line);
  for (const words of commands) readCommand(words, depth, out);
  for (const inner of nested) readLine(inner, depth + 1, out);
}

function add(words: string[], out: ParsedLine): boolean {
  if (out.commands.length >= PARSE_LIMITS.maxCommands) {
    out.incomplete = true;
    return false;
  }
  out.commands.push([programName(words[0]!), ...words.slice(1)]);
  return true;
}

/** One simple command's words: adds it, and whatever it runs in turn. */
function readCommand(all: string[], depth: number, out: ParsedLine): void {
  if (depth > PARSE_LIMITS.maxDepth) {
    out.incomplete = true;
    return;
  }
  let start = 0;
  while (start < all.length && (LEADING_KEYWORDS.has(all[start]!) || ASSIGNMENT.test(all[start]!))) start++;
  const words = all.slice(start);
  const first = words[0];
  if (first === undefined || CLOSING_KEYWORDS.has(first)) return;
  if (first === 'for' || first === 'select' || first === 'case') return; // `for x in a b`: no program runs
  if (!add(words, out)) return;

  const name = programName(first);
  const wrapper = Object.hasOwn(WRAPPERS, name) ? WRAPPERS[name] : undefined;
  if (wrapper) {
    const inner = wrappedStart(wrapper, words);
    const split = name === 'env' ? splitStringOf(words) : undefined;
    if (split !== undefined) readLine(split, depth + 1, out);
    else if (inner < words.length) readCommand(words.slice(inner), depth + 1, out);
  }
  const script = commandStringOf(name, words);
  if (script !== undefined) readLine(script, depth + 1, out);
  if (name === 'find') {
    for (let i = 1; i < words.length; i++) {
      if (!FIND_EXEC.has(words[i]!)) continue;
      const end = words.findIndex((w, j) => j > i && (w === ';' || w === '+'));
      const inner = words.slice(i + 1, end === -1 ? undefined : end);
      if (inner.length > 0) readCommand(inner, depth + 1, out);
      i = end === -1 ? words.length : end;
    }
  }
}

/** `env -S 'rm -rf x'` / `env --split-string=…`: the string env splits into a command. */
function splitStringOf(words: readonly string[]): string | undefined {
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-S' || w === '--split-string') return words.slice(i + 1).join(' ');
    if (w.startsWith('--split-string=')) return [w.slice('--split-string='.length), ...words.slice(i + 1)].join(' ');
    if (/^-[^-]*S/.test(w)) return [w.slice(w.indexOf('S') + 1), ...words.slice(i + 1)].join(' ').trim();
  }
  return undefined;
}

/** The command line a program runs from its arguments: `sh -c STRING`, `su -c STRING`, `eval WORDS`. */
function commandStringOf(name: string, words: readonly string[]): string | undefined {
  if (name === 'eval') return words.slice(1).join(' ');
  if (SHELLS.has(name) || name === 'su' || name === 'runuser') {
    for (let i = 1; i < words.length; i++) {
      const w = words[i]!;
      if (w === '--command' || (w.startsWith('-') && !w.startsWith('--') && w.includes('c'))) return words[i + 1];
      if (w.startsWith('--command=')) return w.slice('--command='.length);
      if (w === '--') break;
    }
  }
  return undefined;
}
