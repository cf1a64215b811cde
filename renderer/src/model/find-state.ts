// What the find bar says about a search in scrollback ("3 of 17", no matches, a bad pattern). Pure:
// the bar feeds it the query, its toggles and the search addon's last result event.

export interface FindToggles {
  caseSensitive: boolean;
  regex: boolean;
}

/** The search addon's onDidChangeResults: resultIndex is 0-based, -1 when no match is active. */
export interface FindResults {
  resultIndex: number;
  resultCount: number;
}

/** The search addon highlights (and counts) at most this many matches. */
export const FIND_HIGHLIGHT_LIMIT = 1000;

export type FindStatus =
  | { kind: 'idle' } // nothing typed
  | { kind: 'invalid' } // a regex that does not compile: nothing is searched
  | { kind: 'none' }
  | { kind: 'at'; index: number; count: number; more: boolean }; // "3 of 17", more: "of 1000+"

/** Whether the query can be searched as typed: a regex must compile (the addon would throw). */
export function isSearchable(query: string, toggles: FindToggles): boolean {
  if (!query) return false;
  if (!toggles.regex) return true;
  try {
    new RegExp(query, toggles.caseSensitive ? 'g' : 'gi');
    return true;
  } catch {
    return false;
  }
}

export function findStatus(query: string, toggles: FindToggles, results: FindResults | null): FindStatus {
  if (!query) return { kind: 'idle' };
  if (!isSearchable(query, toggles)) return { kind: 'invalid' };
  if (!results || results.resultCount === 0) return { kind: 'none' };
  return {
    kind: 'at',
    // No active match (the addon lost it past its limit): count from the newest, as the search does.
    index: results.resultIndex >= 0 ? results.resultIndex + 1 : results.resultCount,
    count: results.resultCount,
    more: results.resultCount >= FIND_HIGHLIGHT_LIMIT,
  };
}
