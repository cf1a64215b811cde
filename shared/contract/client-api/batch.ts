// Client API section "batch": the gateway's batch jobs (docs/GATEWAY.md, "Batch jobs"), passed
// through by the main side. Progress comes as the gateway topic `batch.progress` through
// `gateway.subscribe`. The main side checks more than the gateway's schema does where a mistake
// would only show later (a wave list that is not `1,5,20%`), so the renderer gets `bad_request` at once.
import { batchMethods, BatchSettingsSchema } from '../gateway-api/batch';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

/** Ansible's `serial`: counts or percentages separated by commas (`1,5,20%`), as the gateway reads it. */
export const SERIAL_PATTERN = /^\s*\d{1,6}%?(\s*,\s*\d{1,6}%?)*\s*$/;
export const MAX_SERIAL_VALUES = 32;

export type AmountProblem = 'format' | 'percent_range';
export type SerialProblem = AmountProblem | 'zero' | 'too_many';

/** `5` or `20%`; a percentage is 1 % to 100 %. Null when fine. */
export function amountProblem(amount: string): AmountProblem | null {
  const m = /^\s*(\d{1,6})(%?)\s*$/.exec(amount);
  if (!m) return 'format';
  const n = Number(m[1]);
  return m[2] && (n < 1 || n > 100) ? 'percent_range' : null;
}

/** Each wave's size; no wave of 0 hosts (it would never end). Null when fine. */
export function serialProblem(serial: string): SerialProblem | null {
  if (!SERIAL_PATTERN.test(serial)) return 'format';
  const parts = serial.split(',');
  if (parts.length > MAX_SERIAL_VALUES) return 'too_many';
  for (const part of parts) {
    const problem = amountProblem(part);
    if (problem) return problem;
    if (Number.parseInt(part, 10) === 0) return 'zero';
  }
  return null;
}

const amountOk = (a: string | undefined) => a === undefined || amountProblem(a) === null;

/** What `batch.start` accepts from the renderer: the gateway's settings, with waves and limits checked here too. */
export const ClientBatchSettingsSchema = BatchSettingsSchema.refine((s) => s.serial === undefined || serialProblem(s.serial) === null, {
  message: 'serial is up to 32 wave sizes, counts or percentages (1,5,20%), none 0 and none over 100%',
  path: ['serial'],
}).refine((s) => amountOk(s.maxFail) && amountOk(s.waveMaxFail) && amountOk(s.unreachableMaxFail), {
  message: 'a failure limit is a count (3) or a percentage from 1% to 100% (10%)',
});

export const batchClientMethods = {
  'batch.preview': batchMethods['batch.preview'],
  'batch.start': { params: ClientBatchSettingsSchema, result: batchMethods['batch.start'].result },
  'batch.get': batchMethods['batch.get'],
  'batch.list': batchMethods['batch.list'],
  'batch.control': batchMethods['batch.control'],
  'batch.output': batchMethods['batch.output'],
} satisfies MethodTable;

export const batchClientEvents = {} satisfies EventTable;

export const batchClientSection = { methods: batchClientMethods, events: batchClientEvents } satisfies ApiSection;
export type BatchClientMethods = typeof batchClientMethods;
