// CSV inventories, parsed by csv-parse (quotes, embedded commas and newlines, a BOM).
import { parse } from 'csv-parse/sync';
import { tableToCandidates, type TableRow } from './tabular';
import type { ParsedInventory } from './types';

export function parseCsvInventory(text: string): ParsedInventory {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    return { hosts: [], issues: [{ where: 'file', field: 'csv', code: 'file_unreadable', params: { detail: (error as Error).message }, message: (error as Error).message }], skipped: [] };
  }
  if (records.length === 0) return { hosts: [], issues: [{ where: 'file', field: 'header', code: 'file_empty', params: {}, message: 'empty file: expected a header row (name,address,node,tags,logins)' }], skipped: [] };
  const rows: TableRow[] = records.map((r) => ({ where: `line ${r.info.lines}`, cells: r.record }));
  return tableToCandidates(rows[0]!, rows.slice(1));
}
