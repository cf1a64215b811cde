// The admin screen's decisions (users, groups, hosts, credentials), pure: its forms checked into
// the params of the gateway's calls (problems as codes, worded by the directory area), the lists
// filtered and paged, the lists after each call, and a refused call worded from its code.
import type { GatewayRole } from '../../../shared/contract/gateway-api/policy';
import type { AdminHost } from '../../../shared/contract/gateway-api/inventory-admin';
import { sanitizeForDisplay } from './connection-error-text';
import type { Locale } from './locale';

/** A field's problem: a code the area words (`directory:problem.<code>`), with its facts. */
export interface Problem {
  code: string;
  max?: number;
  text?: string;
}
export type Checked<P> = { ok: true; params: P } | { ok: false; problems: Record<string, Problem> };

const checked = <P>(problems: Record<string, Problem>, params: () => P): Checked<P> => (Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, params: params() });

/** The bounds of the gateway's contract, checked here first so a form names the field. */
export const DIRECTORY_LIMITS = { name: 64, hostName: 253, address: 300, keys: 32, nodes: 64, logins: 100, password: 4096, privateKey: 64 * 1024 } as const;

function required(problems: Record<string, Problem>, field: string, value: string, max: number) {
  if (value.trim() === '') problems[field] = { code: 'required' };
  else if (value.trim().length > max) problems[field] = { code: 'too_long', max };
}

// ── users and groups ───────────────────────────────────────────────────────────────────────────

export interface UserForm {
  name: string;
  roles: readonly GatewayRole[];
  /** OpenSSH public key lines, pasted or loaded from a .pub file; may be empty. */
  publicKeys: string;
}
export const EMPTY_USER_FORM: UserForm = { name: '', roles: ['operator'], publicKeys: '' };

const PUBLIC_KEY_LINE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s+[A-Za-z0-9+/]+={0,3}(\s.*)?$/;

/** The non-empty lines of a public key text, or the problem with them (the first bad line's number). */
function publicKeyLines(text: string): { lines: string[]; problem?: Problem } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const bad = lines.findIndex((l) => !PUBLIC_KEY_LINE.test(l));
  if (bad >= 0) return { lines, problem: { code: 'public_key', text: String(bad + 1) } };
  if (lines.length > DIRECTORY_LIMITS.keys) return { lines, problem: { code: 'over_limit', max: DIRECTORY_LIMITS.keys } };
  return { lines };
}

export function checkUserForm(form: UserForm): Checked<{ name: string; roles: GatewayRole[]; publicKeys?: string[] }> {
  const problems: Record<string, Problem> = {};
  required(problems, 'name', form.name, DIRECTORY_LIMITS.name);
  const keys = publicKeyLines(form.publicKeys);
  if (keys.problem) problems.publicKeys = keys.problem;
  return checked(problems, () => ({ name: form.name.trim(), roles: [...form.roles], ...(keys.lines.length > 0 && { publicKeys: keys.lines }) }));
}

/** One key to add to a user: exactly one line. */
export function checkKeyForm(text: string): Checked<{ publicKey: string }> {
  const keys = publicKeyLines(text);
  const problem = keys.lines.length === 0 ? { code: 'required' } : keys.lines.length > 1 ? { code: 'one_key' } : keys.problem;
  return checked(problem ? { publicKey: problem } : {}, () => ({ publicKey: keys.lines[0]! }));
}

export function checkGroupForm(name: string): Checked<{ name: string }> {
  const problems: Record<string, Problem> = {};
  required(problems, 'name', name, DIRECTORY_LIMITS.name);
  return checked(problems, () => ({ name: name.trim() }));
}

// ── hosts ──────────────────────────────────────────────────────────────────────────────────────

export interface HostForm {
  name: string;
  /** Host name or IP address, without the port. */
  address: string;
  port: string;
  /** Tree node paths (team/line/service), one a line or comma-separated. */
  nodes: string;
  /** KEY=VALUE, separated by ";" or new lines. */
  tags: string;
  /** Login account names, separated by spaces or commas. */
  logins: string;
}
export const EMPTY_HOST_FORM: HostForm = { name: '', address: '', port: '22', nodes: '', tags: '', logins: '' };

export type HostCreateParams = { name: string; address: string; nodes: string[]; tags: Record<string, string>; logins: string[] };
export type HostEditParams = { name: string; address?: string; nodes?: string[]; tags?: Record<string, string>; untag?: string[]; logins?: string[] };

const LOGIN = /^[A-Za-z_][A-Za-z0-9._-]*$/;
const words = (text: string, separators: RegExp) =>
  text
    .split(separators)
    .map((w) => w.trim())
    .filter((w) => w !== '');

