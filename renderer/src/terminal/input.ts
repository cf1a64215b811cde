// Splits what the terminal emitted (keystrokes, pastes) into terminal.input requests that stay
// well under the contract's 1 MiB limit, never cutting a UTF-16 surrogate pair in half. Pure.
export const MAX_INPUT_CHUNK = 64 * 1024;

export function splitInput(data: string, max = MAX_INPUT_CHUNK): string[] {
  if (max < 2) throw new RangeError('max must be at least 2');
  if (data.length <= max) return data ? [data] : [];
  const chunks: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + max, data.length);
    // Do not end a chunk on a high surrogate whose low half would start the next one.
    if (end < data.length) {
      const code = data.charCodeAt(end - 1);
      if (code >= 0xd800 && code <= 0xdbff) end -= 1;
    }
    chunks.push(data.slice(start, end));
    start = end;
  }
  return chunks;
}
