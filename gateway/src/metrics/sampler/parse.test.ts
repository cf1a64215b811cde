// The sampler's parser on text captured from a real host's /proc and df (testdata/two-frames.txt:
// this machine, through the loop of ./script.ts at a 1 s interval, when it still ran df on every
// frame; figures below read off it by hand).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toValues } from '../shape';
import { createFrameReader, FRAME_LIMITS, frameSeries, parseFrame, type ProcFrame } from './parse';

const captured = readFileSync(join(__dirname, 'testdata', 'two-frames.txt'), 'utf8');

function framesOf(chunks: string[]) {
  const frames: ProcFrame[] = [];
  const pids: number[] = [];
  const feed = createFrameReader((f) => frames.push(f), (p) => pids.push(p));
  for (const chunk of chunks) feed(chunk);
  return { frames, pids };
}

const valueOf = (values: ReturnType<typeof toValues>, metric: string, label?: string) => values.find((v) => v.metric === metric && v.label === label)?.value;

describe('the SSH sampler parser on captured /proc text', () => {
  it('splits the stream into whole frames (a cut-off last frame is not one) and reads the loop pid', () => {
    const { frames, pids } = framesOf([captured]);
    expect(frames).toHaveLength(3);
    expect(pids).toEqual([1219]);
  });

  it('reads one frame as node_exporter would: CPUs, memory, load, counted disks, interfaces and file systems', () => {
    const [first] = framesOf([captured]).frames;
    expect(first!.cores).toBe(2);
    expect(first!.uptimeSec).toBe(32381.15);
    expect(first!.cpu).toEqual({ idle: 1101444, total: 4113747 + 79261 + 1144400 + 1101444 + 5459 + 0 + 11628 + 0 });
    expect(first!.memory).toEqual({ totalKb: 24683748, availableKb: 23153308 });
    expect(first!.load).toEqual([12.04, 5.69, 3.62]);
    expect([...first!.disks.keys()]).toEqual(['vda']); // loop* and zram0 are node_exporter's default exclusions
    expect(first!.disks.get('vda')).toEqual({ read: 15338546 * 512, written: 57502400 * 512 });
    expect([...first!.interfaces.keys()]).toEqual(['ifb0', 'ifb1', 'eth0']); // not lo
    expect(first!.interfaces.get('eth0')).toEqual({ rx: 2637898413, tx: 15600734 });
    // Only / counts: /dev (devtmpfs), /dev/shm and /sys/fs/cgroup (tmpfs) and the read-only tmpfs are not disks.
    expect([...first!.diskUsed!.keys()]).toEqual(['/']);
    expect(first!.diskUsed!.get('/')).toBeCloseTo(100 * (1 - 80473940 / 264212084), 6); // 1 − avail ÷ size, not df's Capacity
  });

  it('makes a reading of two frames: CPU from the jiffies, rates over the host\'s own uptime', () => {
    const [a, b] = framesOf([captured]).frames;
    const values = toValues(frameSeries(a, b!, 1000));
    const dt = 32382.27 - 32381.15;
    expect(valueOf(values, 'cpu')).toBe(100); // idle did not move between these frames: a busy machine
    expect(valueOf(values, 'memory')).toBeCloseTo(100 * (1 - 23169324 / 24683748), 6);
    expect(valueOf(values, 'cores')).toBe(2);
    expect(valueOf(values, 'load1')).toBe(12.04);
    expect(valueOf(values, 'net_rx', 'eth0')).toBeCloseTo((2637899323 - 2637898413) / dt, 6);
    expect(valueOf(values, 'net_tx', 'eth0')).toBeCloseTo((15601644 - 15600734) / dt, 6);
    expect(valueOf(values, 'disk_write', 'vda')).toBeCloseTo(((57502416 - 57502400) * 512) / dt, 6);
    expect(valueOf(values, 'disk_read', 'vda')).toBe(0);
  });

  it('gives the gauges alone for the first frame (no CPU or rates without one before it)', () => {
    const [a] = framesOf([captured]).frames;
    const metrics = new Set(toValues(frameSeries(undefined, a!, 1000)).map((v) => v.metric));
    expect([...metrics]).toEqual(['memory', 'load1', 'load5', 'load15', 'cores', 'disk_used']);
  });

  it('reads the same frames whatever the chunks (one byte at a time)', () => {
    expect(framesOf(captured.split(''))).toEqual(framesOf([captured]));
  });

  it('drops a frame with an overlong line, keeps the next; leaves out a counter that went back and lines it does not know', () => {
    const [a, b] = captured.split('@end\n');
    const long = `/proc/stat:cpu ${'1 '.repeat(FRAME_LIMITS.lineChars)}\n`;
    const { frames } = framesOf([`${long}${a}@end\n`, 'garbage without a colon\n/proc/nowhere:1 2 3\n', `${b}@end\n`]);
    expect(frames).toHaveLength(1);
    const reset: ProcFrame = { ...frames[0]!, uptimeSec: frames[0]!.uptimeSec! + 1, interfaces: new Map([['eth0', { rx: 0, tx: 0 }]]) };
    const values = toValues(frameSeries(frames[0], reset, 1000));
    expect(valueOf(values, 'net_rx', 'eth0')).toBeUndefined();
  });

  it('unescapes mount points with spaces and keeps file systems the exporter would', () => {
    const frame = parseFrame(['/proc/mounts:/dev/sdb1 /mnt/my\\040data ext4 rw 0 0', '/proc/mounts:overlay /var/lib/docker/overlay2/x/merged overlay rw 0 0'], [
      'Filesystem 1024-blocks Used Available Capacity Mounted on',
      '/dev/sdb1 1000 250 750 25% /mnt/my data',
      'overlay 1000 900 100 90% /var/lib/docker/overlay2/x/merged',
    ]);
    expect([...frame.diskUsed!]).toEqual([['/mnt/my data', 25]]);
  });

  it('takes disk use from the frame before when a frame has no df (the loop runs df one frame in several)', () => {
    const [a, b] = framesOf([captured]).frames;
    const withoutDf = framesOf([captured.split('@end\n')[1]!.replace(/@df[^]*$/, '@end\n')]).frames[0]!;
    expect(withoutDf.diskUsed).toBeUndefined();
    const values = toValues(frameSeries(a, withoutDf, 1000));
    expect(valueOf(values, 'disk_used', '/')).toBe(a!.diskUsed!.get('/'));
    expect(valueOf(toValues(frameSeries(a, b!, 1000)), 'disk_used', '/')).toBe(b!.diskUsed!.get('/'));
  });
});
