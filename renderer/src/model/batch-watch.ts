// A watched batch job, built from its `batch.progress` events: the job, every host's state in the
// job's order, and each host's output lines as they came (bounded per host; the whole output is in
// `batch.output`). Panes read a host's lines and hear the new ones; the view re-renders on `version`.
import type { BatchHost, BatchJob, BatchProgress } from '../../../shared/contract/gateway-api/batch';

/** Output lines kept per host for its pane (older ones drop off; the recording has them all). */
export const MAX_LINES_PER_HOST = 5000;

/** Up to this many hosts each get a pane; more, and the view shows status tiles and one host's output. */
export const MAX_PANES = 16;

export type OutputLine = { stream: 'stdout' | 'stderr'; text: string };

export class BatchWatch {
  job: BatchJob | null = null;
  /** Bumped on every change, for React. */
  version = 0;
  private readonly order: string[] = [];
  private readonly hostMap = new Map<string, BatchHost>();
  private readonly lines = new Map<string, OutputLine[]>();
  private readonly listeners = new Set<(host: string, lines: readonly OutputLine[]) => void>();

  apply(event: BatchProgress): void {
    switch (event.change) {
      case 'snapshot':
        this.job = event.job;
        for (const h of event.hosts) this.setHost(h);
        break;
      case 'job':
        this.job = event.job;
        break;
      case 'host':
        this.setHost(event.host);
        break;
      case 'output': {
        const added = event.lines.map((text) => ({ stream: event.stream, text }));
        const kept = this.lines.get(event.host) ?? [];
        kept.push(...added);
        if (kept.length > MAX_LINES_PER_HOST) kept.splice(0, kept.length - MAX_LINES_PER_HOST);
        this.lines.set(event.host, kept);
        for (const listener of this.listeners) listener(event.host, added);
        break;
      }
    }
    this.version++;
  }

  private setHost(h: BatchHost): void {
    const before = this.hostMap.get(h.host);
    if (!before) this.order.push(h.host);
    // A retried host runs again from an empty screen.
    else if (h.status === 'running' && before.status !== 'running' && before.status !== 'pending') this.lines.delete(h.host);
    this.hostMap.set(h.host, h);
  }

  hosts(): BatchHost[] {
    return this.order.map((name) => this.hostMap.get(name)!);
  }

  host(name: string): BatchHost | undefined {
    return this.hostMap.get(name);
  }

  output(host: string): readonly OutputLine[] {
    return this.lines.get(host) ?? [];
  }

  /** New output lines as they come; returns the unsubscribe. */
  onOutput(listener: (host: string, lines: readonly OutputLine[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Whether a job of these hosts may show a pane per host (else only tiles: too many hosts). */
export const panesFit = (hosts: readonly BatchHost[]) => hosts.filter((h) => h.status !== 'not_permitted').length <= MAX_PANES;

/**
 * Panes for every host that is running or has run (never the not-permitted), or tiles when there
 * are too many hosts or the user chose tiles.
 */
export function watchLayout(hosts: readonly BatchHost[], tilesChosen = false): { mode: 'panes'; hosts: BatchHost[] } | { mode: 'tiles' } {
  const runnable = hosts.filter((h) => h.status !== 'not_permitted');
  return panesFit(hosts) && !tilesChosen ? { mode: 'panes', hosts: runnable.filter((h) => h.status !== 'pending') } : { mode: 'tiles' };
}

/** The progress bar's numbers: hosts finished (any end) of the hosts that will run. */
export function progressOf(job: BatchJob): { done: number; total: number; percent: number } {
  const c = job.counts;
  const total = Object.values(c).reduce((a, b) => a + b, 0) - (c.not_permitted ?? 0);
  const done = total - (c.pending ?? 0) - (c.running ?? 0);
  return { done, total, percent: total ? Math.floor((done * 100) / total) : 100 };
}

/** Whether the job can still change (and is worth watching live). */
export const isLive = (job: BatchJob) => job.state === 'running' || job.state === 'paused';
