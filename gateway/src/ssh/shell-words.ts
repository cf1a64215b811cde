// Splits a POSIX shell command line into its simple commands and their words, as sh would read the
// quoting: '…' is literal, "…" keeps \" \\ \$ \` escapes, a backslash outside quotes escapes the next
// character. Unquoted ; & | ( ) ` and newlines separate commands. No expansion is done: this only
// tells which program a command line runs (a word's text, not what the shell would make of $VAR).

const SEPARATORS = new Set([';', '&', '|', '(', ')', '`', '\n']);
const BLANKS = new Set([' ', '\t', '\r']);
/** Characters a backslash escapes inside double quotes (elsewhere there it stays literal). */
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`', '\n']);

export function shellWords(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined; // undefined: between words ('' is a real, empty word: "")
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (BLANKS.has(ch)) endWord();
    else if (SEPARATORS.has(ch)) endCommand();
    else if (ch === '\\') word = (word ?? '') + (line[++i] ?? '');
    else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end === -1 ? line.length : end;
      word = (word ?? '') + line.slice(i + 1, stop);
      i = stop;
    } else if (ch === '"') {
      word ??= '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && DOUBLE_QUOTE_ESCAPES.has(line[i + 1] ?? '')) i++;
        word += line[i];
      }
    } else word = (word ?? '') + ch;
  }
  endCommand();
  return commands;
}
