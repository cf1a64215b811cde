// Fuzz every schema of the contract and the RPC envelope (fixed seed, quick): for random JSON and
// for deep or large structures, parsing never throws (it fails with a ZodError), never overflows
// the stack, and whatever parses comes back the same through JSON and a second parse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as protocol from '../rpc/protocol';
import { createDispatcher } from '../rpc/dispatcher';
import * as authPrompt from './auth-prompt';
import * as clientApi from './client-api';
import * as gatewayApi from './gateway-api';
import * as grants from './grants';
import * as hostTableHead from './host-table-head';
import * as hostTable from './host-table';
import * as inventory from './inventory';
import * as layout from './layout';
import * as profiles from './profiles';
import * as sessions from './sessions';
import * as target from './target';

const FUZZ = { seed: 424242, numRuns: 100 };

/** Every exported schema, and the params/result/payload of every method and event table. */
function allSchemas(): [string, z.ZodType][] {
  const modules = { protocol, authPrompt, clientApi, gatewayApi, grants, hostTableHead, hostTable, inventory, layout, profiles, sessions, target };
  const found: [string, z.ZodType][] = [];
  for (const [moduleName, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) if (value instanceof z.ZodType) found.push([`${moduleName}.${name}`, value]);
  }
  for (const [tableName, table] of Object.entries({ client: clientApi.clientMethods, gateway: gatewayApi.gatewayMethods })) {
    for (const [method, spec] of Object.entries(table)) found.push([`${tableName} ${method} params`, spec.params], [`${tableName} ${method} result`, spec.result]);
  }
  for (const [event, schema] of Object.entries(clientApi.clientEvents)) found.push([`client event ${event}`, schema]);
  return found;
}
const SCHEMAS = allSchemas();

/** A value nested `depth` deep in one of the shapes a recursive or nested schema would walk. */
function deep(depth: number, shape: 'array' | 'object' | 'split'): unknown {
  let value: unknown = shape === 'split' ? { kind: 'terminal', id: 'x', host: 'web-01', login: 'root' } : 'leaf';
  for (let i = 0; i < depth; i++) {
    if (shape === 'array') value = [value];
    else if (shape === 'object') value = { children: [value] };
    else value = { kind: 'split', id: `s${i}`, direction: 'row', sizes: [0.5, 0.5], children: [value, { kind: 'terminal', id: `t${i}`, host: 'web-01', login: 'root' }] };
  }
  return value;
}

/** Where a deep or large value may hide: at the root, or under the keys the contract uses. */
function placements(value: unknown): unknown[] {
  return [
    value,
    { layout: { version: 1, tabs: [{ id: 't', root: value }], activeTab: 't' } },
    { version: 1, tabs: [{ id: 't', root: value }], activeTab: 't' },
    { type: 'request', id: 1, method: 'layout.save', params: value },
    { type: 'response', id: 1, ok: true, result: value },
    { type: 'event', event: 'terminal.data', payload: value },
    { settings: value, profile: value, answers: value, hosts: value, tabs: [value] },
  ];
}

const DEEP = [33, 1000, 5_000].flatMap((d) => (['array', 'object', 'split'] as const).map((shape) => deep(d, shape)));
// Large enough to pass every length bound (the wire limits messages to 8 MiB anyway).
const LARGE = [Array(5_000).fill('x'), Array(5_000).fill({ kind: 'terminal', id: 'a', host: 'h', login: 'l' }), 'x'.repeat(2_000_000)];

/** Parses without throwing anything but a ZodError, and round-trips what it accepts. */
function checkOne(schema: z.ZodType, value: unknown, { roundTrip = true } = {}): void {
  const result = schema.safeParse(value); // a throw here (RangeError, TypeError) fails the test
  if (!result.success) {
    expect(result.error).toBeInstanceOf(z.ZodError);
    return;
  }
  if (!roundTrip) return;
  const again = schema.safeParse(JSON.parse(JSON.stringify(result.data ?? null)));
  if (result.data === undefined) return; // an optional schema's absent value has no JSON form
  expect(again.success).toBe(true);
  expect(again.data).toEqual(result.data);
}

describe('every contract and RPC schema', () => {
  it(`covers the schemas it should (${SCHEMAS.length})`, () => {
    expect(SCHEMAS.map(([name]) => name)).toEqual(expect.arrayContaining(['layout.LayoutSchema', 'client layout.save params', 'protocol.RequestMessageSchema']));
  });

  it('random JSON: parse never throws, and what parses round-trips', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        for (const [name, schema] of SCHEMAS) expect(() => checkOne(schema, value), name).not.toThrow();
      }),
      FUZZ,
    );
  });

  it('deep and large structures: answered with a ZodError, no stack overflow', () => {
    // Only z.unknown() (an envelope's params) accepts these; comparing 5,000-deep values would overflow the test itself.
    for (const value of [...DEEP, ...LARGE].flatMap(placements)) {
      for (const [name, schema] of SCHEMAS) expect(() => checkOne(schema, value, { roundTrip: false }), name).not.toThrow();
    }
  });

  it('random pane trees: within the bounds they parse and round-trip, beyond them they fail clearly', () => {
    const leaf = fc.record({ kind: fc.constant('terminal'), id: fc.constantFrom('a', 'b', 'c'), host: fc.constant('web-01'), login: fc.constant('root') });
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('tree'), { minLength: 2, maxLength: 3 }).map((children) => ({ kind: 'split', id: 's', direction: 'row', sizes: children.map(() => 1 / children.length), children })),
      ),
    }));
    fc.assert(
      fc.property(tree, fc.integer({ min: 0, max: 40 }), (root, wrap) => {
        const wrapped = [...Array(wrap)].reduce((inner: unknown) => ({ kind: 'split', id: 'w', direction: 'column', sizes: [0.5, 0.5], children: [inner, { kind: 'terminal', id: 'z', host: 'web-01', login: 'root' }] }), root);
        const value = { version: 1, tabs: [{ id: 't', root: wrapped }], activeTab: 't' };
        const result = layout.LayoutSchema.safeParse(value);
        const problem = layout.paneTreeBoundsProblem(wrapped);
        expect(result.success).toBe(problem === null);
        if (problem) expect(protocol.describeZodError(result.error!)).toContain(problem);
        checkOne(layout.LayoutSchema, value);
      }),
      FUZZ,
    );
  });

  it('the client dispatcher answers every message, whatever it holds', async () => {
    const dispatcher = createDispatcher(clientApi.clientMethods, new Proxy({}, { get: () => () => null }) as never);
    const methods = Object.keys(clientApi.clientMethods);
    const messages = [...DEEP, ...LARGE].flatMap((params) => methods.map((method) => ({ type: 'request', id: 7, method, params })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.jsonValue({ maxDepth: 6 }), async (method, params) => {
        const reply = await dispatcher.dispatch({ type: 'request', id: 7, method, params }, {});
        expect(reply).toMatchObject({ type: 'response', id: 7 });
      }),
      FUZZ,
    );
    for (const message of messages) expect(await dispatcher.dispatch(message, {})).toMatchObject({ type: 'response', id: 7 });
  });
});
