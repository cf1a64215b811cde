// Ansible inventories: INI, YAML (parsed by yaml) and `ansible-inventory --list` JSON. All three
// become one model of groups (hosts with vars, group vars, child groups), then hosts:
//   ansible_host → address, ansible_port → port, ansible_user → login;
//   every group the host is in (directly or through child groups; not `all`/`ungrouped`) → a tag
//   `group.NAME=true` (a tag key holds one value, and a host is often in several groups).
// Vars: the host's own win over its groups', a child group's over its parent's.
import { parse as parseYaml } from 'yaml';
import type { CandidateHost, ImportIssue, ParsedInventory } from './types';

type Vars = Record<string, unknown>;
interface Group {
  hosts: Map<string, { where: string; vars: Vars }>;
  vars: Vars;
  children: string[];
}
type Model = Map<string, Group>;

const IMPLICIT_GROUPS = new Set(['all', 'ungrouped']);

const groupIn = (model: Model, name: string): Group => model.get(name) ?? model.set(name, { hosts: new Map(), vars: {}, children: [] }).get(name)!;

export function parseAnsibleInventory(text: string): ParsedInventory {
  const firstLine = text.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#') && !l.startsWith(';')) ?? '';
  const issues: ImportIssue[] = [];
  let model: Model;
  try {
    if (firstLine.startsWith('{')) model = fromListJson(JSON.parse(text) as Record<string, unknown>);
    else if (firstLine.startsWith('[')) model = fromIni(text, issues);
    else model = fromYaml(parseYaml(text) as unknown);
  } catch (error) {
    return { hosts: [], issues: [{ where: 'file', field: 'ansible', code: 'file_unreadable', params: { detail: (error as Error).message }, message: (error as Error).message }], skipped: [] };
  }
  return { hosts: hostsOf(model), issues, skipped: [] };
}

/** Each host once, with its merged vars and the groups it is in. */
function hostsOf(model: Model): CandidateHost[] {
  const found = new Map<string, { where: string; vars: Vars; groups: Set<string>; depthVars: Array<[number, Vars]> }>();
  const visit = (name: string, path: string[]) => {
    const group = model.get(name);
    if (!group || path.includes(name)) return; // a loop in children: already walked
    const here = [...path, name];
    for (const [host, entry] of group.hosts) {
      const h = found.get(host) ?? found.set(host, { where: entry.where, vars: {}, groups: new Set(), depthVars: [] }).get(host)!;
      Object.assign(h.vars, entry.vars);
      for (const g of here) if (!IMPLICIT_GROUPS.has(g)) h.groups.add(g);
      here.forEach((g, i) => h.depthVars.push([i, model.get(g)!.vars])); // i: how deep the group is
    }
    for (const child of group.children) visit(child, here);
  };
  const roots = [...model.keys()].filter((g) => ![...model.values()].some((other) => other.children.includes(g)));
  for (const root of roots) visit(root, []);
  return [...found].map(([name, h]) => {
    const vars: Vars = {};
    for (const [, groupVars] of h.depthVars.sort((a, b) => a[0] - b[0])) Object.assign(vars, groupVars);
    Object.assign(vars, h.vars);
    const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
    const user = text(vars.ansible_user);
    return {
      where: h.where,
      name,
      address: text(vars.ansible_host) ?? name,
      port: text(vars.ansible_port),
      nodes: [],
      tags: [...h.groups].sort().map((g) => `group.${g}=true`),
      logins: user === undefined ? [] : [user],
    };
  });
}

function fromListJson(list: Record<string, unknown>): Model {
  const model: Model = new Map();
  const hostvars = ((list._meta as { hostvars?: Record<string, Vars> } | undefined)?.hostvars ?? {}) as Record<string, Vars>;
  for (const [name, value] of Object.entries(list)) {
    if (name === '_meta' || typeof value !== 'object' || value === null) continue;
    const g = groupIn(model, name);
    const v = value as { hosts?: string[]; children?: string[]; vars?: Vars };
    for (const host of v.hosts ?? []) g.hosts.set(host, { where: `host ${host}`, vars: hostvars[host] ?? {} });
    g.children.push(...(v.children ?? []));
    Object.assign(g.vars, v.vars ?? {});
  }
  return model;
}

function fromYaml(doc: unknown): Model {
  const model: Model = new Map();
  const walk = (name: string, body: unknown) => {
    const g = groupIn(model, name);
    if (body === null || body === undefined) return;
    if (typeof body !== 'object') throw new Error(`group "${name}": expected hosts, vars or children`);
    const b = body as { hosts?: Record<string, Vars | null>; vars?: Vars; children?: Record<string, unknown> };
    for (const [host, vars] of Object.entries(b.hosts ?? {})) g.hosts.set(host, { where: `host ${host}`, vars: vars ?? {} });
    Object.assign(g.vars, b.vars ?? {});
    for (const [child, childBody] of Object.entries(b.children ?? {})) {
      if (!g.children.includes(child)) g.children.push(child);
      walk(child, childBody);
    }
  };
  if (typeof doc !== 'object' || doc === null) throw new Error('expected a YAML mapping of groups (all: hosts/children/vars)');
  for (const [name, body] of Object.entries(doc)) walk(name, body);
  return model;
}

/** INI has no well-kept parser for Ansible's dialect (host lines with vars): a line reader. */
function fromIni(text: string, issues: ImportIssue[]): Model {
  const model: Model = new Map();
  let section = { group: 'ungrouped', kind: 'hosts' };
  text.split('\n').forEach((raw, i) => {
    const where = `line ${i + 1}`;
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]:]+)(?::(vars|children))?\]$/.exec(line);
    if (header) {
      section = { group: header[1]!, kind: header[2] ?? 'hosts' };
      groupIn(model, section.group);
      return;
    }
    const g = groupIn(model, section.group);
    if (section.kind === 'children') {
      groupIn(model, line);
      if (!g.children.includes(line)) g.children.push(line);
      return;
    }
    if (section.kind === 'vars') {
      const eq = line.indexOf('=');
      if (eq > 0) g.vars[line.slice(0, eq).trim()] = unquote(line.slice(eq + 1).trim());
      else issues.push({ where, field: 'vars', code: 'vars_syntax', params: { text: line }, message: `"${line}" is not KEY=VALUE` });
      return;
    }
    const [host, ...pairs] = line.split(/\s+/);
    if (/\[[^\]]*:[^\]]*\]/.test(host!)) {
      issues.push({ where, host, field: 'name', code: 'host_range', params: {}, message: 'host ranges (web[01:10]) are not supported: list the hosts one by one' });
      return;
    }
    const vars: Vars = {};
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq > 0) vars[pair.slice(0, eq)] = unquote(pair.slice(eq + 1));
      else issues.push({ where, host, field: 'vars', code: 'vars_syntax', params: { text: pair }, message: `"${pair}" is not KEY=VALUE` });
    }
    g.hosts.set(host!, { where, vars: { ...(g.hosts.get(host!)?.vars ?? {}), ...vars } });
  });
  return model;
}

const unquote = (v: string) => v.replace(/^(['"])(.*)\1$/, '$2');
