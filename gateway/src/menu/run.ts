// What a session channel without a target gets: with a pty, the interactive menu (menu.ts) on
// the channel; without one, the list of reachable targets and usage on stderr, exit status 1.
import type { PseudoTtyInfo, ServerChannel } from 'ssh2';
import { formatTarget, TARGET_ENV, type Target } from '../../../shared/contract/target';
import type { ReachableHost } from '../access';
import { createMenu, feed, render, resize, type MenuEntry, type MenuState } from './menu';

export const usageText = (user: string) =>
  [
    `portcullis: no target given. Connect as 'USER:LOGIN@HOST', e.g. ssh -p PORT '${user}:root@web-01'@gateway [command],`,
    `set ${TARGET_ENV}=LOGIN@HOST for the channel, or connect with a terminal and no target to pick one from a menu.`,
  ].join('\r\n');

export function menuEntries(reachable: readonly ReachableHost[]): MenuEntry[] {
  return reachable.flatMap((r) => r.logins.map((login) => ({ login, host: r.host.name, until: r.accessUntil })));
}

export function targetListText(entries: readonly MenuEntry[]): string {
  if (entries.length === 0) return 'You may not reach any target now.';
  return ['Targets you may reach:', ...entries.map((e) => `  ${formatTarget(e)}`)].join('\r\n');
}

export interface MenuRun {
  /** The picked target, or null when the user quit (or the channel went away). */
  readonly done: Promise<Target | null>;
  resize(cols: number, rows: number): void;
}

/**
 * Runs the menu on the channel (which the caller paused). On a pick the channel is paused again,
 * its screen cleared, and nothing it read is lost to the next reader: keys after Enter are dropped
 * only up to the end of that same input chunk.
 */
export function runMenu(channel: ServerChannel, entries: readonly MenuEntry[], pty: PseudoTtyInfo): MenuRun {
  let state: MenuState = createMenu(entries, { cols: pty.cols, rows: pty.rows });
  let settle!: (t: Target | null) => void;
  const done = new Promise<Target | null>((r) => (settle = r));
  let finished = false;
  const finish = (target: Target | null) => {
    if (finished) return;
    finished = true;
    channel.off('data', onData);
    channel.off('close', onClose);
    channel.pause();
    settle(target);
  };
  const onData = (data: Buffer) => {
    const r = feed(state, data.toString('utf8'));
    state = r.state;
    if (r.action.kind === 'go') {
      channel.write(`\x1b[H\x1b[2Jportcullis: connecting to ${formatTarget(r.action.entry)}…\r\n`);
      finish({ login: r.action.entry.login, host: r.action.entry.host });
    } else if (r.action.kind === 'quit') {
      channel.write('\x1b[H\x1b[2J');
      finish(null);
    } else channel.write(r.screen);
  };
  const onClose = () => finish(null);
  channel.on('data', onData);
  channel.on('close', onClose);
  channel.write(render(state));
  channel.resume();
  return {
    done,
    resize(cols, rows) {
      if (finished) return;
      const r = resize(state, { cols, rows });
      state = r.state;
      channel.write(r.screen);
    },
  };
}
