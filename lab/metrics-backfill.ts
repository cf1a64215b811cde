// Fills a Prometheus data dir with past metrics before Prometheus opens it: one scrape of each
// exporter (which series it serves now), their history as OpenMetrics text (./metrics-history.ts)
// in a file beside the dir, then Debian's `promtool tsdb create-blocks-from openmetrics` writes
// the blocks (2 h each) into the dir, one file per block. The text file is removed afterwards.
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { buildHistory, historyText, parseExposition, type HistoryTarget } from './metrics-history';

export const PROMTOOL_BIN = '/usr/bin/promtool';

export interface BackfillOptions {
  /** The dir Prometheus is then started on (`--storage.tsdb.path`). */
  tsdbDir: string;
  /** Where the OpenMetrics text is written meanwhile. */
  textFile: string;
  /** Each exporter's `instance` and the URL of its /metrics page. */
  exporters: Array<{ instance: string; url: string }>;
  /** The scrape job's name (the `job` label the live scrapes will carry). */
  job: string;
  spanSec: number;
  stepSec: number;
}

export interface Backfilled {
  series: number;
  /** Points per series. */
  points: number;
  /** Size of the OpenMetrics text, bytes. */
  textBytes: number;
}

/** promtool's block length (Prometheus's 2 h), blocks aligned to it since the epoch. */
const BLOCK_SEC = 2 * 3600;

async function writeText(file: string, chunks: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  for (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export async function backfillHistory(opts: BackfillOptions): Promise<Backfilled> {
  if (!existsSync(PROMTOOL_BIN)) throw new Error(`no ${PROMTOOL_BIN}: it comes with Debian's prometheus package`);
  const targets: HistoryTarget[] = [];
  for (const e of opts.exporters) {
    const response = await fetch(e.url);
    if (!response.ok) throw new Error(`history: ${e.url} answered ${response.status}`);
    targets.push({ instance: e.instance, job: opts.job, samples: parseExposition(await response.text()) });
  }
  const endSec = Math.floor(Date.now() / 1000) - 1; // before the first live scrape
  const history = buildHistory({ targets, endSec, spanSec: opts.spanSec, stepSec: opts.stepSec });
  let textBytes = 0;
  try {
    // One file per block: promtool reads its whole input once per block it makes.
    for (let from = Math.floor((endSec - opts.spanSec) / BLOCK_SEC) * BLOCK_SEC; from <= endSec; from += BLOCK_SEC) {
      await writeText(opts.textFile, historyText(history, { fromSec: from, toSec: from + BLOCK_SEC }));
      textBytes += statSync(opts.textFile).size;
      await promisify(execFile)(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', opts.textFile, opts.tsdbDir], { maxBuffer: 16 << 20 }).catch((error: { stderr?: string; message: string }) => {
        throw new Error(`promtool could not make blocks of the history: ${(error.stderr || error.message).trim().split('\n').slice(-5).join('\n')}`);
      });
    }
    return { series: history.series.length, points: history.times.length, textBytes };
  } finally {
    rmSync(opts.textFile, { force: true });
  }
}
