// An import from start to end: read, parse, validate, plan, then apply in one SQLite transaction
// (all-or-nothing unless validOnly) with one audit row. A dry run stops after the plan. The CLI
// imports a file (importInventory), the API the bytes an admin sent (importInventoryData): one path.
import { createHash } from 'node:crypto';
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
  /** Apply only if the plan is still this one (ImportReport.planHash of a dry run); else nothing is written and the report is `stale`. */
  planHash?: string;
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
  /** A fingerprint of the plan and its issues: equal while the file would change the inventory the same way. */
  planHash: string;
  /** The plan differs from the one given (`planHash`): the inventory or the file changed; nothing was written. */
  stale: boolean;
}

/** The bytes of an inventory file, named (for its format and the audit row). */
export interface ImportSource {
  name: string;
  data: Buffer;
  /** Reads the files an ssh_config includes; without it, Include is not followed. */
  readInclude?: (file: string) => string;
}

/** A file that cannot be imported at all (unreadable, unknown format). */
export class ImportError extends Error {}

/** The format could not be told from the name or the content. */
export class UnknownFormatError extends ImportError {}

export async function importInventory(store: Store, options: ImportOptions): Promise<ImportReport> {
  let data: Buffer;
  try {
    data = readFileSync(options.file);
  } catch (error) {
    throw new ImportError(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return importInventoryData(store, { name: options.file, data, readInclude: (f) => readFileSync(f, 'utf8') }, options);
}

export async function importInventoryData(store: Store, source: ImportSource, options: Omit<ImportOptions, 'file'>): Promise<ImportReport> {
  const format = options.format ?? detectFormat(source.name, source.data);
  if (!format) throw new UnknownFormatError(`cannot tell the format of ${source.name}: pass --format ${INVENTORY_FORMATS.join('|')}`);
  const parsed = await parse(format, source);
  const { valid: checked, issues: invalid } = validateCandidates(parsed.hosts);

  return store.db.transaction((): ImportReport => {
    const taken = checked.filter((h) => store.hosts.isRemoved(h.name));
    const valid = checked.filter((h) => !taken.includes(h));
    const issues = [...parsed.issues, ...invalid, ...taken.map((h): ImportIssue => ({ where: h.where, host: h.name, field: 'name', code: 'name_removed', params: { name: h.name }, message: removedHostName(h.name) }))];
    const existing = new Map(store.hosts.inventory().map((h) => [h.name, h]));
    const plan = planImport(valid, existing);
    const planHash = hashPlan(plan, issues);
    const stale = options.planHash !== undefined && options.planHash !== planHash;
    const write = !options.dryRun && !stale;
    const apply = write && (issues.length === 0 || options.validOnly === true);
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
    if (write) {
      store.audit.record({
        type: 'inventory.imported',
        actor: options.actor,
        data: { file: source.name, format, mode: options.validOnly ? 'valid-only' : 'all-or-nothing', applied: apply, added: counts.add, changed: counts.change, unchanged: counts.unchanged, invalid: counts.invalid },
      });
    }
    return {
      file: source.name,
      format,
      hosts: plan.map((p) => ({ where: p.spec.where, name: p.spec.name, address: p.spec.address, action: p.action, ...(p.action === 'change' ? { fields: p.fields } : {}) })),
      issues,
      skipped: parsed.skipped,
      counts,
      applied: apply,
      planHash,
      stale,
    };
  }).immediate();
}

/** What the plan would do, host by host (with the inventory's values it builds on), and every issue. */
function hashPlan(plan: readonly PlannedHost[], issues: readonly ImportIssue[]): string {
  const hash = createHash('sha256');
  for (const p of plan) hash.update(JSON.stringify([p.spec.where, p.spec.name, p.action, p.spec.address, p.action === 'change' ? p.changes : null]) + '\n');
  for (const i of issues) hash.update(JSON.stringify([i.where, i.field, i.code, i.params]) + '\n');
  return hash.digest('base64url');
}

function parse(format: InventoryFormat, { name, data, readInclude }: ImportSource): ParsedInventory | Promise<ParsedInventory> {
  switch (format) {
    case 'csv':
      return parseCsvInventory(data.toString('utf8'));
    case 'xlsx':
      return parseXlsxInventory(data);
    case 'ansible':
      return parseAnsibleInventory(data.toString('utf8'));
    case 'ssh-config':
      return parseSshConfigInventory(name, data.toString('utf8'), readInclude);
  }
}
