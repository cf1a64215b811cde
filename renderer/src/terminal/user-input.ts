// Tells what xterm emits because the user typed, pasted or clicked from what it answers a program
// on its own (cursor position and device reports, focus reports): only the first may be broadcast
// to other panes. xterm's public API has no such flag; its core fires `onUserInput` right before
// `onData` for user input, so a listener on it marks the data event that follows.
import type { Terminal } from '@xterm/xterm';

interface CoreWithUserInput {
  _core?: { coreService?: { onUserInput?: (listener: () => void) => unknown } };
}

/** Calls `onData(data, byUser)` for each data event; false if xterm cannot say (then nothing counts as the user's). */
export function watchUserInput(term: Terminal, onData: (data: string, byUser: boolean) => void): boolean {
  const onUserInput = (term as unknown as CoreWithUserInput)._core?.coreService?.onUserInput;
  let byUser = false;
  const supported = typeof onUserInput === 'function';
  if (supported) onUserInput.call((term as unknown as CoreWithUserInput)._core!.coreService, () => (byUser = true));
  term.onData((data) => {
    const user = byUser;
    byUser = false;
    onData(data, user);
  });
  return supported;
}
