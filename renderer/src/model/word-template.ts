// A message worded once per language and filled per item (a tree row's address and target): the
// translate call, its key lookup and interpolation, run once, not once per row on every render.
import type { Translate } from './locale';

// Private-use characters: no catalog uses them, so they mark where each variable goes.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARK = new RegExp(`${OPEN}(\\d+)${CLOSE}`);

/**
 * The message `key` with the variables `names` left open; the returned function fills them in.
 * For messages chosen by no variable (no plural or context: those pick their text by value).
 */
export function wordTemplate<Name extends string>(t: Translate, key: string, names: readonly Name[]): (values: Record<Name, string>) => string {
  const worded = t(key, Object.fromEntries(names.map((name, i) => [name, `${OPEN}${i}${CLOSE}`])));
  // split with a capture group alternates text and variable index: text, index, text, …
  const parts = worded.split(MARK);
  return (values) => {
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) out += values[names[Number(parts[i])]!] + parts[i + 1]!;
    return out;
  };
}
