// The host filter language. Pure. Terms separated by spaces are ANDed:
//   free text   `web`        matches a host's name, address, login, tree node, or a tag value
//   tag term    `env=prod`   (or `env:prod`) matches a tag whose key equals and whose value contains
// Matching is case-insensitive; the terms are also what the tree highlights.
import type { Host } from '../../../shared/contract/inventory';

export type FilterTerm = { kind: 'text'; text: string } | { kind: 'tag'; key: string; value: string };

export interface FilterQuery {
  terms: FilterTerm[];
  /** Lower-cased free-text words to highlight in names and chips. */
  highlights: string[];
  /** Tag terms: highlighted only in the chip of that tag (never in a name that happens to contain the value). */
  tagHighlights: { key: string; value: string }[];
}

/** The words to mark in a `key=value` chip: the free-text words, and the value of a tag term for this key. */
export function chipHighlights(key: string, query: { highlights: readonly string[]; tagHighlights: FilterQuery['tagHighlights'] }): string[] {
  const lower = key.toLowerCase();
  const tagged = query.tagHighlights.filter((t) => t.key === lower && t.value).map((t) => t.value);
  return tagged.length ? [...query.highlights, ...tagged] : [...query.highlights];
}

export function parseFilter(input: string): FilterQuery {
  const terms: FilterTerm[] = [];
  for (const word of input.toLowerCase().split(/\s+/)) {
    if (!word) continue;
    const tag = /^([^=:]+)[=:](.*)$/.exec(word);
    if (tag) terms.push({ kind: 'tag', key: tag[1]!, value: tag[2]! });
    else terms.push({ kind: 'text', text: word });
  }
  const highlights = terms.flatMap((t) => (t.kind === 'text' ? [t.text] : []));
  const tagHighlights = terms.flatMap((t) => (t.kind === 'tag' ? [{ key: t.key, value: t.value }] : []));
  return { terms, highlights, tagHighlights };
}

/** What a host is searched by, lower-cased once per host (the 50 k filter runs on these). */
export interface HostIndex {
  text: string; // every free-text field joined by \n
  tags: Map<string, string>;
}

/** The lower-cased search fields of one host (HostSearch keeps the same fields in columns). */
export function searchFields(host: Host): HostIndex {
  const tags = new Map(Object.entries(host.tags).map(([k, v]): [string, string] => [k.toLowerCase(), v.toLowerCase()]));
  const fields = [host.name, host.address, ...host.logins, ...host.nodes.flat()].map((f) => f.toLowerCase());
  for (const [, v] of tags) fields.push(v);
  return { text: fields.join('\n'), tags };
}

/** One term against one host's fields: the whole matching rule. */
export function termMatches(term: FilterTerm, text: string, tagValue: (key: string) => string | undefined): boolean {
  return term.kind === 'text' ? text.includes(term.text) : tagValue(term.key)?.includes(term.value) === true;
}

/**
 * True when every host matching `next` also matches `prev`, so `next` can be searched among
 * `prev`'s matches (typing on: "env=pr" → "env=prod", "web" → "web-0 env=prod"). Conservative:
 * each term of `prev` must be contained in a term of `next` of the same kind (and tag key).
 */
export function narrows(prev: FilterQuery, next: FilterQuery): boolean {
  return prev.terms.every((p) =>
    next.terms.some((n) => (p.kind === 'text' ? n.kind === 'text' && n.text.includes(p.text) : n.kind === 'tag' && n.key === p.key && n.value.includes(p.value))),
  );
}

const indexCache = new WeakMap<Host, HostIndex>();

function indexOf(host: Host): HostIndex {
  let index = indexCache.get(host);
  if (!index) indexCache.set(host, (index = searchFields(host)));
  return index;
}

export function matchesHost(host: Host, query: FilterQuery): boolean {
  if (!query.terms.length) return true;
  const index = indexOf(host);
  return query.terms.every((term) => termMatches(term, index.text, (key) => index.tags.get(key)));
}

export function filterHosts(hosts: readonly Host[], query: FilterQuery): Host[] {
  if (!query.terms.length) return hosts as Host[];
  return hosts.filter((h) => matchesHost(h, query));
}

export interface TextPart {
  text: string;
  match: boolean;
}

/** Splits `text` into runs, marking every occurrence of any highlight word (case-insensitive). */
export function highlightParts(text: string, highlights: readonly string[]): TextPart[] {
  if (!highlights.length || !text) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const marked = new Uint8Array(text.length);
  let any = false;
  for (const word of highlights) {
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
      marked.fill(1, at, at + word.length);
      any = true;
    }
  }
  if (!any) return [{ text, match: false }];
  const parts: TextPart[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[start]) {
      parts.push({ text: text.slice(start, i), match: marked[start] === 1 });
      start = i;
    }
  }
  return parts;
}
