import { describe, expect, it } from 'vitest';
import { constantTimeEqual, createToken, isOwnHost, isOwnOrigin, parseProtocols, protocolsCarryToken } from './access';

describe('browser shell access checks', () => {
  const token = createToken();

  it('makes 32-byte hex tokens, different each time', () => {
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(createToken()).not.toBe(token);
  });

  it('accepts exactly our protocol with the right token', () => {
    expect(protocolsCarryToken(parseProtocols(`portcullis, token.${token}`), token)).toBe(true);
    expect(protocolsCarryToken(parseProtocols(`token.${token}`), token)).toBe(false); // our protocol missing
    expect(protocolsCarryToken(parseProtocols('portcullis'), token)).toBe(false);
    expect(protocolsCarryToken(parseProtocols(`portcullis, token.${token.slice(1)}`), token)).toBe(false);
    expect(protocolsCarryToken(parseProtocols(`portcullis, token.${token.toUpperCase()}`), token)).toBe(false);
    expect(protocolsCarryToken(parseProtocols(`portcullis, token.x, token.${token}`), token)).toBe(false); // guessing by listing many
    expect(protocolsCarryToken(parseProtocols(undefined), token)).toBe(false);
  });

  it('compares in constant time and exactly', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
  });

  it('knows its own Host and Origin', () => {
    expect(isOwnHost('127.0.0.1:4000', '127.0.0.1', 4000)).toBe(true);
    expect(isOwnHost('localhost:4000', '127.0.0.1', 4000)).toBe(false);
    expect(isOwnHost('evil.example:4000', '127.0.0.1', 4000)).toBe(false);
    expect(isOwnOrigin('http://127.0.0.1:4000', '127.0.0.1', 4000)).toBe(true);
    expect(isOwnOrigin('http://127.0.0.1:4001', '127.0.0.1', 4000)).toBe(false);
    expect(isOwnOrigin('null', '127.0.0.1', 4000)).toBe(false);
    expect(isOwnOrigin(undefined, '127.0.0.1', 4000)).toBe(false);
  });
});
