// Application shortcuts. They win over the terminal (xterm is told to ignore them) so they work
// while a terminal has focus. Pure: matches plain key-event fields.
export type AppCommand = 'tab.close';

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function matchShortcut(event: KeyLike): AppCommand | null {
  const ctrlShiftOnly = event.ctrlKey && event.shiftKey && !event.altKey && !event.metaKey;
  if (ctrlShiftOnly && (event.code === 'KeyW' || event.key.toLowerCase() === 'w')) return 'tab.close';
  return null;
}
