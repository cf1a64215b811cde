// ~/.ssh/config as an inventory, parsed by ssh-config: one host per literal `Host` name, with the
// HostName, Port and User OpenSSH would use for it (first value wins, `Host *` defaults apply).
// Include is followed relative to the including file; wildcard names are skipped; a host that
// needs ProxyJump/ProxyCommand is an error (the gateway connects to targets directly).
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import SSHConfig, { type Line, type Section } from 'ssh-config';
import type { CandidateHost, ImportIssue, ParsedInventory, SkippedEntry } from './types';

const MAX_INCLUDE_DEPTH = 16; // as OpenSSH
const SECTION_LINE = /^\s*(host|match)\b/i;

type ReadText = (file: string) => string;

interface Loaded {
  config: SSHConfig;
  /** For each Host section (by identity): where it was written. */
  where: Map<Line, string>;
  issues: ImportIssue[];
  skipped: SkippedEntry[];
}

const valuesOf = (value: Section['value']): string[] =>
  typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value.map((v) => v.val);

const isGlob = (text: string) => /[*?[]/.test(text);

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** The files one Include argument names, sorted as OpenSSH does for globs; a glob in the last part only. */
function includeTargets(argument: string, from: string): string[] {
  const expanded = argument.startsWith('~/') ? join(homedir(), argument.slice(2)) : argument;
  const path = isAbsolute(expanded) ? expanded : resolve(dirname(from), expanded);
  if (!isGlob(basename(path))) return [path];
  const pattern = globToRegExp(basename(path));
  try {
    return readdirSync(dirname(path))
      .filter((name) => pattern.test(name))
      .sort()
      .map((name) => join(dirname(path), name));
  } catch {
    return [];
  }
}

function load(file: string, read: ReadText, depth: number, into: Loaded): void {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    into.skipped.push({ where: file, reason: `Include not read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    return;
  }
  const sectionLines = text.split('\n').flatMap((l, i) => (SECTION_LINE.test(l) ? [i + 1] : []));
  const parsed = SSHConfig.parse(text);
  let section = 0;
  const include = (line: Line) => {
    if (!('param' in line) || line.param.toLowerCase() !== 'include') return false;
    if (depth >= MAX_INCLUDE_DEPTH) {
      into.issues.push({ where: file, field: 'Include', message: `Include nested more than ${MAX_INCLUDE_DEPTH} deep (a loop?)` });
      return true;
    }
    for (const argument of valuesOf(line.value)) for (const target of includeTargets(argument, file)) load(target, read, depth + 1, into);
    return true;
  };
  for (const line of parsed) {
    if ('config' in line) {
      into.where.set(line, `${file} line ${sectionLines[section++] ?? '?'}`);
      const body = [...line.config];
      line.config.length = 0;
      into.config.push(line);
      // An Include inside a block: its Host blocks join the file at this point (what follows the
      // Include in the block stays in the block).
      for (const inner of body) if (!include(inner)) line.config.push(inner);
    } else if (!include(line)) {
      into.config.push(line);
    }
  }
}

export function parseSshConfigInventory(file: string, read: ReadText): ParsedInventory {
  const loaded: Loaded = { config: SSHConfig.parse(''), where: new Map(), issues: [], skipped: [] };
  load(file, read, 0, loaded);
  const hosts: CandidateHost[] = [];
  const seen = new Set<string>();
  for (const line of loaded.config) {
    if (!('config' in line) || line.param.toLowerCase() !== 'host') continue;
    const where = loaded.where.get(line) ?? file;
    for (const name of valuesOf(line.value)) {
      if (isGlob(name) || name.startsWith('!')) {
        loaded.skipped.push({ where, reason: `Host pattern "${name}" is not one host` });
        continue;
      }
      if (seen.has(name)) continue; // OpenSSH merges every block naming it: compute() below does too
      seen.add(name);
      // matchExec: false — ssh-config would run `Match exec` commands by default; an import never runs anything.
      const options = lowerKeys(loaded.config.compute(name, { matchExec: false }));
      const proxy = options.proxyjump ?? options.proxycommand;
      if (proxy !== undefined && first(proxy).toLowerCase() !== 'none') {
        loaded.issues.push({ where, host: name, field: options.proxyjump !== undefined ? 'ProxyJump' : 'ProxyCommand', message: 'not supported: the gateway connects to targets directly (import the jump host itself, or reach it by its address)' });
        continue;
      }
      const user = options.user === undefined ? undefined : first(options.user);
      hosts.push({
        where,
        name,
        address: first(options.hostname ?? name).replace(/%h/g, name),
        port: options.port === undefined ? undefined : first(options.port),
        nodes: [],
        tags: [],
        logins: user === undefined ? [] : [user],
      });
    }
  }
  return { hosts, issues: loaded.issues, skipped: loaded.skipped };
}

const first = (value: string | string[]) => (Array.isArray(value) ? (value[0] ?? '') : value);

function lowerKeys(options: Record<string, string | string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(options)) if (!(key.toLowerCase() in out)) out[key.toLowerCase()] = value;
  return out;
}
