// Which hosts a grant covers. All selector syntax lives here (pure: no database, no Node), so the
// CLI, the admin functions, the access checks and the SQL compiler agree on one grammar.
//
//   selector = "*"                                   every host
//            | NAME *( "," NAME )                     hosts by name:      web-01,web-02
//            | "node:" SEG *( "/" SEG ) [ "/" ]       a tree node and everything below it:
//                                                                         node:team/line/service
//            | TERM *( "," TERM )                     a tag expression:   env=prod,service=minos
//   TERM     = KEY "=" VALUE *( "|" VALUE )           "," is AND between terms, "|" is OR between
//                                                     the values of one key: env=prod,role=web|api
//   KEY      = 1*64 of [A-Za-z0-9_.-]                 (the tag keys `host add --tag` accepts)
//   VALUE    = 1* any character but "," and "|"       (trimmed; a tag value containing "," or "|"
//                                                     cannot be selected)
//
// Blanks around tokens are ignored. A selector with "=" anywhere is a tag expression; names and
// tags do not mix. A key may appear once per expression (write env=a|b, not env=a,env=b).
import { why, ReasonedError, type Why } from '../../../shared/contract/error-reasons';
import { HostNameSchema } from '../../../shared/contract/inventory';

export interface TagTerm {
  key: string;
  /** The host's value for `key` must be one of these. */
  values: string[];
}

export type HostSelector =
  | { kind: 'all' }
  | { kind: 'hosts'; names: string[] }
  | { kind: 'node'; path: string[] }
  | { kind: 'tags'; terms: TagTerm[] };

/** What a selector is matched against. */
export interface SelectableHost {
  name: string;
  nodes: string[][];
  tags: Record<string, string>;
}

export class SelectorError extends ReasonedError {
  constructor(message: string, reason: Why) {
    super(message, reason);
    this.name = 'SelectorError';
  }
}

const TAG_KEY = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_SELECTOR = 4096;
const HELP = 'expected "*", host names (web-01,web-02), node:team/line/service, or tags (env=prod,role=web|api)';

export function parseSelector(text: string): HostSelector {
  const s = text.trim();
  const refuse = (problem: string, reason: Why) => new SelectorError(`invalid host selector "${text}": ${problem}`, reason);
  /** The token that is wrong, and where it starts in the text as given (1 = the first character). */
  const bad = (problem: string, token: string) => refuse(problem, why('selector.invalid', { token, position: text.indexOf(token) + 1 }));
  if (s === '') throw refuse(HELP, why('selector.empty'));
  if (s.length > MAX_SELECTOR) throw refuse(`longer than ${MAX_SELECTOR} characters`, why('selector.too_long', { limit: MAX_SELECTOR }));
  if (s === '*') return { kind: 'all' };

  if (s.startsWith('node:')) {
    const segments = s.slice('node:'.length).split('/');
    if (segments.at(-1) === '') segments.pop(); // allow a trailing slash
    if (segments.length === 0 || segments.some((seg) => seg.trim() === '')) throw bad('expected node:team/line/service', s);
    return { kind: 'node', path: segments.map((seg) => seg.trim()) };
  }

  const parts = s.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) throw bad('an empty item between commas', /,\s*,/.exec(text)?.[0] ?? ',');

  if (s.includes('=')) {
    const terms: TagTerm[] = [];
    for (const part of parts) {
      const eq = part.indexOf('=');
      if (eq < 0) throw bad(`"${part}" is not KEY=VALUE (names and tags do not mix)`, part);
      const key = part.slice(0, eq).trim();
      if (!TAG_KEY.test(key)) throw bad(`"${key}" is not a tag key (letters, digits, "_", "." and "-")`, part);
      if (terms.some((t) => t.key === key)) throw bad(`tag "${key}" given twice; write ${key}=A|B for either value`, part);
      const values = part
        .slice(eq + 1)
        .split('|')
        .map((v) => v.trim());
      if (values.some((v) => v === '' || v.includes('='))) throw bad(`"${part}" needs non-empty values, e.g. ${key}=prod or ${key}=web|api`, part);
      terms.push({ key, values: [...new Set(values)] });
    }
    return { kind: 'tags', terms };
  }

  for (const name of parts) {
    if (!HostNameSchema.safeParse(name).success) throw bad(`"${name}" is not a host name; ${HELP}`, name);
  }
  return { kind: 'hosts', names: [...new Set(parts)] };
}

/** The canonical text of a selector: what is stored and shown. parseSelector(format(x)) equals x. */
export function formatSelector(selector: HostSelector): string {
  switch (selector.kind) {
    case 'all':
      return '*';
    case 'hosts':
      return selector.names.join(',');
    case 'node':
      return `node:${selector.path.join('/')}`;
    case 'tags':
      return selector.terms.map((t) => `${t.key}=${t.values.join('|')}`).join(',');
  }
}

export function selectorMatches(selector: HostSelector, host: SelectableHost): boolean {
  switch (selector.kind) {
    case 'all':
      return true;
    case 'hosts':
      return selector.names.includes(host.name);
    case 'node':
      return host.nodes.some((node) => node.length >= selector.path.length && selector.path.every((seg, i) => node[i] === seg));
    case 'tags':
      return selector.terms.every((t) => Object.hasOwn(host.tags, t.key) && t.values.includes(host.tags[t.key]!));
  }
}
