// Saves a pane's scrollback as a .txt download, named after the login, host and time. A download
// works in both shells: the browser saves it, Electron asks where (its default for downloads).
import { scrollbackFileName } from '../model/scrollback-file';
import type { TerminalSession } from './session';

export function saveScrollback(session: TerminalSession, now = new Date()): void {
  const blob = new Blob([session.scrollbackText()], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = scrollbackFileName(session.login, session.host, now);
  link.click();
  // After the click has handed the blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
