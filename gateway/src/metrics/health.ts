// The tree's health, read for every watcher together: the union of the instances all health
// subscriptions watch is read with ONE instant query per interval (./health-query.ts), however
// many watch and however they overlap. A watcher whose instances were all in the last read gets
// it at once; one naming new instances (the user scrolled) brings the next read forward, at most
// once a second, and the interval counts again from there.
import type { HealthFigures } from '../../../shared/contract/host-health';
import type { Logger } from '../logger';
import { healthFigures, healthQuery } from './health-query';
import { SourceDown, type PrometheusClient, type PromSeries } from './prometheus';

/** Instances in one query: beyond it the read is split (a regex of thousands of alternatives is slow to match). */
export const MAX_INSTANCES_PER_QUERY = 1000;
/** New instances are read this soon (coalescing a burst of subscriptions)… */
const CATCH_UP_MS = 100;
/** …but never sooner than this after the last read began: subscribing in a loop cannot flood the source. */
const MIN_GAP_MS = 1000;

export interface HealthRead {
  at: number;
  /** source_down: the source did not answer (or none is configured); no figures. */
  state: 'ok' | 'source_down';
  /** The instances this read asked for. */
  covered: ReadonlySet<string>;
  /** Figures per instance that had any. */
  figures: ReadonlyMap<string, HealthFigures>;
}

export interface HealthWatch {
  /** Watches these instances instead (a re-checked permission changed them). */
  update(instances: Iterable<string>): void;
  stop(): void;
}

export interface HealthReader {
  /** `listener` gets every read that covers all the watched instances, the first as soon as there is one. */
  watch(instances: Iterable<string>, listener: (read: HealthRead) => void): HealthWatch;
  close(): void;
}

interface Watcher {
  instances: Set<string>;
  listener: (read: HealthRead) => void;
}

export function createHealthReader(deps: { client: PrometheusClient | undefined; logger: Logger; intervalMs: number; rateWindowSec: number }): HealthReader {
  const { client, logger, intervalMs, rateWindowSec } = deps;
  const watchers = new Set<Watcher>();
  const counts = new Map<string, number>();
  let last: HealthRead | undefined;
  let timer: NodeJS.Timeout | undefined;
  let nextAt = Infinity;
  let lastStart = -Infinity;
  let busy = false;
  let again = false;
  let down = false;

  const covers = (read: HealthRead | undefined, w: Watcher) => read !== undefined && [...w.instances].every((i) => read.covered.has(i));

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    nextAt = Date.now() + delayMs;
    timer = setTimeout(() => {
      timer = undefined;
      nextAt = Infinity;
      void turn();
    }, delayMs);
  }

  /** Reads new instances soon, without waiting for the interval. */
  function catchUp(): void {
    if (busy) return void (again = true);
    const at = Math.max(Date.now() + CATCH_UP_MS, lastStart + MIN_GAP_MS);
    if (at < nextAt) schedule(at - Date.now());
  }

  async function query(instances: string[]): Promise<PromSeries[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < instances.length; i += MAX_INSTANCES_PER_QUERY) chunks.push(instances.slice(i, i + MAX_INSTANCES_PER_QUERY));
    return (await Promise.all(chunks.map((chunk) => client!.instant(healthQuery(chunk, rateWindowSec))))).flat();
  }

  async function read(instances: string[]): Promise<HealthRead> {
    const at = Date.now();
    const covered = new Set(instances);
    if (!client) return { at, state: 'source_down', covered, figures: new Map() };
    try {
      const figures = healthFigures(await query(instances));
      if (down) logger.info('the metrics source answers the health query again');
      down = false;
      return { at, state: 'ok', covered, figures };
    } catch (error) {
      if (!(error instanceof SourceDown)) throw error;
      if (!down) logger.warn({ err: error.message }, 'the metrics source is down (health)');
      down = true;
      return { at, state: 'source_down', covered, figures: new Map() };
    }
  }

  async function turn(): Promise<void> {
    if (busy || counts.size === 0) return;
    busy = true;
    lastStart = Date.now();
    schedule(intervalMs);
    try {
      last = await read([...counts.keys()].sort());
      for (const w of [...watchers]) if (watchers.has(w) && covers(last, w)) w.listener(last);
    } catch (error) {
      logger.error({ err: String(error) }, 'could not read the hosts\' health');
    } finally {
      busy = false;
      if (again && counts.size > 0) {
        again = false;
        catchUp();
      }
    }
  }

  const add = (instances: Iterable<string>) => {
    for (const i of instances) counts.set(i, (counts.get(i) ?? 0) + 1);
  };
  const remove = (instances: Iterable<string>) => {
    for (const i of instances) {
      const n = (counts.get(i) ?? 1) - 1;
      if (n > 0) counts.set(i, n);
      else counts.delete(i);
    }
    if (counts.size === 0) {
      clearTimeout(timer);
      timer = undefined;
      nextAt = Infinity;
    }
  };

  /** A watcher's first read: the last one if it is fresh and covers it, else a read brought forward. */
  function start(w: Watcher): void {
    if (w.instances.size === 0) return w.listener({ at: Date.now(), state: 'ok', covered: new Set(), figures: new Map() });
    if (!last || Date.now() - last.at >= intervalMs || !covers(last, w)) return catchUp();
    w.listener(last);
    // The first watcher after a pause: the turns start again where they would have been.
    if (timer === undefined && !busy) schedule(Math.max(0, last.at + intervalMs - Date.now()));
  }

  return {
    watch(instances, listener) {
      const w: Watcher = { instances: new Set(instances), listener };
      watchers.add(w);
      add(w.instances);
      start(w);
      return {
        update(next) {
          if (!watchers.has(w)) return;
          const old = w.instances;
          w.instances = new Set(next);
          add(w.instances);
          remove(old);
          if (!covers(last, w)) catchUp();
        },
        stop() {
          if (!watchers.delete(w)) return;
          remove(w.instances);
        },
      };
    },
    close() {
      clearTimeout(timer);
      watchers.clear();
      counts.clear();
    },
  };
}
