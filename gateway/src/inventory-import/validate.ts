// Every candidate checked field by field, with the rules `host add` uses (AddHostInput), before
// anything is planned: a row is either a HostSpec or a list of issues naming row and field.
import { isIP } from 'node:net';
import { LoginNameSchema } from '../../../shared/contract/inventory';
import { formatAddress, parseAddress } from '../address';
import { AddHostInput } from '../admin';
import type { CandidateHost, HostSpec, ImportIssue, IssueParams } from './types';
import type { ImportIssueCode } from '../../../shared/contract/gateway-api/inventory-import';

const DEFAULT_PORT = 22;

/** The field names the file uses, for zod's paths into AddHostInput. */
const FIELD_OF: Record<string, string> = { name: 'name', address: 'address', nodes: 'node', tags: 'tags' };

/** One issue of the candidate being checked: field, code and params (the app's words), message (the CLI's). */
type Report = (field: string, code: ImportIssueCode, params: IssueParams, message: string) => void;

export interface Validated {
  valid: HostSpec[];
  issues: ImportIssue[];
}

export function validateCandidates(candidates: readonly CandidateHost[]): Validated {
  const count = new Map<string, string[]>();
  for (const c of candidates) count.set(c.name, [...(count.get(c.name) ?? []), c.where]);
  const valid: HostSpec[] = [];
  const issues: ImportIssue[] = [];
  for (const c of candidates) {
    const found: ImportIssue[] = [];
    const issue: Report = (field, code, params, message) => found.push({ where: c.where, host: c.name || undefined, field, code, params, message });
    const places = count.get(c.name)!;
    if (c.name !== '' && places.length > 1) issue('name', 'name_repeated', { name: c.name, places: places.join(', ') }, `"${c.name}" appears more than once in the file (${places.join(', ')})`);
    const address = addressOf(c, issue);
    const tags = tagsOf(c, issue);
    for (const login of c.logins) if (!LoginNameSchema.safeParse(login).success) issue('logins', 'login_invalid', { login }, `"${login}" is not a login account name (letters, digits, ".", "_", "-"; not starting with a digit)`);
    const nodes = c.nodes.map((path) => path.split('/').map((s) => s.trim()));
    const parsed = AddHostInput.safeParse({ name: c.name, address: address ?? '127.0.0.1:22', nodes, tags });
    if (!parsed.success) for (const zi of parsed.error.issues) {
        const detail = describe(zi.path, zi.message, c);
        issue(FIELD_OF[String(zi.path[0])] ?? String(zi.path[0]), 'field_invalid', { detail }, detail);
      }
    if (found.length > 0 || address === undefined) {
      issues.push(...found);
      continue;
    }
    const data = parsed.data!;
    valid.push({ where: c.where, name: data.name, address, nodes: data.nodes, tags: data.tags, logins: [...new Set(c.logins)] });
  }
  return { valid, issues };
}

function addressOf(c: CandidateHost, issue: Report): string | undefined {
  if (c.address === '') return void issue('address', 'address_missing', {}, 'missing: give a host name or IP address');
  const given = parseAddress(c.address);
  if (c.port !== undefined && !/^\d{1,5}$/.test(c.port)) return void issue('port', 'port_invalid', { port: c.port }, `"${c.port}" is not a port number`);
  const port = c.port === undefined ? undefined : Number(c.port);
  if (port !== undefined && (port < 1 || port > 65535)) return void issue('port', 'port_range', { port }, `${port} is out of range (1-65535)`);
  if (given) {
    if (port !== undefined && port !== given.port) return void issue('port', 'port_mismatch', { port, address: c.address }, `${port} differs from the port in the address "${c.address}"`);
    return formatAddress(given);
  }
  const host = c.address.replace(/^\[(.*)\]$/, '$1');
  // A colon left here is IPv6 or nothing: "10.0.0.7:99999" must not pass as "[10.0.0.7:99999]:22".
  const address = host.includes(':') && isIP(host) !== 6 ? null : parseAddress(formatAddress({ host, port: port ?? DEFAULT_PORT }));
  if (!address) return void issue('address', 'address_invalid', { address: c.address }, `"${c.address}" is not a host name or IP address (with an optional :PORT, 1-65535)`);
  return formatAddress(address);
}

function tagsOf(c: CandidateHost, issue: Report): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const text of c.tags) {
    const eq = text.indexOf('=');
    if (eq <= 0) {
      issue('tags', 'tag_syntax', { text }, `"${text}" is not KEY=VALUE`);
      continue;
    }
    const key = text.slice(0, eq).trim();
    if (key in tags) issue('tags', 'tag_twice', { key }, `tag "${key}" given twice`);
    tags[key] = text.slice(eq + 1).trim();
  }
  return tags;
}

/** zod's message with what it is about: "node "a//b": …", "tag "k k": …". */
function describe(path: readonly PropertyKey[], message: string, c: CandidateHost): string {
  if (path[0] === 'nodes' && typeof path[1] === 'number') return `"${c.nodes[path[1]]}": ${message}`;
  if (path[0] === 'tags' && path.length > 1) return `"${String(path[1])}": ${message}`;
  return message;
}
