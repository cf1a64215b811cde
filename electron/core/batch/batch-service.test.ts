// Batch jobs through the client's main side, in plain Node against the REAL gateway and a real
// sshd: a renderer session previews a selector, starts a job, follows `batch.progress` through the
// gateway events, reads the results and the host's output; bad settings are refused on the main
// side before anything reaches the gateway.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Fixture } from '../../../lab/gateway-fixture';
import type { BatchJob, BatchProgress } from '../../../shared/contract/gateway-api/batch';
import type { ClientService } from '../client-service';
import { clientOnFixture, FakeRenderer } from '../testing';

let fx: Fixture;
let service: ClientService;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ fx, service, close } = await clientOnFixture('client-batch-', 'alice'));
}, 60_000);
afterAll(() => close?.());

it('previews, starts a job, streams its progress and reads its results and output', async () => {
  const r = new FakeRenderer(service.openSession());
  const progress: BatchProgress[] = [];
  r.session.onEvent((m) => {
    if (m.event === 'gateway.event') progress.push((m.payload as { data: BatchProgress }).data);
  });
  await r.call('gateway.connect');

  expect(await r.call('batch.preview', { selector: 'web-01,no-such-01' })).toEqual({
    hosts: [{ host: 'web-01', login: fx.login }],
    notPermitted: [{ host: 'no-such-01', reason: 'no_grant' }],
  });

  const job = (await r.call('batch.start', { selector: 'web-01,no-such-01', command: 'echo hello-from-batch', serial: '1' })) as BatchJob;
  await r.call('gateway.subscribe', { topic: 'batch.progress', params: { job: job.id } });
  await r.until(() => progress.some((p) => (p.change === 'job' || p.change === 'snapshot') && p.job.state === 'done'), 'the job done');
  expect(progress).toContainEqual(expect.objectContaining({ change: 'output', host: 'web-01', lines: ['hello-from-batch'] }));

  const detail = (await r.call('batch.get', { job: job.id })) as { hosts: { host: string; status: string; exitCode: number | null }[]; groups: { hosts: string[] }[] };
  expect(detail.hosts.map((h) => [h.host, h.status, h.exitCode])).toEqual(expect.arrayContaining([['web-01', 'ok', 0], ['no-such-01', 'not_permitted', null]]));
  expect(detail.groups).toEqual([expect.objectContaining({ hosts: ['web-01'] })]);
  expect(await r.call('batch.output', { job: job.id, host: 'web-01' })).toMatchObject({ data: expect.stringContaining('hello-from-batch'), complete: true });
  expect((await r.call('batch.list', {})) as BatchJob[]).toEqual([expect.objectContaining({ id: job.id, state: 'done' })]);
}, 60_000);

it('refuses bad settings on the main side, before the gateway sees them', async () => {
  const r = new FakeRenderer(service.openSession());
  await r.call('gateway.connect');
  const before = ((await r.call('batch.list', {})) as BatchJob[]).length;
  // The main side's own words (the gateway's differ): the check ran before the gateway was asked.
  const waves = /serial is up to 32 wave sizes/;
  const limit = /a failure limit is a count/;
  for (const [bad, said] of [
    [{ serial: '1,,5' }, waves],
    [{ serial: '0,5' }, waves],
    [{ serial: '1,150%' }, waves],
    [{ maxFail: '120%' }, limit],
    [{ waveMaxFail: '0%' }, limit],
    [{ script: 'true' }, /exactly one of command or script/],
    [{ parallel: 0 }, /parallel/],
  ] as const) {
    const settings = { selector: 'web-01', command: 'true', ...bad };
    await expect(r.call('batch.start', settings), JSON.stringify(bad)).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(said) });
  }
  expect(((await r.call('batch.list', {})) as BatchJob[]).length).toBe(before);
});
