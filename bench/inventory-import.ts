// `inventory import` of a 10,000-row CSV into a fresh data dir: the first import (all added) and
// the re-import (all unchanged), plan and apply each. The goal: under 10 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importInventory } from '../gateway/src/inventory-import';
import { sampleInventoryCsv } from '../gateway/src/inventory-import/sample-csv';
import { openStore } from '../gateway/src/store';
import { median, registerBenchmark } from './registry';

registerBenchmark({
  name: 'inventory-import',
  description: 'gateway inventory import: 10,000 CSV rows, first import and re-import (goal < 10 s)',
  async run({ options, progress }) {
    const rows = Number(options.extra.rows ?? 10_000);
    const first: number[] = [];
    const again: number[] = [];
    for (let r = 0; r < options.repeats; r++) {
      const dir = mkdtempSync(join(tmpdir(), 'bench-inventory-'));
      try {
        const file = join(dir, 'hosts.csv');
        writeFileSync(file, sampleInventoryCsv(rows));
        const store = openStore(join(dir, 'data'));
        let t = performance.now();
        await importInventory(store, { file, actor: 'bench' });
        first.push(performance.now() - t);
        t = performance.now();
        await importInventory(store, { file, actor: 'bench' });
        again.push(performance.now() - t);
        store.close();
        progress(`inventory-import: run ${r + 1}/${options.repeats}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return [{ title: `inventory import, ${rows} CSV rows (median of ${options.repeats})`, columns: ['import', 'ms'], rows: [['first (all added)', Math.round(median(first))], ['again (all unchanged)', Math.round(median(again))]] }];
  },
});
