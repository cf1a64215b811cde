// The SSH sampler's stream (./script.ts) into readings: pure, no I/O. A frame is the text of one
// turn of the loop; two frames in a row make a reading with the same metrics and units as the
// Prometheus path (shared/contract/gateway-api/metrics.ts, node_exporter's definitions): CPU busy %
// as 1 − idle ÷ all CPU time, memory used % from MemAvailable, disk used % as 1 − avail ÷ size,
// byte rates over the time between the frames (by the host's own /proc/uptime, not arrival time).
import type { MetricName } from '../../../../shared/contract/gateway-api/metrics';
import { isCountedDisk, isCountedFilesystem, isCountedInterface } from '../node-filters';
import type { PromSeries } from '../prometheus';

export interface ProcFrame {
  /** Seconds since the host booted: the clock of the rates. */
  uptimeSec?: number;
  /** All CPUs' jiffies: idle, and all modes node_exporter counts (user … steal). */
  cpu?: { idle: number; total: number };
  cores: number;
  memory?: { totalKb: number; availableKb: number };
  load?: [number, number, number];
  /** Per disk: bytes read and written since boot. */
  disks: Map<string, { read: number; written: number }>;
  /** Per interface: bytes received and sent since boot. */
  interfaces: Map<string, { rx: number; tx: number }>;
  /** Per mount point: percent used; undefined in a frame without df (./script.ts runs it one frame in several). */
  diskUsed?: Map<string, number>;
}

/** Longest line and frame kept; a host printing more (a broken loop) loses that frame, not the gateway's memory. */
export const FRAME_LIMITS = { lineChars: 64 * 1024, frameLines: 20_000 } as const;

