// Direct I/O for recording floods. Writing a recording through the page cache makes the kernel
// copy every byte into page-cache pages the process has never touched; on this VM that copy was
// most of what a recorded session cost beyond relaying (1.2 GB of JSON: 5.3 s of kernel time
// through the page cache, 0.23 s with O_DIRECT; docs/BENCHMARKS.md). Large batches are therefore
// written with O_DIRECT from a few aligned staging buffers that are reused, so they stay warm.
//
// O_DIRECT wants the memory address, the file offset and the length aligned to the device's
// block; 4096 covers 512- and 4096-byte devices. Node buffers carry no alignment promise, but a
// WebAssembly memory is page-aligned, so the staging buffers are views of one. A filesystem that
// refuses O_DIRECT at open gets buffered writes for that file; a direct write refused with
// EINVAL or EOPNOTSUPP turns direct writes off for the process: every byte then goes through the
// page cache as before.
import { constants, openSync } from 'node:fs';

export const DIRECT_ALIGN = 4096;
export const STAGE_BYTES = 1024 * 1024;
/** Staging buffers (1 MiB each, 16 MiB of address space) shared by all recordings; a write that finds none free goes through the page cache. */
const STAGE_COUNT = 16;

let enabled = process.platform === 'linux' && typeof constants.O_DIRECT === 'number';
let memory: WebAssembly.Memory | undefined;
const free: Buffer[] = [];

/** Bytes written with O_DIRECT since the process started (for tests and diagnostics). */
export const directIoStats = { bytes: 0 };

export const alignDown = (n: number) => n - (n % DIRECT_ALIGN);

/** A second descriptor on `path` for direct writes at explicit offsets, or undefined. */
export function openDirect(path: string): number | undefined {
  if (!enabled) return undefined;
  try {
    return openSync(path, constants.O_WRONLY | constants.O_DIRECT);
  } catch {
    return undefined; // this filesystem has no O_DIRECT (EINVAL): the page cache it is
  }
}

/** A write with O_DIRECT was refused (an alignment this device does not accept, or no O_DIRECT). */
export function disableDirectIo(): void {
  enabled = false;
}

/** Up to `count` aligned buffers of STAGE_BYTES: none when all are in use or direct I/O is off. */
export function takeStages(count: number): Buffer[] {
  if (!enabled) return [];
  if (!memory) {
    // Address space is reserved here; a page is backed only once a stage uses it.
    memory = new WebAssembly.Memory({ initial: (STAGE_BYTES * STAGE_COUNT) / 65536, maximum: (STAGE_BYTES * STAGE_COUNT) / 65536 });
    for (let i = STAGE_COUNT - 1; i >= 0; i--) free.push(Buffer.from(memory.buffer, i * STAGE_BYTES, STAGE_BYTES));
  }
  return free.splice(Math.max(free.length - count, 0));
}

export function giveStage(stage: Buffer): void {
  free.push(stage);
}
