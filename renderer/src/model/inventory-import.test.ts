import { describe, expect, it } from 'vitest';
import type { ImportPlan } from '../../../shared/contract/gateway-api/inventory-import';
import { canApply, chunksOf, fromBase64, planRows, toBase64 } from './inventory-import';

const plan = (over: Partial<ImportPlan>): ImportPlan => ({ format: 'csv', hosts: [], issues: [], skipped: [], counts: { add: 0, change: 0, unchanged: 0, invalid: 0 }, planHash: 'h', applied: false, stale: false, ...over });

describe('inventory import (app side)', () => {
  it('cuts a file into chunks that join back to the same bytes through base64', () => {
    const bytes = Uint8Array.from({ length: 100_001 }, (_, i) => (i * 7) % 256);
    const chunks = chunksOf(bytes, 32_768);
    expect(chunks.map((c) => c.length)).toEqual([32_768, 32_768, 32_768, 1697]);
    const joined = chunks.flatMap((c) => [...fromBase64(toBase64(c))]);
    expect(joined).toEqual([...bytes]);
    expect(chunksOf(new Uint8Array(0), 10)).toHaveLength(1);
  });

  it('lists adds, then changes, then unchanged hosts, each in file order', () => {
    const host = (name: string, action: 'add' | 'change' | 'unchanged') => ({ where: name, name, address: 'a:22', action });
    expect(planRows(plan({ hosts: [host('u1', 'unchanged'), host('c1', 'change'), host('a1', 'add'), host('a2', 'add')] })).map((h) => h.name)).toEqual(['a1', 'a2', 'c1', 'u1']);
  });

  it('all-or-nothing cannot apply once a row has an error; valid rows can while something changes', () => {
    const withError = plan({ counts: { add: 2, change: 0, unchanged: 0, invalid: 1 }, issues: [{ where: 'line 4', field: 'tags', code: 'tag_syntax', params: {} }] });
    expect(canApply(withError, 'all_or_nothing')).toBe(false);
    expect(canApply(withError, 'valid_rows')).toBe(true);
    expect(canApply(plan({ counts: { add: 0, change: 0, unchanged: 3, invalid: 0 } }), 'valid_rows')).toBe(false);
  });
});
