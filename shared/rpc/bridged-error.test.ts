// A rejected RpcError crosses Electron's contextBridge as plain data and comes back whole.
import { describe, expect, it } from 'vitest';
import { RpcError } from './protocol';
import { fromBridged, toBridged } from './bridged-error';

/** What the bridge does to plain data: a structured clone (functions and prototypes dropped). */
const acrossTheBridge = (value: unknown) => structuredClone(value);

describe('errors across the context bridge', () => {
  it('keeps the code, the reason and its params', () => {
    const sent = new RpcError('bad_request', 'invalid host selector', { reason: 'selector.invalid', params: { token: '=x', position: 10 } } as never);
    const got = fromBridged(acrossTheBridge(toBridged(sent)));
    expect(got).toBeInstanceOf(RpcError);
    expect(got).toMatchObject({ code: 'bad_request', message: 'invalid host selector', reason: 'selector.invalid', params: { token: '=x', position: 10 } });
  });

  it('leaves other values alone, and refuses a malformed bridged shape plainly', () => {
    const plain = new Error('boom');
    expect(fromBridged(toBridged(plain))).toBe(plain);
    expect(fromBridged('text')).toBe('text');
    expect(fromBridged({ portcullisRpcError: { code: 'nope', message: 1 } })).toMatchObject({ code: 'internal' });
  });
});
