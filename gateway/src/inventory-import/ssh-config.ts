// ~/.ssh/config as an inventory, parsed by ssh-config: one host per literal `Host` name, with the
// HostName, Port and User OpenSSH would use for it (first value wins, `Host *` defaults apply).
// Include is followed relative to the including file (only where a reader of the gateway's own files
// is given: the CLI; a file sent over the API never makes the gateway read its files); wildcard
// names are skipped; a host that needs ProxyJump/ProxyCommand is an error (the gateway connects to
// targets directly).
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
  /** Reads an included file; absent: Include is not followed. */
  readInclude?: ReadText;
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

function loadIncluded(file: string, depth: number, into: Loaded): void {
  let text: string;
  try {
    text = into.readInclude!(file);
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    into.skipped.push({ where: file, code: 'include_unreadable', params: { detail }, reason: `Include not read: ${detail}` });
    return;
  }
  load(file, text, depth, into);
}

function load(file: string, text: string, depth: number, into: Loaded): void {
  const sectionLines = text.split('\n').flatMap((l, i) => (SECTION_LINE.test(l) ? [i + 1] : []));
  const parsed = SSHConfig.parse(text);
  let section = 0;
  const include = (line: Line) => {
    if (!('param' in line) || line.param.toLowerCase() !== 'include') return false;
    if (depth >= MAX_INCLUDE_DEPTH) {
      into.issues.push({ where: file, field: 'Include', code: 'include_too_deep', params: { max: MAX_INCLUDE_DEPTH }, message: `Include nested more than ${MAX_INCLUDE_DEPTH} deep (a loop?)` });
      return true;
    }
    for (const argument of valuesOf(line.value)) {
      if (!into.readInclude) into.skipped.push({ where: file, code: 'include_not_followed', params: { argument }, reason: `Include ${argument} not followed: the file came without the files it includes` });
      else for (const target of includeTargets(argument, file)) loadIncluded(target, depth + 1, into);
    }
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

/** `file`'s `text` as hosts; `readInclude` reads the files it includes (without it, none are read). */
export function parseSshConfigInventory(file: string, text: string, readInclude?: ReadText): ParsedInventory {
  const loaded: Loaded = { config: SSHConfig.parse(''), where: new Map(), issues: [], skipped: [], readInclude };
  load(file, text, 0, loaded);
  const hosts: CandidateHost[] = [];
  const seen = new Set<string>();
  for (const line of loaded.config) {
    if (!('config' in line) || line.param.toLowerCase() !== 'host') continue;
    const where = loaded.where.get(line) ?? file;
    for (const name of valuesOf(line.value)) {
      if (isGlob(name) || name.startsWith('!')) {
        loaded.skipped.push({ where, code: 'host_pattern', params: { pattern: name }, reason: `Host pattern "${name}" is not one host` });
        continue;
      }
      if (seen.has(name)) continue; // OpenSSH merges every block naming it: compute() below does too
      seen.add(name);
      // matchExec: false — ssh-config would run `Match exec` commands by default; an import never runs anything.
      const options = lowerKeys(loaded.config.compute(name, { matchExec: false }));
      const proxy = options.proxyjump ?? options.proxycommand;
      if (proxy !== undefined && first(proxy).toLowerCase() !== 'none') {
        const option = options.proxyjump !== undefined ? 'ProxyJump' : 'ProxyCommand';
        loaded.issues.push({ where, host: name, field: option, code: 'proxy_unsupported', params: { option }, message: 'not supported: the gateway connects to targets directly (import the jump host itself, or reach it by its address)' });
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
