// Named benchmarks: each registers itself here; `npm run bench -- NAME…` runs the named ones (all
// when none is named). Figures are printed, never asserted.
import type { BenchLab } from './lab';

export interface BenchOptions {
  /** Record sessions at the gateway (default on: the figure we aim at is with recording). */
  recording: boolean;
  /** Each measurement is repeated this many times; the median is reported. */
  repeats: number;
  /** Free-form `--key value` options for individual benchmarks (e.g. --mb 200, --samples 300). */
  extra: Record<string, string>;
}

export interface BenchContext {
  options: BenchOptions;
  /** The loopback SSH lab (target sshd, jump sshd, gateway), started on first use and shared. */
  lab(): Promise<BenchLab>;
  /** Progress lines (stderr), so stdout stays the report. */
  progress(line: string): void;
}

export interface BenchReport {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  notes?: string[];
}

export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchReport[]>;
}

const benchmarks = new Map<string, Benchmark>();

export function registerBenchmark(benchmark: Benchmark): void {
  if (benchmarks.has(benchmark.name)) throw new Error(`benchmark ${benchmark.name} registered twice`);
  benchmarks.set(benchmark.name, benchmark);
}

export function listBenchmarks(): Benchmark[] {
  return [...benchmarks.values()];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0..100), nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function formatTable(report: BenchReport): string {
  const cells = [report.columns, ...report.rows.map((r) => r.map(String))];
  const widths = report.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [
    `### ${report.title}`,
    '',
    line(report.columns),
    '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
    ...report.rows.map((r) => line(r.map(String))),
    ...(report.notes?.length ? ['', ...report.notes.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
}
