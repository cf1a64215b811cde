// Which hosts a grant covers. All selector syntax lives here, so tag expressions and host lists
// can be added later as new kinds without touching the callers.
//
//   *                       every host
//   web-01                  one host, by name
//   node:team/line/service  every host in that tree node or below it
import { HostNameSchema } from '../../../shared/contract/inventory';

export type HostSelector = { kind: 'all' } | { kind: 'host'; name: string } | { kind: 'node'; path: string[] };

/** What a selector is matched against. */
export interface SelectableHost {
  name: string;
  nodes: string[][];
  tags: Record<string, string>;
}

export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

export function parseSelector(text: string): HostSelector {
  const s = text.trim();
  if (s === '*') return { kind: 'all' };
  if (s.startsWith('node:')) {
    const segments = s.slice('node:'.length).split('/');
    if (segments.at(-1) === '') segments.pop(); // allow a trailing slash
    if (segments.length === 0 || segments.some((seg) => seg.trim() === '')) {
      throw new SelectorError(`invalid node selector "${text}": expected node:team/line/service`);
    }
    return { kind: 'node', path: segments.map((seg) => seg.trim()) };
  }
  if (HostNameSchema.safeParse(s).success) return { kind: 'host', name: s };
  throw new SelectorError(`invalid host selector "${text}": expected "*", a host name, or node:PATH`);
}

export function formatSelector(selector: HostSelector): string {
  switch (selector.kind) {
    case 'all':
      return '*';
    case 'host':
      return selector.name;
    case 'node':
      return `node:${selector.path.join('/')}`;
  }
}

export function selectorMatches(selector: HostSelector, host: SelectableHost): boolean {
  switch (selector.kind) {
    case 'all':
      return true;
    case 'host':
      return host.name === selector.name;
    case 'node':
      return host.nodes.some((node) => node.length >= selector.path.length && selector.path.every((seg, i) => node[i] === seg));
  }
}
