// CSV and XLSX share one table layout: a header row naming the columns (any order), one host a row.
import type { CandidateHost, ImportIssue, ParsedInventory } from './types';

export const TABLE_COLUMNS = ['name', 'address', 'port', 'node', 'tags', 'logins'] as const;
type Column = (typeof TABLE_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['name', 'address'];

export interface TableRow {
  where: string;
  cells: string[];
}

/** Several values in one cell (`root;deploy`, `env=prod;role=web`), blanks dropped. */
export function splitList(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Reads the header, then each row; a bad header (unknown, missing or repeated column) fails the whole file. */
export function tableToCandidates(header: { where: string; cells: string[] }, rows: readonly TableRow[]): ParsedInventory {
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const issues: ImportIssue[] = [];
  names.forEach((name, i) => {
    if (name === '' && rows.every((r) => (r.cells[i] ?? '').trim() === '')) return; // a trailing empty column
    if (!(TABLE_COLUMNS as readonly string[]).includes(name)) issues.push({ where: header.where, field: name || `column ${i + 1}`, code: 'column_unknown', params: { column: header.cells[i] ?? '', known: TABLE_COLUMNS.join(', ') }, message: `unknown column "${header.cells[i]}" (known: ${TABLE_COLUMNS.join(', ')})` });
    else if (names.indexOf(name) !== i) issues.push({ where: header.where, field: name, code: 'column_twice', params: { column: name }, message: `column "${name}" appears twice` });
  });
  for (const required of REQUIRED) if (!names.includes(required)) issues.push({ where: header.where, field: required, code: 'column_missing', params: { column: required }, message: `missing column "${required}"` });
  if (issues.length > 0) return { hosts: [], issues, skipped: [] };

  const at = (row: TableRow, column: Column): string | undefined => {
    const i = names.indexOf(column);
    return i < 0 ? undefined : row.cells[i]?.trim();
  };
  const hosts: CandidateHost[] = rows
    .filter((row) => row.cells.some((c) => c.trim() !== ''))
    .map((row) => ({
      where: row.where,
      name: at(row, 'name') ?? '',
      address: at(row, 'address') ?? '',
      port: at(row, 'port') || undefined,
      nodes: splitList(at(row, 'node')),
      tags: splitList(at(row, 'tags')),
      logins: splitList(at(row, 'logins')),
    }));
  return { hosts, issues: [], skipped: [] };
}
