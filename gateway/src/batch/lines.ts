// Cuts a stream of output chunks into whole lines, so a host's lines never reach a reader split or
// interleaved with another host's. A line longer than `maxChars` is cut there (the rest dropped
// from the line view; the recording keeps it all).
import { StringDecoder } from 'node:string_decoder';

export interface LineSplitter {
  /** The whole lines this chunk completes (without their newline). */
  push(chunk: Buffer): string[];
  /** What is left after the last newline, as a last line (none if empty). */
  flush(): string[];
}

export function createLineSplitter(maxChars: number): LineSplitter {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let overflow = false;
  const cut = (line: string) => (line.length > maxChars ? line.slice(0, maxChars) : line.replace(/\r$/, ''));
  return {
    push(chunk) {
      const parts = (partial + decoder.write(chunk)).split('\n');
      partial = parts.pop()!;
      if (overflow && parts.length === 0) {
        partial = ''; // still inside the line that was cut
        return [];
      }
      const lines = parts.map((line, i) => (i === 0 && overflow ? null : cut(line))).filter((l): l is string => l !== null);
      if (overflow && parts.length > 0) overflow = false;
      if (partial.length > maxChars) {
        // A line with no end in sight: hand out its first maxChars now, drop the rest up to its newline.
        lines.push(partial.slice(0, maxChars));
        partial = '';
        overflow = true;
      }
      return lines;
    },
    flush() {
      const rest = partial + decoder.end();
      partial = '';
      return rest === '' || overflow ? [] : [cut(rest)];
    },
  };
}
