// How a gateway command run as an exec (`ssh … batch`, `ssh … metrics`) ends: its lines on stdout
// and stderr, then the exit status and EOF.
import type { ServerChannel } from 'ssh2';

export function finishExec(channel: ServerChannel, out: string[], err: string[], code: number): void {
  if (!channel.writable) return;
  if (out.length) channel.write(out.join('\n') + '\n');
  // Exit status and EOF once the text is out: they would overtake it otherwise.
  channel.stderr.write(err.length ? err.join('\n') + '\n' : '', () => {
    if (!channel.writable) return;
    channel.exit(code);
    channel.end();
  });
}
