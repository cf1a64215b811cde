// An import from start to end: read, parse, validate, plan, then apply in one SQLite transaction
// (all-or-nothing unless validOnly) with one audit row. A dry run stops after the plan.
import { readFileSync } from 'node:fs';
import { removedHostName } from '../admin';
import type { Store } from '../store';
import { parseAnsibleInventory } from './ansible';
import { parseCsvInventory } from './csv';
import { detectFormat } from './detect';
import { planImport, type PlannedHost } from './plan';
import { parseSshConfigInventory } from './ssh-config';
import { INVENTORY_FORMATS, type ImportIssue, type InventoryFormat, type ParsedInventory, type SkippedEntry } from './types';
import { validateCandidates } from './validate';
import { parseXlsxInventory } from './xlsx';

export interface ImportOptions {
  file: string;
  format?: InventoryFormat;
  dryRun?: boolean;
  /** Apply the valid rows even when others have errors (default: any error applies nothing). */
  validOnly?: boolean;
  /** Who runs it, for the audit log. */
  actor: string;
}

export interface ImportReport {
  file: string;
  format: InventoryFormat;
  hosts: Array<{ where: string; name: string; address: string; action: PlannedHost['action']; fields?: string[] }>;
  issues: ImportIssue[];
  skipped: SkippedEntry[];
  counts: { add: number; change: number; unchanged: number; invalid: number };
  applied: boolean;
}

/** A file that cannot be imported at all (unreadable, unknown format). */
export class ImportError extends Error {}

export async function importInventory(store: Store, options: ImportOptions): Promise<ImportReport> {
  let data: Buffer;
  try {
    data = readFileSync(options.file);
  } catch (error) {
    throw new ImportError(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const format = options.format ?? detectFormat(options.file, data);
  if (!format) throw new ImportError(`cannot tell the format of ${options.file}: pass --format ${INVENTORY_FORMATS.join('|')}`);
  const parsed = await parse(format, options.file, data);
  const { valid: checked, issues: invalid } = validateCandidates(parsed.hosts);

  return store.db.transaction((): ImportReport => {
    const taken = checked.filter((h) => store.hosts.isRemoved(h.name));
    const valid = checked.filter((h) => !taken.includes(h));
    const issues = [...parsed.issues, ...invalid, ...taken.map((h) => ({ where: h.where, host: h.name, field: 'name', message: removedHostName(h.name) }))];
    const apply = !options.dryRun && (issues.length === 0 || options.validOnly === true);
    const existing = new Map(store.hosts.inventory().map((h) => [h.name, h]));
    const plan = planImport(valid, existing);
    const counts = {
      add: plan.filter((p) => p.action === 'add').length,
      change: plan.filter((p) => p.action === 'change').length,
      unchanged: plan.filter((p) => p.action === 'unchanged').length,
      invalid: new Set(issues.map((i) => i.where)).size,
    };
    if (apply) {
      for (const p of plan) {
        if (p.action === 'add') store.hosts.create(p.spec);
        else if (p.action === 'change') store.hosts.update(p.hostId, p.changes);
      }
    }
    if (!options.dryRun) {
      store.audit.record({
        type: 'inventory.imported',
        actor: options.actor,
        data: { file: options.file, format, mode: options.validOnly ? 'valid-only' : 'all-or-nothing', applied: apply, added: counts.add, changed: counts.change, unchanged: counts.unchanged, invalid: counts.invalid },
      });
    }
    return {
      file: options.file,
      format,
      hosts: plan.map((p) => ({ where: p.spec.where, name: p.spec.name, address: p.spec.address, action: p.action, ...(p.action === 'change' ? { fields: p.fields } : {}) })),
      issues,
      skipped: parsed.skipped,
      counts,
      applied: apply,
    };
  }).immediate();
}

function parse(format: InventoryFormat, file: string, data: Buffer): ParsedInventory | Promise<ParsedInventory> {
  switch (format) {
    case 'csv':
      return parseCsvInventory(data.toString('utf8'));
    case 'xlsx':
      return parseXlsxInventory(data);
    case 'ansible':
      return parseAnsibleInventory(data.toString('utf8'));
    case 'ssh-config':
      return parseSshConfigInventory(file, (f) => (f === file ? data.toString('utf8') : readFileSync(f, 'utf8')));
  }
}
