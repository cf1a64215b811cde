// The SSH sampler: for each watched host tagged `metrics=ssh`, ONE long-lived exec (./script.ts)
// through the session core as `gateway:metrics` (so it is recorded, audited and listed like any
// session), shared by every watcher of the host. It stays open while anyone watches, closes a
// grace period after the last watcher leaves, and is reopened with backoff if it dies while
// watched. Its readings go to the watchers and into a ring (./history.ts) for `metrics.range`.
import { Writable, PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { MetricsRange, MetricsRangeResult } from '../../../../shared/contract/gateway-api/metrics';
import type { Logger } from '../../logger';
import type { ClientSide, SessionCore, SessionHandle } from '../../sessions/core';
import type { HostRecord, Store } from '../../store';
import { toSeries, toValues, type Reading } from '../shape';
import { SAMPLER_USER } from './access';
import { createHistory, type History } from './history';
import { createFrameReader, frameSeries, type ProcFrame } from './parse';
import { samplerCommand } from './script';

/** The host tag that picks the SSH sampler for a host (with `metrics.sampler.enabled`). */
export const SAMPLER_TAG = { name: 'metrics', value: 'ssh' } as const;

export interface SamplerSettings {
  /** `metrics.sampler.enabled`: off by default, so no host gets a session it was not meant to. */
  enabled: boolean;
  /** `metrics.sampler.login`; none: the first login (by name) the gateway holds a credential for on the host. */
  login?: string;
  /** How often the loop prints, ms (the gateway's metrics interval). */
  intervalMs: number;
  /** How long a sampler stays open after its last watcher left, ms (default 10 s: a reopened panel reuses it). */
  graceMs?: number;
  /** Readings kept for `metrics.range`, minutes (default 60). */
  historyMinutes?: number;
  /** First and longest wait before reopening a sampler that died, ms (default 1 s, doubling to 60 s). */
  retryMs?: { initial: number; max: number };
}

export interface SamplerPool {
  /** Whether `host` is read by the SSH sampler rather than Prometheus. */
  samples(host: Pick<HostRecord, 'tags'>): boolean;
  /** The sampler's login on a sampled host (undefined: not sampled, or no credential to use). */
  loginOf(host: string): string | undefined;
  watch(host: string, listener: (reading: Reading) => void): () => void;
  /** The last reading, or the first full one of a sampler opened for this call. */
  current(host: string): Promise<Reading>;
  range(host: string, range: MetricsRange): Omit<MetricsRangeResult, 'host'>;
  /** Ends every sampler session (the gateway is closing) and waits for them. */
  close(): Promise<void>;
}

interface Sampler {
  host: string;
  listeners: Set<(reading: Reading) => void>;
  history: History;
  last?: Reading;
  previous?: ProcFrame;
  session?: SessionHandle;
  graceTimer?: NodeJS.Timeout;
  retryTimer?: NodeJS.Timeout;
  /** Sessions that ended in a row without a frame: the backoff's exponent. */
  failures: number;
  stopped: boolean;
}

/** A ClientSide that hands the exec's stdout to `onText` and drops its stderr; it sends the target nothing. */
function readingSide(onText: (text: string) => void): ClientSide {
  const decoder = new StringDecoder('utf8');
  let open = true;
  const input = new PassThrough();
  input.end();
  return {
    output: new Writable({ write: (chunk: Buffer, _e, done) => (onText(decoder.write(chunk)), done()) }),
    stderr: new Writable({ write: (_c, _e, done) => done() }),
    input,
    get writable() {
      return open;
    },
    exit: () => {},
    end: () => void (open = false),
    close: () => void (open = false),
  };
}

/** The first frame of a session has no CPU or rates yet (the second follows 1 s later); a failure is complete as it is. */
const complete = (reading: Reading) => reading.state !== 'ok' || reading.values.some((v) => v.metric === 'cpu');

export function createSamplerPool(deps: { store: Store; core: SessionCore; logger: Logger; settings: SamplerSettings }): SamplerPool {
  const { settings, store } = deps;
  const log = deps.logger.child({ source: 'ssh-sampler' });
  const graceMs = settings.graceMs ?? 10_000;
  const retry = settings.retryMs ?? { initial: 1000, max: 60_000 };
  const capacity = Math.ceil(((settings.historyMinutes ?? 60) * 60_000) / settings.intervalMs);
  const samplers = new Map<string, Sampler>();

  const samples = (host: Pick<HostRecord, 'tags'>) => settings.enabled && host.tags[SAMPLER_TAG.name] === SAMPLER_TAG.value;

  function loginOf(name: string): string | undefined {
    const host = store.hosts.find(name);
    if (!host || !samples(host)) return undefined;
    return settings.login ?? store.credentials.logins(host.id)[0];
  }

  function publish(sampler: Sampler, reading: Reading) {
    sampler.last = reading;
    for (const listener of sampler.listeners) listener(reading);
  }

  function onFrame(sampler: Sampler, frame: ProcFrame) {
    const at = Date.now();
    const values = toValues(frameSeries(sampler.previous, frame, at));
    frame.diskUsed ??= sampler.previous?.diskUsed; // carried to the frames without df
    sampler.previous = frame;
    sampler.failures = 0;
    sampler.history.add(at, values);
    publish(sampler, { state: values.length > 0 ? 'ok' : 'no_data', at, values });
  }

  function open(sampler: Sampler) {
    const login = loginOf(sampler.host);
    if (!login) {
      log.warn({ host: sampler.host }, 'no login to sample this host with: set metrics.sampler.login or give the gateway a credential for it');
      return retryLater(sampler);
    }
    sampler.previous = undefined; // rates never span two sessions
    const side = readingSide(createFrameReader((frame) => onFrame(sampler, frame)));
    const session = deps.core.open({ user: SAMPLER_USER, target: `${login}@${sampler.host}`, kind: 'exec', command: samplerCommand(settings.intervalMs / 1000) }, side);
    sampler.session = session;
    void session.done.then((result) => {
      if (sampler.session === session) sampler.session = undefined;
      if (sampler.stopped) return;
      log.warn({ host: sampler.host, result: result.status, ...(result.status === 'ended' && { endedBy: result.cause.endedBy, reason: result.cause.reason }) }, 'the SSH sampler ended while watched: reopening it');
      retryLater(sampler);
    });
  }

  function retryLater(sampler: Sampler) {
    publish(sampler, { state: 'source_down', at: Date.now(), values: [] });
    const wait = Math.min(retry.max, retry.initial * 2 ** sampler.failures);
    sampler.failures += 1;
    sampler.retryTimer = setTimeout(() => {
      sampler.retryTimer = undefined;
      if (!sampler.stopped) open(sampler);
    }, wait);
  }

  function stop(sampler: Sampler, cause: { endedBy: 'client' | 'drain'; reason: string }) {
    sampler.stopped = true;
    clearTimeout(sampler.graceTimer);
    clearTimeout(sampler.retryTimer);
    samplers.delete(sampler.host);
    sampler.session?.end(cause);
    return sampler.session?.done;
  }

  function watch(host: string, listener: (reading: Reading) => void): () => void {
    let sampler = samplers.get(host);
    if (!sampler) {
      sampler = { host, listeners: new Set(), history: createHistory(capacity), failures: 0, stopped: false };
      samplers.set(host, sampler);
      open(sampler);
    } else if (sampler.last) listener(sampler.last);
    clearTimeout(sampler.graceTimer);
    sampler.listeners.add(listener);
    const own = sampler;
    return () => {
      own.listeners.delete(listener);
      if (own.listeners.size > 0 || own.stopped) return;
      clearTimeout(own.graceTimer);
      own.graceTimer = setTimeout(() => void stop(own, { endedBy: 'client', reason: 'no one watches the host\'s metrics any more' }), graceMs);
    };
  }

  return {
    samples,
    loginOf,
    watch,
    current(host) {
      const last = samplers.get(host)?.last;
      if (last && complete(last) && last.state === 'ok' && Date.now() - last.at < settings.intervalMs * 2) return Promise.resolve(last);
      // Opened (or joined) for this call; the grace period keeps it for a caller that asks again.
      const asked = Date.now(); // a joined sampler's last reading (say, a failure before a retry) is not the answer
      return new Promise((resolve) => {
        const give = (reading: Reading) => {
          clearTimeout(timer);
          unwatch();
          resolve(reading);
        };
        const timer = setTimeout(() => give({ state: 'source_down', at: Date.now(), values: [] }), settings.intervalMs * 2 + 15_000);
        const unwatch = watch(host, (reading) => {
          if (reading.at >= asked && complete(reading)) queueMicrotask(() => give(reading));
        });
      });
    },
    range(host, range) {
      const history = samplers.get(host)?.history;
      const { window, series } = (history ?? createHistory(0)).range(range, Date.now());
      const shaped = toSeries(series);
      return { state: shaped.length > 0 ? 'ok' : 'no_data', start: window.startSec * 1000, end: window.endSec * 1000, stepMs: window.stepSec * 1000, series: shaped };
    },
    async close() {
      await Promise.all([...samplers.values()].map((s) => stop(s, { endedBy: 'drain', reason: 'the gateway is shutting down' })));
    },
  };
}
