// Filtering 50 k hosts per keystroke. Hosts are numbered by their place in the list (the same
// numbers buildHostTree records), and their lower-cased search fields are kept in columns: one
// string per host for free text, one array per tag key. A filter is then a tight loop over
// strings, and its answer a bitmap by host number (no per-host maps or closures).
// Incremental: when the new query only narrows the previous one (typing on), only the previous
// matches are searched again. The index is built ahead in slices (`indexSome`, when idle), and
// completed on demand by the first filter that needs it.
import type { Host } from '../../../shared/contract/inventory';
import { narrows, searchFields, termMatches, type FilterQuery } from './filter-query';

export interface HostMatches {
  /** 1 at the number of every matching host. */
  bits: Uint8Array;
  /** The matching host numbers, ascending. */
  ids: Int32Array;
}

export class HostSearch {
  private readonly texts: string[] = [];
  private readonly tagColumns = new Map<string, (string | undefined)[]>();
  private last: { query: FilterQuery; matches: HostMatches } | null = null;

  constructor(private readonly hosts: readonly Host[]) {}

  /** Indexes up to `count` more hosts; true once every host is indexed. */
  indexSome(count: number): boolean {
    const end = Math.min(this.hosts.length, this.texts.length + count);
    for (let id = this.texts.length; id < end; id++) {
      const { text, tags } = searchFields(this.hosts[id]!);
      this.texts.push(text);
      for (const [key, value] of tags) {
        let column = this.tagColumns.get(key);
        if (!column) this.tagColumns.set(key, (column = []));
        column[id] = value;
      }
    }
    return this.texts.length === this.hosts.length;
  }

  match(query: FilterQuery): HostMatches {
    this.indexSome(Infinity);
    const prev = this.last;
    if (prev && sameTerms(prev.query, query)) return prev.matches;
    const candidates = prev && narrows(prev.query, query) ? prev.matches.ids : null;
    const bits = new Uint8Array(this.hosts.length);
    const ids: number[] = [];
    const total = candidates ? candidates.length : this.hosts.length;
    const texts = this.texts;
    const columns = query.terms.map((t) => (t.kind === 'tag' ? this.tagColumns.get(t.key) : undefined));
    for (let i = 0; i < total; i++) {
      const id = candidates ? candidates[i]! : i;
      let ok = true;
      for (let t = 0; ok && t < query.terms.length; t++) {
        const column = columns[t];
        ok = termMatches(query.terms[t]!, texts[id]!, () => column?.[id]);
      }
      if (ok) {
        bits[id] = 1;
        ids.push(id);
      }
    }
    const matches = { bits, ids: Int32Array.from(ids) };
    this.last = { query, matches };
    return matches;
  }
}

function sameTerms(a: FilterQuery, b: FilterQuery): boolean {
  return a.terms.length === b.terms.length && a.terms.every((t, i) => JSON.stringify(t) === JSON.stringify(b.terms[i]));
}
