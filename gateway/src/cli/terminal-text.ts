// How the CLI prints data that users supplied (user names, commands, reasons, host names, tags,
// audit data …) without letting it drive the admin's terminal. Every character that a terminal
// could act on, or that hides or reorders text, is shown as a visible escape instead:
//   C0 controls          \e (ESC)  \r  \n  \t   others \xHH      (U+0000–U+001F)
//   DEL, C1 controls     \u007f, \u009b …                        (U+007F–U+009F)
//   format characters    \u202e (bidi override), \u200b (zero width) … (Unicode Cf: bidi
//                        controls, zero-width and invisible characters, soft hyphen, tags)
//   line/para separators \u2028  \u2029;  lone surrogates \ud800
//   the backslash itself \\   (so the escaping can be read back: distinct inputs stay distinct)
// Machine output (--json) goes through jsonText instead: exact JSON, with the same characters as
// \uXXXX escapes, so it parses back to the original and is safe on a terminal too.

/** Characters a terminal must never receive raw from data (see the table above). */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const UNSAFE_OR_BACKSLASH = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\\]/gu;
/** What JSON.stringify leaves raw but a terminal may act on (C0 is already escaped by JSON). */
const JSON_UNSAFE = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/gu;

const NAMED: Record<string, string> = { '\\': '\\\\', '\x1b': '\\e', '\r': '\\r', '\n': '\\n', '\t': '\\t' };

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

function escapeChar(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.codePointAt(0)!;
  if (code < 0x20) return `\\x${hex(code, 2)}`;
  return code > 0xffff ? `\\u{${hex(code, 1)}}` : `\\u${hex(code, 4)}`;
}

/** A value as the terminal may show it: reversible (see unescapeTerminalText), no control left. */
export function terminalText(value: unknown): string {
  return String(value).replace(UNSAFE_OR_BACKSLASH, escapeChar);
}

/** The original of terminalText's output (what a reviewer reads back by hand). */
export function unescapeTerminalText(text: string): string {
  return text.replace(/\\(?:e|r|n|t|\\|x([0-9a-f]{2})|u\{([0-9a-f]+)\}|u([0-9a-f]{4}))/g, (escape, x?: string, astral?: string, u?: string) => {
    if (x ?? astral ?? u) return String.fromCodePoint(parseInt((x ?? astral ?? u)!, 16));
    return { '\\e': '\x1b', '\\r': '\r', '\\n': '\n', '\\t': '\t', '\\\\': '\\' }[escape]!;
  });
}

/**
 * The last line of defence where the CLI writes to its output: every unsafe character left in a
 * line is escaped (backslashes are left alone, so text already made safe is unchanged). Text that
 * holds several lines (help, pretty JSON) is split at its newlines into lines of its own.
 */
export function safeLines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(UNSAFE, escapeChar));
}

/** Exact JSON of a value whose raw text is also terminal-safe: JSON.parse gives the value back. */
export function jsonText(value: unknown, indent?: number): string {
  return escapeJsonText(JSON.stringify(value, null, indent));
}

/**
 * JSON text made terminal-safe: DEL, C1 and format characters as \uXXXX escapes. Such characters
 * can only stand inside JSON strings, where the escape means the same character.
 */
export function escapeJsonText(json: string): string {
  // An astral character (e.g. a tag character) becomes its surrogate pair, as JSON spells it.
  return json.replace(JSON_UNSAFE, (char) => char.split('').map((unit) => `\\u${hex(unit.charCodeAt(0), 4)}`).join(''));
}

/** A piece of a line that is already safe (JSON from jsonText): `line` inserts it as it is. */
export class SafeText {
  constructor(readonly text: string) {}
}

/** `line\`added user ${name}\``: the literal parts as written, every value through terminalText. */
export function line(parts: TemplateStringsArray, ...values: unknown[]): string {
  return parts.reduce((out, part, i) => out + part + (i < values.length ? shown(values[i]) : ''), '');
}

const shown = (value: unknown) => (value instanceof SafeText ? value.text : terminalText(value));

/** Columns padded to their widest (escaped) cell; the last column is not padded. */
export function tableLines(rows: unknown[][]): string[] {
  const cells = rows.map((r) => r.map(shown));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}
