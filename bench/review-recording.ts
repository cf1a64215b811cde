// A realistic shell session of a given size, recorded by the gateway's own recorder (CastWriter and
// ScreenFollower wired as the session lifecycle wires them), so the .cast has the real keyframe
// index. The clock is simulated: hours of session (typing, `ls`, build logs, `top` redraws, long
// idle gaps, resizes) are recorded in seconds. Deterministic for a given seed.
import { CommandExtractor, type ExtractedCommand } from '../gateway/src/commands/extractor';
import { CastWriter, ScreenFollower } from '../gateway/src/recording';

export interface GeneratedRecording {
  bytes: number;
  /** Seconds from the first event to the last. */
  duration: number;
}

/** A small deterministic PRNG (mulberry32): the same session for the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROMPT = '\x1b[1;32malice@web-01\x1b[0m:\x1b[1;34m~/src/payments\x1b[0m$ ';
const FILES = ['main.go', 'handler.go', 'README.md', 'Makefile', 'config.yaml', 'db', 'vendor', 'scripts', 'internal', 'cmd', 'go.sum', 'go.mod'];
const PROCS = ['nginx', 'postgres', 'java', 'node', 'sshd', 'systemd', 'dockerd', 'containerd', 'redis-server', 'python3', 'kworker/0:1', 'cron'];

export async function generateRecording(opts: {
  castPath: string;
  idxPath: string;
  bytes: number;
  seed?: number;
  onProgress?: (bytes: number) => void;
  /** Each command line the gateway's extractor reads from the screen (`at`: ms of the simulated clock). */
  onCommand?: (c: ExtractedCommand) => void;
}): Promise<GeneratedRecording> {
  const rand = prng(opts.seed ?? 1);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  let now = 0;
  let cols = 120;
  let rows = 40;
  let failure: string | undefined;
  const writer = CastWriter.open({
    castPath: opts.castPath,
    idxPath: opts.idxPath,
    header: { width: cols, height: rows, timestamp: Math.floor(Date.now() / 1000), term: 'xterm-256color' },
    onFailure: (reason) => (failure = reason),
    clock: () => now,
  });
  // As a shell session: the command log follows the screen too. No flood budget: the simulated
  // session is paced (settled below), never a flood.
  const screen = new ScreenFollower({ cols, rows, budgetBytesPerSec: 1e12, observer: new CommandExtractor(opts.onCommand ?? (() => {})), onKeyframe: (k) => writer.keyframe(k) });
  let unsettled = 0;
  const pace = async () => {
    await screen.settled();
    if (writer.behind) await new Promise<void>((resolve) => writer.whenCaughtUp(resolve));
    unsettled = 0;
    opts.onProgress?.(writer.offset);
  };
  const out = async (text: string, afterMs: number) => {
    now += afterMs;
    const data = Buffer.from(text);
    writer.output(data);
    screen.output(data, writer.offset, writer.lastT);
    unsettled += data.length;
    if (unsettled > 256 * 1024) await pace();
  };
  const type = async (command: string) => {
    for (const ch of command) {
      now += 60 + rand() * 220;
      const offset = writer.offset;
      writer.input(Buffer.from(ch));
      screen.input(ch, now, offset);
      await out(ch, 2);
    }
    now += 300 + rand() * 900;
    const offset = writer.offset;
    writer.input(Buffer.from('\r'));
    screen.input('\r', now, offset);
    await out('\r\n', 3);
  };
  const resize = async () => {
    cols = 80 + Math.floor(rand() * 140);
    rows = 24 + Math.floor(rand() * 40);
    now += 500;
    writer.resize(cols, rows);
    screen.resize(cols, rows);
    await out(PROMPT, 10);
  };

  const scenes = [
    // ls -la: a screenful of coloured lines.
    async () => {
      await type('ls -la --color');
      let text = `total ${Math.floor(rand() * 900)}\r\n`;
      for (let i = 0; i < 10 + rand() * 40; i++) {
        const f = pick(FILES);
        text += `-rw-r--r-- 1 alice alice ${String(Math.floor(rand() * 99999)).padStart(6)} Mar ${1 + Math.floor(rand() * 28)} 12:${String(Math.floor(rand() * 60)).padStart(2, '0')} \x1b[01;34m${f}\x1b[0m\r\n`;
      }
      await out(text + PROMPT, 40);
    },
    // A build: thousands of log lines in bursts.
    async () => {
      await type('make -j4 all');
      const lines = 500 + Math.floor(rand() * 6000);
      let burst = '';
      for (let i = 0; i < lines; i++) {
        burst += `[${String(Math.floor((i * 100) / lines)).padStart(3)}%] \x1b[32mBuilding CXX object\x1b[0m src/${pick(FILES)}/${pick(PROCS)}_${i}.cpp.o -O2 -Wall -Iinclude -DNDEBUG\r\n`;
        if (burst.length > 8192) {
          await out(burst, 5 + rand() * 60);
          burst = '';
        }
      }
      await out(burst + '\x1b[1;32mBuild finished\x1b[0m\r\n' + PROMPT, 20);
    },
    // top: the alternate screen, redrawn whole every 2 s for a while.
    async () => {
      await type('top');
      await out('\x1b[?1049h\x1b[H\x1b[2J', 50);
      const frames = 20 + Math.floor(rand() * 200);
      for (let f = 0; f < frames; f++) {
        let frame = `\x1b[H\x1b[7mtop - 12:${String(f % 60).padStart(2, '0')}:00 up 42 days, load average: ${(rand() * 4).toFixed(2)}\x1b[0m\x1b[K\r\n`;
        frame += `Tasks: ${200 + Math.floor(rand() * 50)} total, ${Math.floor(rand() * 5)} running\x1b[K\r\n\x1b[K\r\n`;
        frame += '\x1b[7m    PID USER      PR  NI    VIRT    RES  %CPU %MEM     TIME+ COMMAND\x1b[0m\x1b[K\r\n';
        for (let r = 4; r < rows - 1; r++) {
          frame += `${String(1000 + Math.floor(rand() * 90000)).padStart(7)} alice     20   0 ${String(Math.floor(rand() * 9e6)).padStart(7)} ${String(Math.floor(rand() * 9e5)).padStart(6)} ${(rand() * 100).toFixed(1).padStart(5)} ${(rand() * 10).toFixed(1).padStart(4)}   ${Math.floor(rand() * 99)}:${String(Math.floor(rand() * 60)).padStart(2, '0')}.00 ${pick(PROCS)}\x1b[K\r\n`;
        }
        await out(frame, 2000);
      }
      await out('\x1b[?1049l' + PROMPT, 300);
    },
    // tail -f: a slow trickle of log lines.
    async () => {
      await type('tail -f /var/log/payments/app.log');
      for (let i = 0; i < 20 + rand() * 200; i++) {
        await out(`2025-03-14T12:00:${String(i % 60).padStart(2, '0')}Z INFO request id=${Math.floor(rand() * 1e9).toString(16)} path=/api/v1/charge status=200 ms=${Math.floor(rand() * 300)}\r\n`, rand() * 3000);
      }
      await out('^C\r\n' + PROMPT, 500);
    },
    // An idle gap: a coffee, a meeting.
    async () => {
      now += 60_000 + rand() * 40 * 60_000;
      await out('\x07', 0);
    },
    resize,
  ];
  const weights = [5, 3, 1, 2, 1, 1];
  const total = weights.reduce((a, b) => a + b, 0);

  await out(`Welcome to web-01\r\n${PROMPT}`, 0);
  while (writer.offset < opts.bytes) {
    if (failure) throw new Error(`recording failed: ${failure}`);
    let w = rand() * total;
    let i = 0;
    while ((w -= weights[i]!) > 0) i++;
    await scenes[i]!();
  }
  await pace();
  await writer.close();
  screen.dispose();
  if (failure) throw new Error(`recording failed: ${failure}`);
  return { bytes: writer.offset, duration: writer.lastT / 1000 };
}
