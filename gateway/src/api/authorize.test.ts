import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { gatewayMethods } from '../../../shared/contract/gateway-api';
import { registerHandlers } from './authorize';

const method = { params: z.object({}), result: z.null() };
const handlersFor = (methods: object) => Object.fromEntries(Object.keys(methods).map((m) => [m, () => null])) as never;

describe('registering the API handlers', () => {
  it('accepts the contract as it is', () => {
    expect(() => registerHandlers(gatewayMethods, handlersFor(gatewayMethods))).not.toThrow();
  });

  it('refuses a method without a policy, or with one that names no role', () => {
    const noPolicy = { ...gatewayMethods, 'x.new': method };
    expect(() => registerHandlers(noPolicy as never, handlersFor(noPolicy))).toThrow('the gateway API method "x.new" declares no valid policy (who may call it)');
    const nobody = { ...gatewayMethods, 'x.new': { ...method, policy: { roles: [] } } };
    expect(() => registerHandlers(nobody as never, handlersFor(nobody))).toThrow(/"x.new" declares no valid policy/);
  });

  it('refuses a method without a handler and a handler without a method', () => {
    const { whoami: _, ...rest } = handlersFor(gatewayMethods) as Record<string, unknown>;
    expect(() => registerHandlers(gatewayMethods, rest as never)).toThrow('the gateway API method "whoami" has no handler');
    expect(() => registerHandlers(gatewayMethods, { ...(handlersFor(gatewayMethods) as object), 'x.stray': () => null } as never)).toThrow(/"x.stray", which no contract section defines/);
  });
});
