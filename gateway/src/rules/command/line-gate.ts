// Sits between the user's keys and an interactive shell on a host some command rule covers. Keys
// pass through as typed, except Enter: the line typed since the last Enter is checked first.
//  - pass: the Enter goes on;
//  - reject: the Enter is not sent; the shell gets Ctrl+E Ctrl+U (end of line, erase it: readline
//    and a terminal's line discipline both honour it) and an empty Enter (a fresh prompt), and the
//    user reads why in the terminal;
//  - confirm: the line is held and the user is asked in the terminal; `y` sends it, any other key,
//    or no answer within CONFIRM_TIMEOUT_MS, erases it as a rejection does. Keys typed after the
//    held Enter in the same burst are dropped: they were typed before the user knew it was held.
// The line is rebuilt from the keys with the line editor's cursor (typed-line.ts). When a key the
// keys cannot follow was used (history, completion …), Enter is held until the shell's output
// pauses and the line as the screen shows it is checked too (screen-line.ts): a rule that matches
// either stops it. Inside full-screen programs (the alternate screen: vim, less, top) Enter passes
// unchecked.
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { CommandDecision, GuardVerdict } from './guard';
import type { RuleHit } from './check';
import type { ScreenLine } from './screen-line';
import { TypedLine } from './typed-line';

export const CONFIRM_TIMEOUT_MS = 60_000;
const ERASE_LINE = '\x05\x15\r';
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
  /** The shell's screen, read when the keys cannot tell the line (the caller sizes and disposes it). */
  screen?: ScreenLine;
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

  /** Keys that arrived while an Enter is held for the screen: handled once it is decided. */
  let held: string[] | undefined;

  /** The verdict on a line: the first of its readings a rule stops, a rejection before a question. */
  const judge = (readings: string[]): { verdict: GuardVerdict; line: string } => {
    const verdicts = readings.map((line) => ({ line, verdict: options.check(line) }));
    return verdicts.find((v) => v.verdict.action === 'reject') ?? verdicts.find((v) => v.verdict.action === 'confirm') ?? { line: readings[0]!, verdict: { action: 'pass' } };
  };

  /** Acts on a checked Enter; false when a question is now open (keys behind it are dropped). */
  const decide = (verdict: GuardVerdict, line: string, enter: string): boolean => {
    options.screen?.lineEnded();
    if (verdict.action === 'pass') {
      send(enter);
      return true;
    }
    if (verdict.action === 'reject') {
      options.decided('command.rejected', verdict.hit, line);
      tell(`${options.why(verdict.hit)}: rejected, the line was not sent.`);
      send(ERASE_LINE);
      return true;
    }
    ask(verdict.hit, line);
    return false;
  };

  const handle = (text: string): void => {
    let pass = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if ((ch !== '\r' && ch !== '\n') || fullScreen) {
        if (!fullScreen) {
          line.key(ch);
          if (ch === '\x03') options.screen?.lineEnded(); // Ctrl+C: the shell starts a new line
          else options.screen?.keyTyped();
        }
        pass += ch;
        continue;
      }
      const typed = line.take();
      if (typed.text.trim() === '' && !typed.uncertain) {
        options.screen?.lineEnded();
        pass += ch;
        continue;
      }
      send(pass);
      pass = '';
      const screen = options.screen;
      if (typed.uncertain && screen) {
        // The keys cannot tell what the shell holds: hold Enter until the screen has shown it.
        held = [text.slice(i + 1)];
        input.pause();
        void screen.read().then((shown) => {
          const readings = [...new Set([typed.text, shown ?? ''].map((x) => x.trim()).filter((x) => x !== ''))];
          const rest = held!;
          held = undefined;
          input.resume();
          const { verdict, line: checked } = readings.length > 0 ? judge(readings) : { verdict: { action: 'pass' } as const, line: '' };
          if (decide(verdict, checked, ch)) handle(rest.join(''));
        });
        return;
      }
      const { verdict, line: checked } = judge([typed.text]);
      if (!decide(verdict, checked, ch)) return; // the rest of this burst was typed before the question: dropped
    }
    send(pass);
  };

  input.on('data', (d: Buffer) => {
    const text = keys.write(d);
    if (held) return void held.push(text);
    if (answer) return answer(text[0] ?? '');
    handle(text);
  });
  input.resume(); // the user's side starts paused; the relay's pipe would have resumed it
  input.on('end', () => out.end());
  input.on('error', (error) => out.destroy(error));
  out.on('close', () => answer?.('n'));
  return out;
}
