// Sits between the user's keys and an interactive shell on a host some command rule covers. Keys
// pass through as typed, except Enter: the line typed since the last Enter is checked first.
//  - pass: the Enter goes on;
//  - reject: the Enter is not sent; the shell gets Ctrl+E Ctrl+U (end of line, erase it: readline
//    and a terminal's line discipline both honour it) and an empty Enter (a fresh prompt), and the
//    user reads why in the terminal;
//  - confirm: the line is held and the user is asked in the terminal; `y` sends it, any other key,
//    or no answer within CONFIRM_TIMEOUT_MS, erases it as a rejection does. Keys typed after the
//    held Enter in the same burst are dropped: they were typed before the user knew it was held.
// The line is read from the keys (printable text, Backspace, Ctrl+U, Ctrl+W, Ctrl+C): what history
// recall or completion put on the line is not seen. Inside full-screen programs (the alternate
// screen: vim, less, top) Enter passes unchecked.
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { CommandDecision, GuardVerdict } from './guard';
import type { RuleHit } from './check';

export const CONFIRM_TIMEOUT_MS = 60_000;
const ERASE_LINE = '\x05\x15\r';
const MAX_LINE = 16 * 1024;
const ALT_SCREEN = /\x1b\[\?(?:1049|1047|47)([hl])/g;

export interface LineGateOptions {
  /** The user's terminal, for the reasons and the question. */
  terminal: Writable;
  /** The shell's output, watched for the alternate screen. */
  shellOutput: Readable;
  check(line: string): GuardVerdict;
  decided(decision: CommandDecision, hit: RuleHit, line: string): void;
  /** Words for the user (hitText). */
  why(hit: RuleHit): string;
  confirmTimeoutMs?: number;
}

/** Keeps the line being typed from the keys a shell's line editor acts on. */
class TypedLine {
  text = '';
  private escape = false;

  key(ch: string): void {
    if (this.escape) {
      // An escape sequence (arrows, function keys): skipped up to its final byte.
      if (/[A-Za-z~]/.test(ch)) this.escape = false;
      return;
    }
    if (ch === '\x1b') this.escape = true;
    else if (ch === '\x7f' || ch === '\b') this.text = [...this.text].slice(0, -1).join('');
    else if (ch === '\x15' || ch === '\x03' || ch === '\x04') this.text = '';
    else if (ch === '\x17') this.text = this.text.replace(/\S*\s*$/, '');
    else if (ch >= ' ' || ch === '\t') this.text = (this.text + ch).slice(0, MAX_LINE);
  }

  take(): string {
    const line = this.text;
    this.text = '';
    this.escape = false;
    return line;
  }
}

export function gateShellInput(input: Readable, options: LineGateOptions): Readable {
  const out = new PassThrough();
  const keys = new StringDecoder('utf8');
  const line = new TypedLine();
  let fullScreen = false;
  /** An open question: the next key answers it. */
  let answer: ((key: string) => void) | undefined;

  options.shellOutput.on('data', (d: Buffer) => {
    for (const m of d.toString('latin1').matchAll(ALT_SCREEN)) fullScreen = m[1] === 'h';
  });

  const send = (text: string) => {
    if (text && !out.write(text)) {
      input.pause();
      out.once('drain', () => input.resume());
    }
  };
  const tell = (text: string) => {
    if (options.terminal.writable) options.terminal.write(`\r\nportcullis: ${text}\r\n`);
  };

  const ask = (hit: RuleHit, typed: string) => {
    tell(`${options.why(hit)}: confirm to run it. Send it? [y/N] (${Math.round((options.confirmTimeoutMs ?? CONFIRM_TIMEOUT_MS) / 1000)} s)`);
    const timer = setTimeout(() => settle(undefined), options.confirmTimeoutMs ?? CONFIRM_TIMEOUT_MS);
    timer.unref();
    const settle = (key: string | undefined) => {
      clearTimeout(timer);
      answer = undefined;
      if (key === 'y' || key === 'Y') {
        options.decided('command.confirmed', hit, typed);
        tell('confirmed.');
        send('\r');
      } else {
        options.decided(key === undefined ? 'command.refused_timeout' : 'command.refused', hit, typed);
        tell(key === undefined ? 'no answer in time: the line was not sent.' : 'not confirmed: the line was not sent.');
        send(ERASE_LINE);
      }
    };
    answer = settle;
  };

  input.on('data', (d: Buffer) => {
    const text = keys.write(d);
    if (answer) return answer(text[0] ?? '');
    let pass = '';
    for (const ch of text) {
      if ((ch !== '\r' && ch !== '\n') || fullScreen) {
        if (!fullScreen) line.key(ch);
        pass += ch;
        continue;
      }
      const typed = line.take();
      const verdict = typed.trim() === '' ? ({ action: 'pass' } as const) : options.check(typed);
      if (verdict.action === 'pass') {
        pass += ch;
        continue;
      }
      send(pass);
      pass = '';
      if (verdict.action === 'reject') {
        options.decided('command.rejected', verdict.hit, typed);
        tell(`${options.why(verdict.hit)}: rejected, the line was not sent.`);
        send(ERASE_LINE);
        continue;
      }
      ask(verdict.hit, typed);
      return; // the rest of this burst was typed before the question: dropped
    }
    send(pass);
  });
  input.resume(); // the user's side starts paused; the relay's pipe would have resumed it
  input.on('end', () => out.end());
  input.on('error', (error) => out.destroy(error));
  out.on('close', () => answer?.('n'));
  return out;
}
