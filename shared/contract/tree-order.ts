// The order of the machine/service tree, shared by the renderer's tree (renderer/src/model/host-tree)
// and the host list's head (./host-table-head), which must agree on which rows come first.

/** The group of hosts that sit in no node of the tree. */
export const UNGROUPED_LABEL = 'Ungrouped';

/** "web-10" sorts after "web-2": digit runs are padded so plain string order is natural order. */
export function naturalKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(12, '0'));
}

/** Sibling groups by label in natural order; labels equal in it ("Web", "web") by plain order, so the order is total. */
export function compareLabels(a: string, b: string): number {
  const ka = naturalKey(a);
  const kb = naturalKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
