// Which parser reads a file: --format, else the extension, else a look at the content.
import { basename, extname } from 'node:path';
import type { InventoryFormat } from './types';

const BY_EXTENSION: Record<string, InventoryFormat> = {
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.ini': 'ansible',
  '.yml': 'ansible',
  '.yaml': 'ansible',
  '.json': 'ansible',
  '.conf': 'ssh-config',
};

/** The format of `file`, or undefined when neither its name nor its start tell. */
export function detectFormat(file: string, data: Buffer): InventoryFormat | undefined {
  const byExtension = BY_EXTENSION[extname(file).toLowerCase()];
  if (byExtension) return byExtension;
  if (basename(file) === 'config' || basename(file) === 'ssh_config') return 'ssh-config';
  if (data.subarray(0, 2).toString('latin1') === 'PK') return 'xlsx'; // a zip: XLSX is one
  const firstLine = data
    .subarray(0, 4096)
    .toString('utf8')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#') && !l.startsWith(';'));
  if (firstLine === undefined) return undefined;
  if (/^(host|match|include)[\s=]/i.test(firstLine)) return 'ssh-config';
  if (/^\[[^\]]+\]$/.test(firstLine) || /^(all|---)\s*:?$/.test(firstLine) || firstLine.startsWith('{')) return 'ansible';
  if (/(^|,)\s*"?name"?\s*(,|$)/i.test(firstLine)) return 'csv';
  return undefined;
}
