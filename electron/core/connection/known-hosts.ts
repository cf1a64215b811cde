// A reader for OpenSSH's known_hosts (honour what the user already trusts).
// No maintained npm parser was at hand, so this is a small one: plain and `[host]:port` names,
// comma lists, `*`/`?` wildcards, `!` negation, hashed names (`|1|salt|hash`, HMAC-SHA1 of the
// name under the salt), and the @revoked / @cert-authority markers. Lines it cannot read are skipped.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export interface KnownHostEntry {
  marker: 'revoked' | 'cert-authority' | null;
  hosts: string;
  keyType: string;
  blob: Buffer;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0]!.startsWith('@')) {
      const name = fields.shift()!.slice(1);
      if (name !== 'revoked' && name !== 'cert-authority') continue;
      marker = name;
    }
    const [hosts, keyType, base64] = fields;
    if (!hosts || !keyType || !base64 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) continue;
    entries.push({ marker, hosts, keyType, blob: Buffer.from(base64, 'base64') });
  }
  return entries;
}

/** How known_hosts names an endpoint: `host` on port 22, else `[host]:port`. */
export function knownHostsName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** Whether an entry's host field names `host:port`. */
export function hostsFieldMatches(field: string, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (field.startsWith('|1|')) return hashedMatches(field, name);
  let matched = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    if (!globMatches(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false; // a negated match excludes the host whatever else matches
    matched = true;
  }
  return matched;
}

function hashedMatches(field: string, name: string): boolean {
  const [, , salt, hash] = field.split('|');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function globMatches(pattern: string, name: string): boolean {
  const regex = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(name);
}

/** The plain-key entries (and @revoked ones) that name `host:port`; certificate authorities are not used. */
export function knownKeysFor(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostEntry[] {
  return entries.filter((e) => e.marker !== 'cert-authority' && hostsFieldMatches(e.hosts, host, port));
}

/** Reads a known_hosts file; a missing or unreadable file is simply empty. */
export async function readKnownHosts(file: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readFile(file, 'utf8'));
  } catch {
    return [];
  }
}
