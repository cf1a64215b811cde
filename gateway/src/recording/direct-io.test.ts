// A recordings directory on a filesystem without O_DIRECT. ramfs refuses O_DIRECT at open
// (EINVAL), as some network and FUSE filesystems do; mounting it needs root (CI runs as root),
// so elsewhere this test is skipped with a warning.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CastWriter } from './cast-writer';
import { directIoStats, openDirect } from './direct-io';
import { readCast } from './reader';

const plain = mkdtempSync(join(tmpdir(), 'direct-io-'));

/** Whether `dir`'s filesystem takes O_DIRECT. */
function takesDirect(dir: string): boolean {
  const probe = join(dir, 'probe');
  closeSync(openSync(probe, 'w'));
  const fd = openDirect(probe);
  if (fd !== undefined) closeSync(fd);
  return fd !== undefined;
}

/** A fresh ramfs mount (`dir`, unless mounting failed) and, when the test cannot run, `why`. */
function mountRamfs(): { dir?: string; why?: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ramfs-'));
  try {
    execFileSync('mount', ['-t', 'ramfs', 'ramfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { why: `cannot mount ramfs (needs root): ${(error as Error).message.split('\n')[0]}` };
  }
  return takesDirect(dir) ? { dir, why: 'ramfs takes O_DIRECT on this kernel' } : { dir };
}
// Probed first: the ramfs probe below is itself a refusal, which must leave other files alone.
const plainTakesDirect = takesDirect(plain);
const ramfs = mountRamfs();
if (ramfs.why) console.warn(`skipping the O_DIRECT refusal test: ${ramfs.why}`);

afterAll(() => {
  if (ramfs.dir) {
    execFileSync('umount', [ramfs.dir]);
    rmSync(ramfs.dir, { recursive: true, force: true });
  }
  rmSync(plain, { recursive: true, force: true });
});

/** Records a NUL flood (batches far above the direct-write threshold); returns what was sent. */
async function recordFlood(dir: string, name: string): Promise<{ castPath: string; sent: Buffer[]; failures: string[] }> {
  const castPath = join(dir, `${name}.cast`);
  const failures: string[] = [];
  const w = CastWriter.open({ castPath, idxPath: join(dir, `${name}.idx`), header: { width: 80, height: 24, timestamp: 1 }, onFailure: (r) => failures.push(r) });
  const sent: Buffer[] = [];
  for (let i = 0; i < 64; i++) {
    const chunk = i % 2 ? Buffer.alloc(32 * 1024) : Buffer.from(`line ${i}\r\n`.repeat(3000));
    sent.push(chunk);
    w.output(chunk);
    if (i % 8 === 0) await new Promise((r) => setImmediate(r));
  }
  await w.close();
  return { castPath, sent, failures };
}

const output = async (castPath: string) =>
  (await readCast(castPath)).events
    .filter((e) => e.type === 'o')
    .map((e) => e.data)
    .join('');

describe('recordings where O_DIRECT is refused at open', () => {
  it.skipIf(!!ramfs.why)('are written whole through the page cache, and direct writes stay on for other files', async () => {
    const before = directIoStats.bytes;
    const refused = await recordFlood(ramfs.dir!, 'on-ramfs');
    expect(refused.failures).toEqual([]);
    expect(await output(refused.castPath)).toBe(Buffer.concat(refused.sent).toString('latin1'));
    expect(directIoStats.bytes).toBe(before); // nothing went direct on ramfs

    // The refusal was for that file only: a recording on a filesystem that takes O_DIRECT still
    // writes its floods directly (a refused *write* is what turns direct I/O off for the process).
    if (!plainTakesDirect) return console.warn(`${plain} does not take O_DIRECT either: second half skipped`);
    const elsewhere = await recordFlood(plain, 'on-disk');
    expect(elsewhere.failures).toEqual([]);
    expect(await output(elsewhere.castPath)).toBe(Buffer.concat(elsewhere.sent).toString('latin1'));
    expect(directIoStats.bytes).toBeGreaterThan(before);
  });
});
