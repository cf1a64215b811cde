// Graceful shutdown (SIGTERM): stop accepting, tell live sessions, give them a grace period to
// finish, then close the gateway (which ends the rest, flushes what sessions hold and closes the DB).
import type { Logger } from './logger';
import type { SshServer } from './ssh/server';

export interface DrainOptions {
  /** How long live sessions may go on; default 10 s. */
  graceMs?: number;
  /** Resolves to end the grace period early (a second signal). */
  cutShort?: Promise<unknown>;
}

export const shutdownNotice = (graceMs: number) =>
  `\r\n[portcullis] the gateway is shutting down; your session will end in ${Math.ceil(graceMs / 1000)} s\r\n`;

export async function drain(ssh: Pick<SshServer, 'server' | 'liveWork' | 'notifyAll'>, close: () => Promise<void>, logger: Logger, options: DrainOptions = {}): Promise<void> {
  const graceMs = options.graceMs ?? 10_000;
  ssh.server.close(); // stop accepting; live connections go on
  const live = ssh.liveWork();
  logger.info({ live, graceMs }, 'draining');
  if (live > 0 && graceMs > 0) {
    ssh.notifyAll(shutdownNotice(graceMs));
    let poll: NodeJS.Timeout | undefined;
    let timer: NodeJS.Timeout | undefined;
    const allEnded = new Promise<string>((resolve) => {
      poll = setInterval(() => ssh.liveWork() === 0 && resolve('ended'), 50);
    });
    const graceOver = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('grace over'), graceMs)));
    const how = await Promise.race([allEnded, graceOver, ...(options.cutShort ? [options.cutShort.then(() => 'cut short')] : [])]);
    clearInterval(poll);
    clearTimeout(timer);
    logger.info({ how, left: ssh.liveWork() }, 'drain finished');
  }
  await close();
}
