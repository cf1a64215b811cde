// Gateway API section "inventory": importing an inventory file from the app, for administrators
// (docs/GATEWAY.md, "Importing an inventory"). The file travels in base64 chunks (`inventory.upload`,
// one API line each, like evidence bundles the other way), kept by the API channel that received
// it; `inventory.preview` plans it against the inventory without writing, and `inventory.apply`
// applies it only while the plan is still the one previewed (its `planHash`). Issues carry codes
// and params; the app words them.
import { z } from 'zod';
import type { EventTable } from '../../rpc/protocol';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

export const IMPORT_FORMATS = ['csv', 'xlsx', 'ansible', 'ssh-config'] as const;
export const IMPORT_MODES = ['all_or_nothing', 'valid_rows'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const INVENTORY_IMPORT_LIMITS = {
  /** The largest file an import takes over the API. */
  fileBytes: 20 * 1024 * 1024,
  /** Raw bytes per upload chunk: base64 makes them 4/3 as long, well within an API line (1 MiB). */
  chunkBytes: 512 * 1024,
  nameChars: 255,
} as const;

/** Why a row (or the file) cannot be imported; `params` fill in the words. */
export const IMPORT_ISSUE_CODES = [
  'file_unreadable', // params: detail
  'file_empty',
  'column_unknown', // column, known
  'column_twice', // column
  'column_missing', // column
  'name_repeated', // name, places
  'name_removed', // name
  'address_missing',
  'address_invalid', // address
  'port_invalid', // port
  'port_range', // port
  'port_mismatch', // port, address
  'tag_syntax', // text
  'tag_twice', // key
  'login_invalid', // login
  'field_invalid', // detail
  'vars_syntax', // text
  'host_range',
  'proxy_unsupported', // option
  'include_too_deep', // max
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

/** Entries left out on purpose, not errors. */
export const IMPORT_SKIP_CODES = ['host_pattern', 'include_unreadable', 'include_not_followed'] as const;
export type ImportSkipCode = (typeof IMPORT_SKIP_CODES)[number];

const Params = z.record(z.string(), z.union([z.string(), z.number()]));

/** Where in the file: the text the CLI prints ("line 4", "row 7", "host web-01", "FILE line 12") and its number. */
const Where = { where: z.string(), line: z.number().int().positive().optional() };

export const ImportPlanSchema = z.object({
  format: z.enum(IMPORT_FORMATS),
  hosts: z.array(
    z.object({
      ...Where,
      name: z.string(),
      address: z.string(),
      action: z.enum(['add', 'change', 'unchanged']),
      /** What a change changes: address, node, tags, logins. */
      fields: z.array(z.string()).optional(),
    }),
  ),
  issues: z.array(z.object({ ...Where, host: z.string().optional(), field: z.string(), code: z.enum(IMPORT_ISSUE_CODES), params: Params })),
  skipped: z.array(z.object({ ...Where, code: z.enum(IMPORT_SKIP_CODES), params: Params })),
  /** `invalid`: rows with errors. An import adds and updates; it never removes a host. */
  counts: z.object({ add: z.number().int(), change: z.number().int(), unchanged: z.number().int(), invalid: z.number().int() }),
  /** The plan's fingerprint: `inventory.apply` applies only while the plan is still this one. */
  planHash: z.string(),
  applied: z.boolean(),
  /** Apply only: the plan is no longer the one previewed (the inventory changed); nothing was written, this is the new plan. */
  stale: z.boolean(),
});
export type ImportPlan = z.infer<typeof ImportPlanSchema>;

const FileRef = {
  upload: z.string().min(1).max(64),
  /** The file's name: the format is read from its extension, and the audit row names it. */
  name: z.string().min(1).max(INVENTORY_IMPORT_LIMITS.nameChars),
  format: z.enum(IMPORT_FORMATS).optional(),
};

const admin = { roles: ['admin'] } as const;

export const inventoryImportMethods = {
  /** A chunk of the file (base64); without `upload` a new upload starts (the channel's previous one is dropped). */
  'inventory.upload': {
    params: z.object({ upload: z.string().min(1).max(64).optional(), data: z.base64().max(Math.ceil(INVENTORY_IMPORT_LIMITS.chunkBytes / 3) * 4) }).strict(),
    result: z.object({ upload: z.string(), bytes: z.number().int() }),
    policy: admin,
  },
  /** The plan of the uploaded file against the inventory now; writes nothing. */
  'inventory.preview': { params: z.object(FileRef).strict(), result: ImportPlanSchema, policy: admin },
  /** Applies the uploaded file in one transaction (every row, or none; or the valid rows), audited. */
  'inventory.apply': {
    params: z.object({ ...FileRef, mode: z.enum(IMPORT_MODES), planHash: z.string().min(1).max(128) }).strict(),
    result: ImportPlanSchema,
    policy: admin,
  },
  /** The template of the documented columns: CSV text and an XLSX workbook (base64). */
  'inventory.template': { params: z.object({}).strict(), result: z.object({ columns: z.array(z.string()), csv: z.string(), xlsx: z.string() }), policy: admin },
} satisfies GatewayMethodTable;

export const inventoryImportSection = { methods: inventoryImportMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;
