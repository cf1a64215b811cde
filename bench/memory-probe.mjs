// Preloaded into the gateway process by the sessions-memory benchmark (`node --expose-gc --import
// bench/memory-probe.mjs`), never by the product. On SIGUSR2 it runs a full GC and writes the
// process's memory figures as JSON to PORTCULLIS_BENCH_MEMORY_FILE. A signal and a file, so the
// gateway gains no network endpoint; only the process owner (the bench) can ask.
import { renameSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const file = process.env.PORTCULLIS_BENCH_MEMORY_FILE;
if (file) {
  process.on('SIGUSR2', () => {
    // Twice: a first pass may leave objects whose finalizers free more on the second.
    globalThis.gc?.();
    globalThis.gc?.();
    const usage = process.memoryUsage();
    const heap = v8.getHeapStatistics();
    const report = { at: Date.now(), gc: typeof globalThis.gc === 'function', ...usage, heapTotalV8: heap.total_heap_size, mallocedMemory: heap.malloced_memory };
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file); // the bench waits for the file: never let it read half of it
  });
}
