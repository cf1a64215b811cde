import { describe, expect, it } from 'vitest';
import { cidrContains, formatCidr, parseAddress, parseCidr } from './cidr';

const contains = (cidr: string, address: string) => cidrContains(parseCidr(cidr), address);

describe('login rule CIDRs', () => {
  it('matches IPv4 networks at their edges', () => {
    expect(contains('10.0.0.0/8', '10.0.0.1')).toBe(true);
    expect(contains('10.0.0.0/8', '10.255.255.255')).toBe(true);
    expect(contains('10.0.0.0/8', '11.0.0.0')).toBe(false);
    expect(contains('192.168.1.0/24', '192.168.2.1')).toBe(false);
    expect(contains('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(contains('127.0.0.1/32', '127.0.0.2')).toBe(false);
    expect(contains('0.0.0.0/0', '203.0.113.9')).toBe(true);
    expect(contains('0.0.0.0/0', '::1')).toBe(false); // IPv4 networks never match IPv6 peers
  });

  it('matches IPv6 networks, compressed or not', () => {
    expect(contains('2001:db8::/32', '2001:db8:ffff::1')).toBe(true);
    expect(contains('2001:db8::/32', '2001:db9::1')).toBe(false);
    expect(contains('::1/128', '0:0:0:0:0:0:0:1')).toBe(true);
    expect(contains('fe80::/10', 'febf::1')).toBe(true);
    expect(contains('fe80::/10', 'fec0::1')).toBe(false);
    expect(contains('::/0', '10.0.0.1')).toBe(false);
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 address it carries', () => {
    expect(contains('127.0.0.0/8', '::ffff:127.0.0.1')).toBe(true);
    expect(contains('10.0.0.0/8', '::FFFF:10.1.2.3')).toBe(true);
    expect(contains('10.0.0.0/8', '::ffff:a01:203')).toBe(true); // the same address in hex groups
    expect(contains('10.0.0.0/8', '::ffff:11.1.2.3')).toBe(false);
    expect(formatCidr(parseCidr('::ffff:10.0.0.0/104'))).toBe('10.0.0.0/8');
    expect(parseAddress('::ffff:192.0.2.1')).toEqual({ family: 4, value: 0xc0000201n });
  });

  it('writes networks canonically', () => {
    expect(formatCidr(parseCidr(' 10.0.0.0/8 '))).toBe('10.0.0.0/8');
    expect(formatCidr(parseCidr('2001:0db8:0000:0000:0000:0000:0000:0000/32'))).toBe('2001:db8::/32');
    expect(formatCidr(parseCidr('::1'))).toBe('::1/128');
    expect(formatCidr(parseCidr('::/0'))).toBe('::/0');
    expect(formatCidr(parseCidr('2001:db8:0:1:0:0:0:0/64'))).toBe('2001:db8:0:1::/64');
  });

  it('refuses what is not a network, saying why', () => {
    expect(() => parseCidr('10.0.0.5/8')).toThrow('did you mean 10.0.0.0/8?');
    expect(() => parseCidr('2001:db8::1/32')).toThrow('did you mean 2001:db8::/32?');
    expect(() => parseCidr('10.0.0.0/33')).toThrow('from 0 to 32');
    expect(() => parseCidr('::/129')).toThrow('from 0 to 128');
    expect(() => parseCidr('10.0.0/8')).toThrow('not an IPv4 or IPv6 address');
    expect(() => parseCidr('web-01/8')).toThrow('not an IPv4 or IPv6 address');
    expect(() => parseCidr('10.0.0.0/8/8')).toThrow('not a CIDR');
    expect(() => parseCidr('10.0.0.0/x')).toThrow('prefix');
    expect(() => parseCidr('::ffff:10.0.0.0/8')).toThrow('at least 96');
    expect(() => parseCidr('')).toThrow('not an IPv4 or IPv6 address');
  });
});
