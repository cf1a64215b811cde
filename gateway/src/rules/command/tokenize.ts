// Reads a shell line the way sh would split it, without running or expanding anything: simple
// commands (split on ; & && || | |& newlines and ( ) ), each as its words with quotes and escapes
// resolved, redirections and comments left out. Text the shell would run as a command of its own
// ($(…), `…`, <(…), >(…), also inside double quotes) is handed back as `nested`, for the caller to
// read the same way. $'…' (ANSI-C quoting) is decoded, since `$'\x72m'` is `rm`.
//
// Deliberately simple where it cannot be exact: $VAR stays its text, aliases and functions are not
// known, a here-document's body reads as commands (which errs towards matching).

export interface Tokenized {
  /** The simple commands, each its words in order (never empty). */
  commands: string[][];
  /** Inner text of command substitutions and process substitutions, in order. */
  nested: string[];
}

const SEPARATORS = new Set([';', '&', '|', '(', ')', '\n']);
const BLANKS = new Set([' ', '\t', '\r']);
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`', '\n']);
const ANSI_C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** Index of the `)` closing a `$(` / `<(` whose body starts at `from`, honouring quotes and nesting; -1 if unclosed. */
function closingParen(line: string, from: number): number {
  let depth = 1;
  for (let i = from; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') i++;
    else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) return -1;
      i = end;
    } else if (ch === '"') {
      for (i++; i < line.length && line[i] !== '"'; i++) if (line[i] === '\\') i++;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Index of the backtick closing one opened before `from`; the line's end if unclosed. */
function closingBacktick(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '`') return i;
  }
  return line.length;
}

/** Decodes the body of $'…' from `from`; returns the text and the index of the closing quote. */
function ansiC(line: string, from: number): { text: string; end: number } {
  let text = '';
  let i = from;
  for (; i < line.length && line[i] !== "'"; i++) {
    if (line[i] !== '\\') {
      text += line[i];
      continue;
    }
    const next = line[++i] ?? '';
    const hex = next === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(line.slice(i + 1)) : null;
    const octal = /^[0-7]{1,3}/.exec(line.slice(i));
    const unicode = next === 'u' || next === 'U' ? /^[0-9a-fA-F]{1,8}/.exec(line.slice(i + 1)) : null;
    if (hex) {
      text += String.fromCharCode(parseInt(hex[0], 16));
      i += hex[0].length;
    } else if (unicode) {
      text += String.fromCodePoint(Math.min(parseInt(unicode[0], 16), 0x10ffff));
      i += unicode[0].length;
    } else if (octal) {
      text += String.fromCharCode(parseInt(octal[0], 8) & 0xff);
      i += octal[0].length - 1;
    } else text += ANSI_C_ESCAPES[next] ?? `\\${next}`;
  }
  return { text, end: i };
}

export function tokenize(line: string): Tokenized {
  const commands: string[][] = [];
  const nested: string[] = [];
  let words: string[] = [];
  let word: string | undefined; // undefined: between words ('' is a real, empty word: "")
  /** The next word is a redirection's target, not part of the command. */
  let redirectTarget = false;
  const endWord = () => {
    if (word !== undefined) {
      if (redirectTarget) redirectTarget = false;
      else words.push(word);
    }
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    redirectTarget = false;
    if (words.length > 0) commands.push(words);
    words = [];
  };
  /** `$(` or `<(` at i: the body is nested; returns the index of the closing paren. */
  const substitution = (i: number): number => {
    const close = closingParen(line, i + 2);
    const end = close === -1 ? line.length : close;
    nested.push(line.slice(i + 2, end));
    return end;
  };

  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    const next = line[i + 1];
    if (BLANKS.has(ch)) endWord();
    else if (ch === '#' && word === undefined) {
      const nl = line.indexOf('\n', i);
      i = (nl === -1 ? line.length : nl) - 1; // the comment runs to the end of the line
    } else if (ch === '$' && next === '(') {
      i = substitution(i);
      word = (word ?? '') + '$()';
    } else if ((ch === '<' || ch === '>') && next === '(') {
      endWord();
      i = substitution(i);
    } else if (ch === '`') {
      const end = closingBacktick(line, i + 1);
      nested.push(line.slice(i + 1, end));
      i = end;
      word = (word ?? '') + '``';
    } else if (ch === '<' || ch === '>' || (ch === '&' && next === '>')) {
      // A redirection: a word of digits right before it is its file descriptor, the next word its target.
      if (word !== undefined && /^\d+$/.test(word)) word = undefined;
      endWord();
      while (i + 1 < line.length && '<>&|-'.includes(line[i + 1]!)) i++;
      redirectTarget = true;
    } else if (SEPARATORS.has(ch)) endCommand();
    else if (ch === '\\') {
      if (next === '\n') i++; // a line continuation joins the lines
      else word = (word ?? '') + (line[++i] ?? '');
    } else if (ch === '$' && next === "'") {
      const { text, end } = ansiC(line, i + 2);
      word = (word ?? '') + text;
      i = end;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end === -1 ? line.length : end;
      word = (word ?? '') + line.slice(i + 1, stop);
      i = stop;
    } else if (ch === '"') {
      word ??= '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        const c = line[i]!;
        if (c === '\\' && DOUBLE_QUOTE_ESCAPES.has(line[i + 1] ?? '')) word += line[++i];
        else if (c === '$' && line[i + 1] === '(') {
          i = substitution(i);
          word += '$()';
        } else if (c === '`') {
          const end = closingBacktick(line, i + 1);
          nested.push(line.slice(i + 1, end));
          i = end;
          word += '``';
        } else word += c;
      }
    } else word = (word ?? '') + ch;
  }
  endCommand();
  return { commands, nested };
}
