// Programs that run another command given in their arguments (sudo rm …, env A=1 rm …, xargs rm):
// the command words are what follows their options. `optionsWithValue` take the next word as their
// value (sudo -u root), so it is not mistaken for the command. And programs that run a command
// line given as a string (bash -c '…', su -c '…', eval …): that string is read as a line of its own.

export interface Wrapper {
  /** Short options that take a value (the next word, or the rest of the same word). */
  optionsWithValue: string;
  /** Long options that take a value when not written --opt=value. */
  longWithValue?: readonly string[];
  /** Leading NAME=value words are part of the wrapper (env). */
  assignments?: boolean;
  /** Positional words before the command (timeout DURATION, chroot NEWROOT). */
  positional?: number;
}

export const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  sudo: { optionsWithValue: 'CDghpRTUu', longWithValue: ['--user', '--group', '--host', '--prompt', '--chdir', '--chroot', '--close-from', '--role', '--type', '--other-user', '--command-timeout'] },
  doas: { optionsWithValue: 'uC' },
  env: { optionsWithValue: 'uCP', longWithValue: ['--unset', '--chdir'], assignments: true },
  nohup: { optionsWithValue: '' },
  time: { optionsWithValue: 'fo', longWithValue: ['--format', '--output'] },
  exec: { optionsWithValue: 'a' },
  command: { optionsWithValue: '' },
  builtin: { optionsWithValue: '' },
  xargs: { optionsWithValue: 'adEeIiLlnPs', longWithValue: ['--arg-file', '--delimiter', '--eof', '--replace', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'] },
  nice: { optionsWithValue: 'n', longWithValue: ['--adjustment'] },
  ionice: { optionsWithValue: 'cnp', longWithValue: ['--class', '--classdata', '--pid'] },
  timeout: { optionsWithValue: 'ks', longWithValue: ['--kill-after', '--signal'], positional: 1 },
  stdbuf: { optionsWithValue: 'ioe', longWithValue: ['--input', '--output', '--error'] },
  chroot: { optionsWithValue: '', longWithValue: ['--userspec', '--groups'], positional: 1 },
  setsid: { optionsWithValue: '' },
  taskset: { optionsWithValue: '', positional: 1 },
  chrt: { optionsWithValue: '', positional: 1 },
  unbuffer: { optionsWithValue: '' },
  busybox: { optionsWithValue: '' },
  watch: { optionsWithValue: 'dnq', longWithValue: ['--differences', '--interval'] },
  runuser: { optionsWithValue: 'ugl', longWithValue: ['--user', '--group'] },
  strace: { optionsWithValue: 'eoOpPsSuEXb' },
  ltrace: { optionsWithValue: 'eoOpPsSuEXb' },
  flock: { optionsWithValue: 'wEc', positional: 1 },
};

/** Shells whose `-c STRING` runs STRING as a command line. */
export const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'busybox-sh']);

/** Shell words that open or close a compound command rather than run a program. */
export const LEADING_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'function']);
export const CLOSING_KEYWORDS = new Set(['fi', 'done', 'esac', '}', ';;']);

/**
 * The index of the wrapped command's first word in `words` (words[0] is the wrapper), or
 * words.length when there is none.
 */
export function wrappedStart(wrapper: Wrapper, words: readonly string[]): number {
  let i = 1;
  let positional = wrapper.positional ?? 0;
  while (i < words.length) {
    const w = words[i]!;
    if (w === '--') return i + 1;
    if (w.startsWith('--')) {
      i += wrapper.longWithValue?.includes(w) ? 2 : 1;
    } else if (w.startsWith('-') && w.length > 1) {
      // -uroot carries its value; -u takes the next word; -iu root: the last letter decides.
      const letters = w.slice(1);
      const valueAt = [...letters].findIndex((c) => wrapper.optionsWithValue.includes(c));
      i += valueAt !== -1 && valueAt === letters.length - 1 ? 2 : 1;
    } else if (wrapper.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (positional > 0) {
      positional--;
      i++;
    } else return i;
  }
  return i;
}
