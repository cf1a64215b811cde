// The Prometheus HTTP API (/api/v1/query and /api/v1/query_range), read-only. Anything but a
// well-formed success answer in time is a SourceDown: the caller reports `source_down` and tries
// again on its next turn. Credentials in the URL (http://user:pass@prom:9090) are sent as a Basic
// header and never appear in a message or a log line.
import { z } from 'zod';

/** The source did not answer, or not usefully; `message` is safe to log (no credentials). */
export class SourceDown extends Error {
  override name = 'SourceDown';
}

export interface PromSeries {
  labels: Record<string, string>;
  /** [ms since epoch, value] pairs; NaN and infinities left out. */
  points: Array<[number, number]>;
}

export interface PrometheusClient {
  /** The URL without credentials, for logs and errors. */
  readonly shown: string;
  instant(query: string): Promise<PromSeries[]>;
  range(query: string, window: { startSec: number; endSec: number; stepSec: number }): Promise<PromSeries[]>;
}

/** Larger answers are refused: a query of one host's metrics is a few kB to a few MB. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

const Sample = z.tuple([z.number(), z.string()]);
const AnswerSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.enum(['vector', 'matrix']),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: Sample.optional(), values: z.array(Sample).optional() })),
  }),
});

/** Reads and checks `metrics.prometheus.url`; throws a readable Error for a bad one. */
export function parsePrometheusUrl(text: string): { base: URL; authorization: string | undefined; shown: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('metrics.prometheus.url: not a URL (expected e.g. http://127.0.0.1:9090)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`metrics.prometheus.url: expected http or https, not ${url.protocol}`);
  const authorization = url.username ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` : undefined;
  url.username = '';
  url.password = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { base: url, authorization, shown: url.origin + url.pathname };
}

export function createPrometheusClient(urlText: string, timeoutMs: number): PrometheusClient {
  const { base, authorization, shown } = parsePrometheusUrl(urlText);

  async function ask(path: string, form: Record<string, string>): Promise<PromSeries[]> {
    let answer: Response;
    try {
      answer = await fetch(new URL(path, base), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
        body: new URLSearchParams(form),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'could not connect';
      throw new SourceDown(`Prometheus at ${shown}: ${why}`);
    }
    const length = Number(answer.headers.get('content-length') ?? 0);
    if (length > MAX_ANSWER_BYTES) throw new SourceDown(`Prometheus at ${shown}: an answer of ${length} bytes is too large`);
    const text = await answer.text().catch(() => '');
    if (!answer.ok) throw new SourceDown(`Prometheus at ${shown}: HTTP ${answer.status}`);
    let parsed: z.infer<typeof AnswerSchema>;
    try {
      parsed = AnswerSchema.parse(JSON.parse(text));
    } catch {
      throw new SourceDown(`Prometheus at ${shown}: not an answer of the Prometheus HTTP API`);
    }
    return parsed.data.result.map((r) => ({ labels: r.metric, points: (r.values ?? (r.value ? [r.value] : [])).flatMap(toPoint) }));
  }

  return {
    shown,
    instant: (query) => ask('api/v1/query', { query }),
    range: (query, w) => ask('api/v1/query_range', { query, start: String(w.startSec), end: String(w.endSec), step: String(w.stepSec) }),
  };
}

function toPoint([seconds, text]: [number, string]): Array<[number, number]> {
  const value = Number(text);
  return Number.isFinite(value) ? [[Math.round(seconds * 1000), value]] : [];
}
