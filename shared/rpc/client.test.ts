// The rpc client's checks, and its schemas loaded in two parts (core first, the rest on demand).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLazyRpcClient, createRpcClient } from './client';
import type { RequestMessage } from './protocol';

const core = {
  methods: { 'core.ping': { params: z.object({}), result: z.object({ pong: z.literal(true) }) } },
  events: { 'core.tick': z.object({ n: z.number() }) },
};
const rest = {
  methods: { 'more.get': { params: z.object({}), result: z.object({ value: z.string() }) } },
  events: { 'more.done': z.object({ value: z.string() }) },
};
type Methods = typeof core.methods & typeof rest.methods;
type Events = typeof core.events & typeof rest.events;

/** A lazy client whose second part loads when the test says so; what it sent and reported is kept. */
function lazyClient() {
  const sent: RequestMessage[] = [];
  const errors: string[] = [];
  let loads = 0;
  let release!: (ok: boolean) => void;
  const loaded = new Promise<boolean>((resolve) => (release = resolve));
  const client = createLazyRpcClient<Methods, Events>(
    {
      ...core,
      more: () => {
        loads++;
        return loaded.then((ok) => (ok ? rest : Promise.reject(new Error('chunk failed'))));
      },
    },
    (message) => void sent.push(message),
    (description) => void errors.push(description),
  );
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { client, sent, errors, loads: () => loads, release, flush };
}

const respond = (id: number, result: unknown) => ({ type: 'response', id, ok: true, result });
const event = (name: string, payload: unknown) => ({ type: 'event', event: name, payload });

describe('rpc client', () => {
  it('checks answers and events against their schemas', async () => {
    const errors: string[] = [];
    const sent: RequestMessage[] = [];
    const client = createRpcClient(core.methods, core.events, (m) => void sent.push(m), (d) => void errors.push(d));
    const ticks: unknown[] = [];
    client.on('core.tick', (p) => ticks.push(p));
    const bad = client.request('core.ping', {});
    client.receive(respond(sent[0]!.id, { pong: 'yes' }));
    await expect(bad).rejects.toMatchObject({ code: 'internal' });
    client.receive(event('core.tick', { n: 'one' }));
    client.receive(event('nobody.knows', {}));
    expect(ticks).toEqual([]);
    expect(errors).toEqual([expect.stringContaining('invalid core.tick payload'), 'unknown event "nobody.knows"']);
  });
});

describe('lazy rpc client', () => {
  it('answers from the core without loading the rest', async () => {
    const { client, sent, loads } = lazyClient();
    const ping = client.request('core.ping', {});
    client.receive(respond(sent[0]!.id, { pong: true }));
    await expect(ping).resolves.toEqual({ pong: true });
    expect(loads()).toBe(0);
  });

  it('starts loading when a request names a method beyond the core, and checks its answer once loaded', async () => {
    const { client, sent, loads, release, flush } = lazyClient();
    const get = client.request('more.get', {}).catch((error: unknown) => error);
    expect(loads()).toBe(1);
    client.request('more.get', {}).catch(() => {});
    expect(loads()).toBe(1); // one load, however many ask
    client.receive(respond(sent[0]!.id, { value: 42 })); // wrong type: must be refused once the schema is there
    release(true);
    await flush();
    expect(String(await get)).toMatch(/invalid more.get result/);
  });

  it('keeps messages in order while the rest loads', async () => {
    const { client, release, flush } = lazyClient();
    const seen: string[] = [];
    client.onEvent((name, payload) => seen.push(`${name}:${JSON.stringify(payload)}`));
    client.receive(event('core.tick', { n: 1 }));
    client.receive(event('more.done', { value: 'a' })); // unknown to the core: waits
    client.receive(event('core.tick', { n: 2 })); // known, but after one that waits
    expect(seen).toEqual(['core.tick:{"n":1}']);
    release(true);
    await flush();
    expect(seen).toEqual(['core.tick:{"n":1}', 'more.done:{"value":"a"}', 'core.tick:{"n":2}']);
  });

  it('after the load, an event nobody defines is reported and later messages still flow', async () => {
    const { client, errors, release, flush } = lazyClient();
    const seen: string[] = [];
    client.onEvent((name) => seen.push(name));
    client.receive(event('nobody.knows', {}));
    release(true);
    await flush();
    client.receive(event('nobody.knows.either', {}));
    client.receive(event('core.tick', { n: 3 }));
    expect(errors).toEqual(['unknown event "nobody.knows"', 'unknown event "nobody.knows.either"']);
    expect(seen).toEqual(['core.tick']);
  });

  it('when the rest cannot load, says so and refuses what needed it; the core still works', async () => {
    const { client, sent, errors, release, flush } = lazyClient();
    const get = client.request('more.get', {}).catch((error: unknown) => error);
    client.receive(respond(sent[0]!.id, { value: 'x' }));
    release(false);
    await flush();
    expect(await get).toMatchObject({ code: 'internal' });
    expect(errors[0]).toMatch(/could not load the rest of the API's schemas: Error: chunk failed/);
    const ping = client.request('core.ping', {});
    client.receive(respond(sent[1]!.id, { pong: true }));
    await expect(ping).resolves.toEqual({ pong: true });
  });
});
