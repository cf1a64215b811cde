// An error's reason and params on the wire: a dispatcher sends them, a client gets them back as an
// RpcError, bad ones are refused by the schema, and an older peer's error without them still works.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_REASONS, REASON_LIMITS, REASON_PATTERN, why } from '../contract/error-reasons';
import { createRpcClient } from './client';
import { createDispatcher } from './dispatcher';
import { RpcError, RpcErrorSchema, type RequestMessage } from './protocol';

const methods = { 'req.decide': { params: z.object({ id: z.number() }), result: z.object({}) } };

/** A client wired to a dispatcher whose one handler throws `error`. */
function throwing(error: RpcError) {
  const dispatcher = createDispatcher(methods, {
    'req.decide': () => {
      throw error;
    },
  });
  const client = createRpcClient(methods, {}, (message: RequestMessage) => void dispatcher.dispatch(JSON.parse(JSON.stringify(message)), {}).then((r) => client.receive(JSON.parse(JSON.stringify(r)))));
  return client.request('req.decide', { id: 12 });
}

describe('an error’s reason on the wire', () => {
  it('goes through a dispatcher and a client with its params', async () => {
    const sent = new RpcError('bad_request', 'access request 12 is already denied (by ada)', why('request.already_decided_by', { id: 12, state: 'denied', by: 'ada' }));
    const got = await throwing(sent).catch((e: unknown) => e);
    expect(got).toBeInstanceOf(RpcError);
    expect(got).toMatchObject({ code: 'bad_request', message: sent.message, reason: 'request.already_decided_by', params: { id: 12, state: 'denied', by: 'ada' } });
  });

  it('is optional: an older peer’s { code, message } still parses, and a bare error sends none', async () => {
    expect(RpcErrorSchema.safeParse({ code: 'denied', message: 'no' }).success).toBe(true);
    const got = await throwing(new RpcError('not_found', 'no session 3')).catch((e: unknown) => e);
    expect(got).toMatchObject({ code: 'not_found', message: 'no session 3' });
    expect((got as RpcError).reason).toBeUndefined();
    expect(new RpcError('not_found', 'x').toJSON()).toEqual({ code: 'not_found', message: 'x' });
  });

  it('refuses a malformed reason or params', () => {
    const bad = [
      { reason: 'Request.Decided' },
      { reason: 'nodot' },
      { reason: `a.${'b'.repeat(REASON_LIMITS.reasonChars)}` },
      { reason: 'a.b', params: { id: { nested: 1 } } },
      { reason: 'a.b', params: { id: [1] } },
      { reason: 'a.b', params: { id: Number.NaN } },
      { reason: 'a.b', params: { 'no-dash': 1 } },
      { reason: 'a.b', params: { text: 'x'.repeat(REASON_LIMITS.valueChars + 1) } },
      { reason: 'a.b', params: Object.fromEntries(Array.from({ length: REASON_LIMITS.params + 1 }, (_, i) => [`p${i}`, i])) },
    ];
    for (const extra of bad) expect(RpcErrorSchema.safeParse({ code: 'bad_request', message: 'm', ...extra }).success, JSON.stringify(extra).slice(0, 80)).toBe(false);
  });

  it('is cut to the bounds when sent, so an error with a long fact still gets through', () => {
    const long = new RpcError('bad_request', 'm', why('selector.no_host', { selector: 'x'.repeat(5000) }));
    const shape = long.toJSON();
    expect(RpcErrorSchema.safeParse(shape).success).toBe(true);
    expect(shape.params?.selector).toHaveLength(REASON_LIMITS.valueChars);
  });

  it('every declared reason fits the wire’s pattern, with few enough params', () => {
    for (const [reason, names] of Object.entries(ERROR_REASONS)) {
      expect(reason.length <= REASON_LIMITS.reasonChars && REASON_PATTERN.test(reason), reason).toBe(true);
      expect(names.length, reason).toBeLessThanOrEqual(REASON_LIMITS.params);
    }
  });
});
