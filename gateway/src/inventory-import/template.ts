// The import template an admin downloads: the documented columns (TABLE_COLUMNS) and two example
// rows, as CSV text and as an XLSX workbook (written by exceljs, read back by the XLSX parser).
import ExcelJS from 'exceljs';
import { TABLE_COLUMNS } from './tabular';

const EXAMPLE_ROWS: ReadonlyArray<Record<(typeof TABLE_COLUMNS)[number], string>> = [
  { name: 'web-01', address: '10.0.0.5', port: '22', node: 'pay/web/api/v1', tags: 'env=prod;role=web', logins: 'root;deploy' },
  { name: 'db-01', address: 'db.internal', port: '5432', node: 'pay/db', tags: 'env=prod;role=db', logins: 'postgres' },
];

const rows = (): string[][] => [[...TABLE_COLUMNS], ...EXAMPLE_ROWS.map((row) => TABLE_COLUMNS.map((c) => row[c]))];

export function templateCsv(): string {
  return rows().map((cells) => cells.join(',')).join('\n') + '\n';
}

export async function templateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('hosts');
  for (const cells of rows()) sheet.addRow(cells);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const templateColumns = (): string[] => [...TABLE_COLUMNS];
