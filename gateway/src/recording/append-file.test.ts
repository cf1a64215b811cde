import { randomBytes, randomInt } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppendFile } from './append-file';
import { directIoStats, openDirect } from './direct-io';
import { waitFor } from '../testing';

const dir = mkdtempSync(join(tmpdir(), 'append-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Appends `n` random bytes through reserve/commit, as the encoder does. */
function pushRandom(f: AppendFile, n: number, expected: Buffer[]): void {
  const data = randomBytes(n);
  const [buf, o] = f.reserve(n);
  data.copy(buf, o);
  f.commit(o + n);
  expected.push(data);
}

/** Whether the test directory's filesystem takes O_DIRECT (tmpfs before Linux 6.6 does not). */
function directHere(): boolean {
  const probe = join(dir, 'probe');
  closeSync(openSync(probe, 'w'));
  const fd = openDirect(probe);
  if (fd === undefined) return false;
  closeSync(fd);
  return true;
}
const direct = directHere();
if (!direct) console.warn(`skipping the O_DIRECT test: ${dir} does not take O_DIRECT`);

describe('AppendFile', () => {
  it.skipIf(!direct)('writes exactly what was appended when batches alternate between the page cache and O_DIRECT', async () => {
    const path = join(dir, 'mixed');
    const fd = openSync(path, 'a', 0o600);
    const directFd = openDirect(path);
    const errors: Error[] = [];
    const f = new AppendFile(fd, { onError: (e) => errors.push(e), directFd });
    const expected: Buffer[] = [];
    const directBefore = directIoStats.bytes;
    const shared = Buffer.alloc(200_000, '\\u0000');
    for (let round = 0; round < 60; round++) {
      // Small batches (a prompt: page cache, leaving an unaligned end) and large ones (a flood:
      // O_DIRECT from the last aligned offset, rewriting the carried bytes), in random order.
      const kind = randomInt(4);
      if (kind === 0) pushRandom(f, randomInt(1, 3000), expected);
      else if (kind === 1) for (let i = 0, n = randomInt(3, 40); i < n; i++) pushRandom(f, randomInt(1000, 40_000), expected);
      else if (kind === 2) {
        f.pushShared(shared);
        expected.push(shared);
      } else {
        const line = `[${round}, "o", "x"]\n`;
        f.pushString(line);
        expected.push(Buffer.from(line));
      }
      f.flush();
      if (randomInt(3) === 0) await f.drained();
    }
    // The file ends off a block boundary: the last bytes go through the page cache.
    const tail = Buffer.from('x'.repeat(4096 + ((4095 - (f.end % 4096)) % 4096)));
    f.pushString(tail.toString());
    expected.push(tail);
    await f.drained();
    f.close();
    expect(errors).toEqual([]);
    const want = Buffer.concat(expected);
    const got = readFileSync(path);
    expect(got.length).toBe(want.length);
    expect(got.equals(want)).toBe(true);
    expect(f.end).toBe(want.length);
    // Both paths were taken: most bytes went direct, and the file does not end on a block.
    expect(directIoStats.bytes - directBefore).toBeGreaterThan(0);
    expect(want.length % 4096).toBe(4095);
  });

  it('leaves a few lines that came during a write to the next flush, but writes a flood’s next batch at once', async () => {
    const path = join(dir, 'typing');
    const fd = openSync(path, 'a', 0o600);
    let handed = 0;
    const f = new AppendFile(fd, { onError: (e) => expect.fail(e.message), onHanded: () => handed++ });
    const fileHas = (bytes: number) => waitFor(() => readFileSync(path).length === bytes, 5000);
    f.pushString('[0.1, "o", "a"]\n');
    f.flush();
    f.pushString('[0.2, "i", "b"]\n'); // typed while the first line is being written
    expect(await fileHas(16)).toBe(true);
    await new Promise((r) => setTimeout(r, 100)); // the first write's completion has run by now
    expect(handed).toBe(1); // the keystroke waits for the owner's next flush (its timer)…
    expect(readFileSync(path).length).toBe(16);
    f.flush(); // …which writes it
    expect(await fileHas(32)).toBe(true);
    expect(handed).toBe(2);
    await new Promise((r) => setTimeout(r, 100));

    const expected: Buffer[] = [readFileSync(path)];
    pushRandom(f, 1000, expected);
    f.flush();
    for (let i = 0; i < 4; i++) pushRandom(f, 32 * 1024, expected); // a flood arriving meanwhile
    const total = Buffer.concat(expected).length;
    expect(await fileHas(total)).toBe(true); // with no flush() call: written once the first was done
    expect(handed).toBe(4);
    await f.drained();
    f.close();
    expect(readFileSync(path).equals(Buffer.concat(expected))).toBe(true);
  });

  // Last in this file: a refusal turns direct writes off for the whole process (this test file's).
  it.skipIf(process.platform !== 'linux')('after a direct write is refused (EINVAL), appends the rest through the page cache and loses nothing', async () => {
    const path = join(dir, 'refused');
    const fd = openSync(path, 'a', 0o600);
    // A descriptor whose writes the kernel refuses with EINVAL at any offset and length, as a device
    // with a larger block than 4 KiB, or a filesystem that took O_DIRECT at open but not at write, does.
    const refusing = openSync('/proc/self/oom_score_adj', 'w');
    const errors: Error[] = [];
    const f = new AppendFile(fd, { onError: (e) => errors.push(e), directFd: refusing });
    const expected: Buffer[] = [];
    const directBefore = directIoStats.bytes;
    pushRandom(f, 1234, expected); // a prompt: page cache, leaving a carry of 1234 bytes
    f.flush();
    await f.drained();
    for (let i = 0; i < 40; i++) pushRandom(f, 32 * 1024, expected); // a flood: tries O_DIRECT, refused
    f.flush();
    await f.drained();
    for (let i = 0; i < 40; i++) pushRandom(f, 32 * 1024, expected); // direct I/O is off now
    pushRandom(f, 77, expected);
    await f.drained();
    f.close();
    expect(errors).toEqual([]);
    expect(readFileSync(path).equals(Buffer.concat(expected))).toBe(true);
    expect(directIoStats.bytes).toBe(directBefore);
    expect(openDirect(path)).toBeUndefined(); // off for the process: later recordings do not try
  });
});