/** `host:port` as the gateway keeps it (IPv6 in brackets). */
export const joinAddress = (address: string, port: string) => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);

/** The form's address and port from the gateway's `host:port` (or `[v6]:port`). */
export function splitAddress(address: string): { address: string; port: string } {
  const m = /^\[(.+)\]:(\d+)$/.exec(address) ?? /^([^:]+):(\d+)$/.exec(address);
  return m ? { address: m[1]!, port: m[2]! } : { address, port: '22' };
}

interface HostFields {
  problems: Record<string, Problem>;
  address: string;
  nodes: string[];
  tags: Record<string, string>;
  logins: string[];
}

function hostFields(form: HostForm): HostFields {
  const problems: Record<string, Problem> = {};
  required(problems, 'name', form.name, DIRECTORY_LIMITS.hostName);
  required(problems, 'address', form.address, DIRECTORY_LIMITS.address);
  // One colon and digits is a port written into the address (IPv6 has two colons or more).
  if (!problems.address && /[\s/[\]]|^[^:]+:\d*$/.test(form.address.trim())) problems.address = { code: 'address' };
  const port = form.port.trim() || '22';
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) problems.port = { code: 'port' };
  const nodes = words(form.nodes, /[\n,]/);
  if (nodes.length > DIRECTORY_LIMITS.nodes) problems.nodes = { code: 'over_limit', max: DIRECTORY_LIMITS.nodes };
  const tags: Record<string, string> = {};
  for (const text of words(form.tags, /[\n;]/)) {
    const eq = text.indexOf('=');
    const key = text.slice(0, eq).trim();
    if (eq <= 0 || key === '') problems.tags ??= { code: 'tag_syntax', text };
    else if (key in tags) problems.tags ??= { code: 'tag_twice', text: key };
    else tags[key] = text.slice(eq + 1).trim();
  }
  const logins = [...new Set(words(form.logins, /[\s,;]+/))];
  const badLogin = logins.find((l) => !LOGIN.test(l) || l.length > DIRECTORY_LIMITS.name);
  if (badLogin) problems.logins = { code: 'login', text: badLogin };
  else if (logins.length > DIRECTORY_LIMITS.logins) problems.logins = { code: 'over_limit', max: DIRECTORY_LIMITS.logins };
  return { problems, address: joinAddress(form.address.trim(), port), nodes, tags, logins };
}

export function checkHostCreate(form: HostForm): Checked<HostCreateParams> {
  const f = hostFields(form);
  return checked(f.problems, () => ({ name: form.name.trim(), address: f.address, nodes: f.nodes, tags: f.tags, logins: f.logins }));
}

/** The form of an existing host, to edit. */
export function hostFormOf(host: AdminHost): HostForm {
  return {
    name: host.name,
    ...splitAddress(host.address),
    nodes: host.nodes.map((n) => n.join('/')).join('\n'),
    tags: Object.entries(host.tags)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
    logins: host.logins.join(', '),
  };
}

/**
 * Only what changed, as `inventory.hosts.edit` takes it: nodes replaced, tags set and untagged,
 * logins added. The gateway cannot take a login away here, so a form that drops one says so.
 */
export function checkHostEdit(form: HostForm, host: AdminHost): Checked<HostEditParams> {
  const f = hostFields({ ...form, name: host.name });
  const dropped = host.logins.find((l) => !f.logins.includes(l));
  if (dropped && !f.problems.logins) f.problems.logins = { code: 'login_kept', text: dropped };
  const params: HostEditParams = { name: host.name };
  if (f.address !== host.address) params.address = f.address;
  if (f.nodes.join('\n') !== host.nodes.map((n) => n.join('/')).join('\n')) params.nodes = f.nodes;
  const set = Object.entries(f.tags).filter(([k, v]) => host.tags[k] !== v);
  if (set.length > 0) params.tags = Object.fromEntries(set);
  const untag = Object.keys(host.tags).filter((k) => !(k in f.tags));
  if (untag.length > 0) params.untag = untag;
  const added = f.logins.filter((l) => !host.logins.includes(l));
  if (added.length > 0) params.logins = added;
  if (Object.keys(f.problems).length === 0 && Object.keys(params).length === 1) f.problems[''] = { code: 'unchanged' };
  return checked(f.problems, () => params);
}

// ── credentials (write-only) ───────────────────────────────────────────────────────────────────

export interface CredentialForm {
  login: string;
  kind: 'password' | 'key';
  /** The password or the private key's text; the screen clears it once sent. */
  secret: string;
}

export type CredentialParams = { host: string; login: string; password?: string; privateKey?: string };

