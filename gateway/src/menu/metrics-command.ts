// `ssh -p PORT alice@bastion metrics HOST [--json]` (no target): the host's current metrics, for
// people and scripts. Exit status 0 when values came, 1 for no data / source down / not
// permitted (the state is printed), 2 for a usage error. The reading is the gateway's shared one
// when someone watches the host, so scripts polling it add no load on the monitoring system.
import type { ServerChannel } from 'ssh2';
import type { MetricsSample } from '../../../shared/contract/gateway-api/metrics';
import { jsonText, terminalText } from '../cli/terminal-text';
import type { MetricsService } from '../metrics/service';
import { metricsLines } from '../metrics/text';
import { finishExec } from './finish-exec';

export const METRICS_USAGE = 'usage: metrics HOST [--json]';
export const isMetricsCommand = (line: string) => /^\s*metrics(\s|$)/.test(line);

export async function runMetricsCommand(channel: ServerChannel, user: string, line: string, metrics: MetricsService): Promise<void> {
  const words = line.trim().split(/\s+/).slice(1);
  const json = words.includes('--json');
  const rest = words.filter((w) => w !== '--json');
  if (rest.length !== 1 || rest[0]!.startsWith('-')) return finishExec(channel, [], [METRICS_USAGE], 2);
  const host = rest[0]!;
  const target = metrics.permitted(user, host);
  const reading = target ? await metrics.current(target.instance) : { state: 'not_permitted' as const, at: Date.now(), values: [] };
  const sample: MetricsSample = { host, ...reading };
  const code = sample.state === 'ok' ? 0 : 1;
  if (json) return finishExec(channel, [jsonText(sample)], [], code);
  const lines = metricsLines(sample, terminalText);
  return code === 0 ? finishExec(channel, lines, [], 0) : finishExec(channel, [], lines.map((l) => `portcullis: metrics: ${l}`), code);
}
