// XLSX inventories, read by exceljs: the first sheet, same columns as CSV.
import ExcelJS from 'exceljs';
import { tableToCandidates, type TableRow } from './tabular';
import type { ParsedInventory } from './types';

export async function parseXlsxInventory(data: Buffer): Promise<ParsedInventory> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (error) {
    return { hosts: [], issues: [{ where: 'file', field: 'xlsx', code: 'file_unreadable', params: { detail: (error as Error).message }, message: `not a readable XLSX workbook: ${(error as Error).message}` }], skipped: [] };
  }
  const sheet = workbook.worksheets[0];
  const rows: TableRow[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(row.getCell(i).text);
    rows.push({ where: `row ${number}`, cells });
  });
  if (rows.length === 0) return { hosts: [], issues: [{ where: 'file', field: 'header', code: 'file_empty', params: {}, message: 'the first sheet is empty: expected a header row (name,address,node,tags,logins)' }], skipped: [] };
  return tableToCandidates(rows[0]!, rows.slice(1));
}