export function checkCredentialForm(host: string, form: CredentialForm): Checked<CredentialParams> {
  const problems: Record<string, Problem> = {};
  if (form.login.trim() === '') problems.login = { code: 'required' };
  const max = form.kind === 'password' ? DIRECTORY_LIMITS.password : DIRECTORY_LIMITS.privateKey;
  if (form.secret === '') problems.secret = { code: 'required' };
  else if (form.secret.length > max) problems.secret = { code: 'too_long', max };
  else if (form.kind === 'key' && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(form.secret)) problems.secret = { code: 'private_key' };
  const login = form.login.trim();
  return checked(problems, () => (form.kind === 'password' ? { host, login, password: form.secret } : { host, login, privateKey: form.secret.trim() + '\n' }));
}

/** Per login of the host: whether the gateway holds a credential (and which kind, since when). Never the secret. */
export function credentialRows(host: AdminHost): Array<{ login: string; stamp: AdminHost['credentials'][number] | null }> {
  const logins = [...new Set([...host.logins, ...host.credentials.map((c) => c.login)])].sort();
  return logins.map((login) => ({ login, stamp: host.credentials.find((c) => c.login === login) ?? null }));
}

// ── lists ──────────────────────────────────────────────────────────────────────────────────────

export const PAGE_SIZE = 50;

export interface Page<T> {
  items: T[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** How many match the filter. */
  total: number;
}

/** The items whose text contains every word of the filter (any case), one page of them. */
export function pageOf<T>(items: readonly T[], filter: string, page: number, textOf: (item: T) => string, size = PAGE_SIZE): Page<T> {
  const needles = words(filter.toLowerCase(), /\s+/);
  const matching = needles.length === 0 ? [...items] : items.filter((item) => ((text) => needles.every((n) => text.includes(n)))(textOf(item).toLowerCase()));
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { items: matching.slice(at * size, (at + 1) * size), page: at, pages, total: matching.length };
}

export const userText = (u: { name: string; roles: readonly string[]; groups?: readonly string[]; disabled: boolean }) => [u.name, ...u.roles, ...(u.groups ?? []), u.disabled ? 'disabled' : ''].join(' ');
export const groupText = (g: { name: string; members: readonly string[] }) => [g.name, ...g.members].join(' ');
export const hostText = (h: AdminHost) => [h.name, h.address, ...h.nodes.map((n) => n.join('/')), ...Object.entries(h.tags).map(([k, v]) => `${k}=${v}`), ...h.logins].join(' ');

/** The list after a call answered `item`: replaced by name, or added in name order. */
export function upsertByName<T extends { name: string }>(list: readonly T[], item: T): T[] {
  const rest = list.filter((x) => x.name !== item.name);
  const at = rest.findIndex((x) => x.name.localeCompare(item.name) > 0);
  return at < 0 ? [...rest, item] : [...rest.slice(0, at), item, ...rest.slice(at)];
}

export const withoutName = <T extends { name: string }>(list: readonly T[], name: string): T[] => list.filter((x) => x.name !== name);

/** The hosts after `inventory.credentials.set` answered: that login's stamp replaced. */
export function withCredential(hosts: readonly AdminHost[], set: { host: string; login: string; kind: 'key' | 'password'; setAt: number }): AdminHost[] {
  return hosts.map((h) => (h.name !== set.host ? h : { ...h, credentials: [...h.credentials.filter((c) => c.login !== set.login), { login: set.login, kind: set.kind, setAt: set.setAt }] }));
}

/** The users after a group changed: each member's `groups` follows the group's members. */
export function withGroupMembers<U extends { name: string; groups?: string[] }>(users: readonly U[], group: { name: string; members: readonly string[] }): U[] {
  return users.map((u) => {
    const had = u.groups ?? [];
    const has = group.members.includes(u.name);
    if (has === had.includes(group.name)) return u;
    return { ...u, groups: has ? [...had, group.name].sort() : had.filter((g) => g !== group.name) };
  });
}

// ── refusals ───────────────────────────────────────────────────────────────────────────────────

/** A refused or failed call, by its code; the gateway's own sentence is kept as a fact for bad_request. */
export function directoryErrorText(error: unknown, { t }: Locale): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const detail = sanitizeForDisplay(message ?? '').slice(0, 500);
  switch (code) {
    case 'denied':
      return t('directory:errors.denied');
    case 'not_found':
      return t('directory:errors.notFound', { detail });
    case 'not_connected':
      return t('directory:errors.notConnected');
    case 'bad_request':
      return t('directory:errors.badRequest', { detail });
    default:
      return t('directory:errors.other', { detail });
  }
}

/** The words of a field's problem. */
export const problemText = (problem: Problem, { t }: Locale) => t(`directory:problem.${problem.code}`, { max: problem.max, text: problem.text });
