// Saving a pane's scrollback: the file's name and its text. Pure, so both are unit-tested.

/** One buffer line as xterm holds it: its text, and whether it continues the line above (soft wrap). */
export interface BufferLine {
  text: string;
  wrapped: boolean;
}

/**
 * The text as the host wrote it: soft-wrapped rows joined back into their line, trailing spaces of
 * each line and the empty rows after the last output dropped; ends with one newline.
 */
export function scrollbackText(lines: readonly BufferLine[]): string {
  const joined: string[] = [];
  for (const line of lines) {
    if (line.wrapped && joined.length > 0) joined[joined.length - 1] += line.text;
    else joined.push(line.text);
  }
  const trimmed = joined.map((l) => l.replace(/\s+$/, ''));
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed.length ? `${trimmed.join('\n')}\n` : '';
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `root@web-01-2025-03-07-142501.txt`: who and where, and when (local time, sortable). Characters a
 * file system may refuse (slashes, colons, control characters…) become `_`.
 */
export function scrollbackFileName(login: string, host: string, at: Date): string {
  const when = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const safe = `${login}@${host}`.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^\.+/, '_');
  return `${safe}-${when}.txt`;
}
