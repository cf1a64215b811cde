// Fuzzing the request dispatcher with random values, request-shaped messages with random fields and
// params of every type: it never throws, answers every message with one valid response, keeps a
// valid id, and turns a throwing handler into `internal` with the method logged.
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fuzzParams } from '../testing/fuzz';
import { createDispatcher } from './dispatcher';
import { ResponseMessageSchema, type MethodTable } from './protocol';

const table = {
  echo: { params: z.object({ text: z.string().max(50), n: z.number().int().optional() }).strict(), result: z.object({ text: z.string() }) },
  boom: { params: z.object({}).strict(), result: z.null() },
  wrongResult: { params: z.unknown(), result: z.number() },
  later: { params: z.object({ ms: z.number().int().min(0).max(2) }), result: z.literal('done') },
} satisfies MethodTable;

const failures: string[] = [];
const dispatcher = createDispatcher(
  table,
  {
    echo: (p) => ({ text: p.text }),
    boom: () => {
      throw new Error('handler blew up');
    },
    wrongResult: () => 'not a number' as unknown as number,
    later: async (p) => {
      await new Promise((r) => setTimeout(r, p.ms));
      return 'done' as const;
    },
  },
  (method) => failures.push(method),
);

const methodArb = fc.oneof(fc.constantFrom('echo', 'boom', 'wrongResult', 'later', 'toString', '__proto__', 'constructor', 'hasOwnProperty', ''), fc.string({ maxLength: 120 }));
const idArb = fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER + 2), fc.string(), fc.constant(null));
const requestArb = fc.record(
  { type: fc.oneof(fc.constant('request'), fc.string()), id: idArb, method: methodArb, params: fc.oneof(fc.anything(), fc.record({ text: fc.string(), n: fc.anything() }), fc.record({ ms: fc.integer({ min: -1, max: 3 }) })) },
  { requiredKeys: [] },
);
const messageArb = fc.oneof(requestArb, fc.jsonValue(), fc.anything());

const validId = (raw: unknown): number | undefined => {
  const id = (raw as { id?: unknown } | null)?.id;
  return Number.isSafeInteger(id) && (id as number) >= 0 ? (id as number) : undefined;
};

describe('dispatcher fuzz', () => {
  it('answers every message with exactly one schema-valid response and keeps its valid id', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(messageArb, { minLength: 1, maxLength: 20 }), async (messages) => {
        const responses = await Promise.all(messages.map((m) => dispatcher.dispatch(m, {})));
        expect(responses).toHaveLength(messages.length);
        responses.forEach((response, i) => {
          expect(ResponseMessageSchema.safeParse(response).success, JSON.stringify(response)).toBe(true);
          const id = validId(messages[i]);
          if (id !== undefined) expect(response.id).toBe(id);
          else expect(response.id).toBe(0);
        });
      }),
      fuzzParams(300),
    );
  });

  it('a handler that throws or returns the wrong shape is `internal`, logged with its method', async () => {
    failures.length = 0;
    const boom = await dispatcher.dispatch({ type: 'request', id: 4, method: 'boom', params: {} }, {});
    const wrong = await dispatcher.dispatch({ type: 'request', id: 5, method: 'wrongResult', params: {} }, {});
    expect([boom, wrong]).toMatchObject([
      { id: 4, ok: false, error: { code: 'internal' } },
      { id: 5, ok: false, error: { code: 'internal' } },
    ]);
    expect(failures).toEqual(['boom', 'wrongResult']);
  });
});
