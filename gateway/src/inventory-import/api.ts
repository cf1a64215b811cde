// API handlers of inventory import (admin only: the contract's policy is checked before these run).
// The file arrives in chunks kept by this API channel (one upload at a time, at most
// INVENTORY_IMPORT_LIMITS.fileBytes; gone with the channel), then goes through the CLI's path:
// importInventoryData, as a dry run for the preview, for real (with the previewed plan's hash) to apply.
import { why } from '../../../shared/contract/error-reasons';
import { randomBytes } from 'node:crypto';
import { INVENTORY_IMPORT_LIMITS, type ImportPlan, type inventoryImportMethods } from '../../../shared/contract/gateway-api/inventory-import';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { RpcError } from '../../../shared/rpc/protocol';
import type { ApiAreaDeps, ApiContext } from '../api-area';
import { importInventoryData, ImportError, type ImportReport } from './import';
import { templateColumns, templateCsv, templateXlsx } from './template';

type Methods = typeof inventoryImportMethods;

const MIB = 1024 * 1024;

/** "line 4", "row 7", "FILE line 12" → 4, 7, 12 (a host or the whole file has none). */
const lineOf = (where: string): { line?: number } => {
  const match = /\b(?:line|row) (\d+)$/.exec(where);
  return match ? { line: Number(match[1]) } : {};
};

/** The report as the app reads it: codes and params, no English. */
export function planOf(report: ImportReport): ImportPlan {
  return {
    format: report.format,
    hosts: report.hosts.map((h) => ({ ...h, ...lineOf(h.where) })),
    issues: report.issues.map(({ message: _words, ...issue }) => ({ ...issue, ...lineOf(issue.where) })),
    skipped: report.skipped.map(({ reason: _words, ...skip }) => ({ ...skip, ...lineOf(skip.where) })),
    counts: report.counts,
    planHash: report.planHash,
    applied: report.applied,
    stale: report.stale,
  };
}

export function inventoryImportApi({ store }: ApiAreaDeps): Handlers<Methods, ApiContext> {
  let upload: { id: string; chunks: Buffer[]; bytes: number } | undefined;
  const uploaded = (id: string): Buffer => {
    if (upload?.id !== id) throw new RpcError('not_found', 'no such upload on this connection: send the file again', why('import.upload_not_found'));
    return Buffer.concat(upload.chunks);
  };
  const run = async (params: { upload: string; name: string; format?: ImportPlan['format'] }, options: { dryRun: boolean; validOnly?: boolean; planHash?: string }, ctx: ApiContext) => {
    try {
      return planOf(await importInventoryData(store, { name: params.name, data: uploaded(params.upload) }, { format: params.format, actor: ctx.user.name, ...options }));
    } catch (error) {
      if (error instanceof ImportError) throw new RpcError('bad_request', error.message);
      throw error;
    }
  };
  return {
    'inventory.upload': (params) => {
      const data = Buffer.from(params.data, 'base64');
      if (params.upload === undefined) upload = { id: randomBytes(12).toString('base64url'), chunks: [], bytes: 0 };
      else if (upload?.id !== params.upload) throw new RpcError('not_found', 'no such upload on this connection: send the file again', why('import.upload_not_found'));
      if (upload.bytes + data.length > INVENTORY_IMPORT_LIMITS.fileBytes) {
        upload = undefined;
        throw new RpcError('bad_request', `the file is larger than ${INVENTORY_IMPORT_LIMITS.fileBytes / MIB} MiB: split it, or import it with the gateway's CLI`, why('import.too_large', { mib: INVENTORY_IMPORT_LIMITS.fileBytes / MIB }));
      }
      upload.chunks.push(data);
      upload.bytes += data.length;
      return { upload: upload.id, bytes: upload.bytes };
    },
    'inventory.preview': (params, ctx) => run(params, { dryRun: true }, ctx),
    'inventory.apply': ({ mode, planHash, ...params }, ctx) => run(params, { dryRun: false, validOnly: mode === 'valid_rows', planHash }, ctx),
    'inventory.template': async () => ({ columns: templateColumns(), csv: templateCsv(), xlsx: (await templateXlsx()).toString('base64') }),
  };
}
