// `ssh -p PORT alice@bastion batch …` (no target): runs a batch job (gateway/src/batch) for the
// user and prints each host's output lines prefixed with its name, whole lines only, stdout to
// stdout and stderr to stderr, then the summary; exit status 0 only if every host succeeded. The
// job belongs to the gateway: if the client goes, it goes on (and can be watched in the app).
import type { ServerChannel } from 'ssh2';
import { BATCH_LIMITS, type BatchProgress } from '../../../shared/contract/gateway-api/batch';
import { RpcError } from '../../../shared/rpc/protocol';
import { BATCH_USAGE, BatchArgsError, parseBatchArgs } from '../batch/cli-args';
import type { BatchService } from '../batch/service';
import { exitStatusOf, summaryLines } from '../batch/summary';
import { finishExec as finish } from './finish-exec';

export async function runBatchCommand(channel: ServerChannel, user: string, line: string, batch: BatchService): Promise<void> {
  const fail = (message: string) => finish(channel, [], [message], 2);
  let parsed: ReturnType<typeof parseBatchArgs>;
  try {
    parsed = parseBatchArgs(line);
  } catch (error) {
    if (!(error instanceof BatchArgsError)) throw error;
    return fail(error.message ? `portcullis: batch: ${error.message}\n${BATCH_USAGE}` : BATCH_USAGE);
  }
  const settings = parsed.readsScript ? { ...parsed.settings, script: await readScript(channel) } : parsed.settings;
  if (settings.script === '') return fail('portcullis: batch: --script read an empty script from stdin');
  if (settings.script !== undefined && Buffer.byteLength(settings.script) > BATCH_LIMITS.maxScriptBytes) return fail(`portcullis: batch: the script is longer than ${BATCH_LIMITS.maxScriptBytes} bytes`);

  let runner: ReturnType<BatchService['start']>;
  try {
    runner = batch.start(user, settings);
  } catch (error) {
    if (error instanceof RpcError) return fail(`portcullis: batch: ${error.message}`);
    throw error;
  }
  channel.stderr.write(`portcullis: batch job ${runner.id} started on ${runner.hosts.filter((h) => h.status !== 'not_permitted').length} hosts\n`);
  // Only what has no end yet is waited for: a job that pauses with nothing running has settled too.
  const settled = () => runner.settled;
  await new Promise<void>((resolve) => {
    const stop = batch.watch(runner.id, (p: BatchProgress) => {
      if (p.change === 'output' && channel.writable) {
        const text = p.lines.map((l) => `${p.host}: ${l}\n`).join('');
        (p.stream === 'stdout' ? channel : channel.stderr).write(text);
      }
      if ((p.change === 'job' || p.change === 'host') && settled()) done();
    });
    const done = () => {
      stop();
      channel.off('close', done);
      resolve();
    };
    channel.once('close', done); // the client went: the job goes on without it
    if (settled()) done();
  });
  if (!channel.writable) return;
  const detail = batch.detail(runner.id);
  finish(channel, summaryLines(detail), [], exitStatusOf(detail.job));
}

/** The script for --script: the channel's stdin up to EOF (at most the limit and one byte more). */
function readScript(channel: ServerChannel): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const end = () => {
      channel.off('data', onData);
      channel.pause();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (d: Buffer) => {
      chunks.push(d);
      size += d.length;
      if (size > BATCH_LIMITS.maxScriptBytes) end();
    };
    channel.on('data', onData);
    channel.once('end', end);
    channel.once('close', end);
    channel.resume();
  });
}
