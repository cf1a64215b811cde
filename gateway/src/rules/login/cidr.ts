// Source networks of login rules: IPv4 and IPv6 CIDRs, and the addresses they are matched
// against. An IPv4-mapped IPv6 address (`::ffff:10.0.0.5`, what a dual-stack socket reports for an
// IPv4 peer) is the IPv4 address it carries, on either side, so `10.0.0.0/8` matches it.
import { isIPv4, isIPv6 } from 'node:net';
import type { LoginRuleProblemCode } from '../../../../shared/contract/gateway-api/login-rules';

export interface Cidr {
  family: 4 | 6;
  /** The network address, host bits zero. */
  network: bigint;
  prefix: number;
}

/** A CIDR refused: the message for the CLI, the code and params for the app to word. */
export class CidrError extends Error {
  constructor(
    message: string,
    readonly code: LoginRuleProblemCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'CidrError';
  }
}

const BITS = { 4: 32, 6: 128 } as const;

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Value(text: string): bigint {
  let head = text;
  let tail4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    // An embedded IPv4 in the last 32 bits: ::ffff:10.0.0.5
    tail4 = ipv4Value(text.slice(lastColon + 1));
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [left, right] = head.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const l = groups(left);
  const r = groups(right);
  const all = right === undefined ? l : [...l, ...Array<string>(8 - l.length - r.length).fill('0'), ...r];
  const value = all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
  return tail4 === undefined ? value : (value & ~0xffffffffn) | tail4;
}

/** An address as (family, value); IPv4-mapped IPv6 becomes IPv4. Undefined when it is no IP address. */
export function parseAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  const bare = text.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, ''); // [::1], fe80::1%eth0
  if (isIPv4(bare)) return { family: 4, value: ipv4Value(bare) };
  if (!isIPv6(bare)) return undefined;
  const value = ipv6Value(bare);
  return value >> 32n === 0xffffn ? { family: 4, value: value & 0xffffffffn } : { family: 6, value };
}

const mask = (family: 4 | 6, prefix: number) => {
  const bits = BigInt(BITS[family]);
  return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
};

/** `10.0.0.0/8`, `2001:db8::/32`, or one address (`/32`, `/128`). Host bits must be zero. */
export function parseCidr(text: string): Cidr {
  const [addressText = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) throw new CidrError(`"${text}" is not a CIDR (address/prefix, e.g. 10.0.0.0/8)`, 'cidr_invalid', { text });
  const address = parseAddress(addressText);
  if (!address || /[[\]%]/.test(addressText)) throw new CidrError(`"${text}" is not a CIDR: "${addressText}" is not an IPv4 or IPv6 address`, 'cidr_invalid', { text });
  const mapped = address.family === 4 && isIPv6(addressText);
  const max = mapped ? 128 : BITS[address.family];
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) throw new CidrError(`"${text}" is not a CIDR: the prefix must be a number from 0 to ${max}`, 'cidr_prefix', { text, max });
  let prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) throw new CidrError(`"${text}" is not a CIDR: the prefix must be a number from 0 to ${max}`, 'cidr_prefix', { text, max });
  if (mapped) {
    if (prefix < 96) throw new CidrError(`"${text}": an IPv4-mapped network needs a prefix of at least 96 (it is written as IPv4: 10.0.0.0/8)`, 'cidr_mapped_prefix', { text });
    prefix -= 96;
  }
  const network = address.value & mask(address.family, prefix);
  if (network !== address.value) {
    const suggestion = formatCidr({ family: address.family, network, prefix });
    throw new CidrError(`"${text}" has bits set after the prefix: did you mean ${suggestion}?`, 'cidr_host_bits', { text, suggestion });
  }
  return { family: address.family, network, prefix };
}

/** The canonical text: IPv4 dotted, IPv6 compressed (RFC 5952 style), always with the prefix. */
export function formatCidr(cidr: Cidr): string {
  if (cidr.family === 4) {
    const n = cidr.network;
    return `${[24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.')}/${cidr.prefix}`;
  }
  const groups = [...Array(8).keys()].map((i) => ((cidr.network >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // The longest run of two or more zero groups becomes "::".
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const text = best.at < 0 ? groups.join(':') : `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
  return `${text}/${cidr.prefix}`;
}

/** Whether the address (as the socket reports it) is inside the network. */
export function cidrContains(cidr: Cidr, address: string): boolean {
  const a = parseAddress(address);
  return a !== undefined && a.family === cidr.family && (a.value & mask(cidr.family, cidr.prefix)) === cidr.network;
}