const SECTOR_BYTES = 512; // /proc/diskstats counts 512-byte sectors whatever the device's own size
const numbers = (text: string) => text.trim().split(/\s+/).map(Number);
/** /proc/mounts escapes space, tab, newline and backslash as octal (`\040`). */
const unescapeMount = (text: string) => text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
const DF_ROW = /^(.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+(\/.*)$/;

/** One frame's lines (without `@df` / `@end` markers' own lines) into the host's figures; `dfLines` undefined: no df this frame. */
export function parseFrame(procLines: string[], dfLines: string[] | undefined): ProcFrame {
  const frame: ProcFrame = { cores: 0, disks: new Map(), interfaces: new Map() };
  const fsTypes = new Map<string, string>();
  const meminfo = new Map<string, number>();
  for (const line of procLines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const file = line.slice(0, colon);
    const text = line.slice(colon + 1);
    if (file === '/proc/stat') {
      const [name, ...fields] = text.trim().split(/\s+/);
      if (name === 'cpu') {
        const modes = fields.slice(0, 8).map(Number); // user nice system idle iowait irq softirq steal (guest is inside user)
        if (modes.length >= 4 && modes.every(Number.isFinite)) frame.cpu = { idle: modes[3]!, total: modes.reduce((a, b) => a + b, 0) };
      } else if (/^cpu\d+$/.test(name ?? '')) frame.cores += 1;
    } else if (file === '/proc/meminfo') {
      const m = /^(\w+):\s+(\d+)/.exec(text);
      if (m) meminfo.set(m[1]!, Number(m[2]));
    } else if (file === '/proc/uptime') {
      const [up] = numbers(text);
      if (Number.isFinite(up)) frame.uptimeSec = up;
    } else if (file === '/proc/loadavg') {
      const [a, b, c] = numbers(text);
      if ([a, b, c].every((n) => Number.isFinite(n))) frame.load = [a!, b!, c!];
    } else if (file === '/proc/diskstats') {
      const f = text.trim().split(/\s+/);
      const device = f[2];
      const read = Number(f[5]);
      const written = Number(f[9]);
      if (device && isCountedDisk(device) && Number.isFinite(read) && Number.isFinite(written)) frame.disks.set(device, { read: read * SECTOR_BYTES, written: written * SECTOR_BYTES });
    } else if (file === '/proc/net/dev') {
      const m = /^\s*([^:\s]+):(.*)$/.exec(text);
      if (!m || !isCountedInterface(m[1]!)) continue;
      const f = numbers(m[2]!);
      if (f.length >= 9 && Number.isFinite(f[0]) && Number.isFinite(f[8])) frame.interfaces.set(m[1]!, { rx: f[0]!, tx: f[8]! });
    } else if (file === '/proc/mounts') {
      const [, mount, fsType] = text.split(' ');
      if (mount && fsType) fsTypes.set(unescapeMount(mount), fsType);
    }
  }
  const totalKb = meminfo.get('MemTotal');
  const availableKb = meminfo.get('MemAvailable');
  if (totalKb && availableKb !== undefined) frame.memory = { totalKb, availableKb };
  if (dfLines) frame.diskUsed = diskUse(dfLines, fsTypes);
  return frame;
}

/** Percent used per counted mount point, from `df -P -k` rows and /proc/mounts' types. */
function diskUse(dfLines: string[], fsTypes: Map<string, string>): Map<string, number> {
  const used = new Map<string, number>();
  for (const row of dfLines) {
    const m = DF_ROW.exec(row);
    if (!m) continue;
    const [size, avail, mount] = [Number(m[2]), Number(m[4]), m[6]!];
    const fsType = fsTypes.get(mount);
    if (!fsType || size <= 0 || !isCountedFilesystem(fsType, mount)) continue;
    used.set(mount, Math.max(100 * (1 - avail / size), used.get(mount) ?? -Infinity)); // as `max by (mountpoint)`
  }
  return used;
}

type Point = { metric: MetricName; label?: string; value: number };

/** Per-label rates of two counters between frames `dt` seconds apart (a counter that went back, e.g. a reset, is left out). */
function rates<T>(prev: Map<string, T>, cur: Map<string, T>, dt: number, pick: Array<[MetricName, (t: T) => number]>): Point[] {
  const points: Point[] = [];
  for (const [label, now] of cur) {
    const before = prev.get(label);
    if (!before) continue;
    for (const [metric, of] of pick) {
      const delta = of(now) - of(before);
      if (delta >= 0) points.push({ metric, label, value: delta / dt });
    }
  }
  return points;
}

/**
 * The metrics of `cur` (with `prev`, the frame before it, for CPU, the rates, and disk use when
 * `cur` had no df) as series of one point at `at`, tagged like the Prometheus path's (shape.ts
 * turns either into the contract).
 */
export function frameSeries(prev: ProcFrame | undefined, cur: ProcFrame, at: number): PromSeries[] {
  const points: Point[] = [];
  if (cur.memory) points.push({ metric: 'memory', value: 100 * (1 - cur.memory.availableKb / cur.memory.totalKb) });
  if (cur.load) (['load1', 'load5', 'load15'] as const).forEach((metric, i) => points.push({ metric, value: cur.load![i]! }));
  if (cur.cores > 0) points.push({ metric: 'cores', value: cur.cores });
  for (const [label, value] of cur.diskUsed ?? prev?.diskUsed ?? []) points.push({ metric: 'disk_used', label, value });
  if (prev?.cpu && cur.cpu && cur.cpu.total > prev.cpu.total) {
    const idle = Math.max(0, cur.cpu.idle - prev.cpu.idle);
    points.push({ metric: 'cpu', value: Math.max(0, 100 * (1 - idle / (cur.cpu.total - prev.cpu.total))) });
  }
  const dt = prev?.uptimeSec !== undefined && cur.uptimeSec !== undefined ? cur.uptimeSec - prev.uptimeSec : 0;
  if (prev && dt > 0) {
    points.push(...rates(prev.disks, cur.disks, dt, [['disk_read', (d) => d.read], ['disk_write', (d) => d.written]]));
    points.push(...rates(prev.interfaces, cur.interfaces, dt, [['net_rx', (n) => n.rx], ['net_tx', (n) => n.tx]]));
  }
  return points.map((p) => ({ labels: { metric: p.metric, ...(p.label !== undefined && { label: p.label }) }, points: [[at, p.value]] }));
}

/**
 * Splits the exec's stdout into frames: calls `onFrame` at each `@end`, `onPid` for the loop's
 * `@pid` line. Text may arrive in any chunks; a line or frame over FRAME_LIMITS is dropped whole.
 */
export function createFrameReader(onFrame: (frame: ProcFrame) => void, onPid: (pid: number) => void = () => {}): (chunk: string) => void {
  let partial = '';
  let proc: string[] = [];
  let df: string[] = [];
  let inDf = false; // after `@df`: the frame has a df table
  let broken = false; // the current frame lost a line: skipped at its end
  const line = (text: string) => {
    if (text === '@end') {
      if (!broken) onFrame(parseFrame(proc, inDf ? df : undefined));
      [proc, df, inDf, broken] = [[], [], false, false];
    } else if (text === '@df') inDf = true;
    else if (text.startsWith('@pid ')) onPid(Number(text.slice(5)));
    else if (proc.length + df.length >= FRAME_LIMITS.frameLines) broken = true;
    else (inDf ? df : proc).push(text);
  };
  return (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    if (partial.length > FRAME_LIMITS.lineChars) [partial, broken] = ['', true];
    for (const text of lines) {
      if (text.length > FRAME_LIMITS.lineChars) broken = true;
      else line(text);
    }
  };
}
