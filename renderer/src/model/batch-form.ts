// The batch run dialog's fields as the user typed them, checked field by field (a code per field,
// worded by the batch area's catalog), and turned into the settings `batch.start` takes. The same
// limits as the contract (shared/contract/gateway-api/batch.ts), so what passes here passes there.
import { BATCH_LIMITS, type BatchSettingsInput } from '../../../shared/contract/gateway-api/batch';
import { amountProblem, serialProblem, type SerialProblem } from '../../../shared/contract/client-api/batch';

export type UnreachablePolicy = 'failure' | 'ignore' | 'threshold';

export interface BatchForm {
  selector: string;
  /** Empty: each host's only granted login. */
  login: string;
  mode: 'command' | 'script';
  command: string;
  script: string;
  parallel: string;
  /** Empty: one wave. */
  serial: string;
  maxFail: string;
  waveMaxFail: string;
  unreachable: UnreachablePolicy;
  unreachableMaxFail: string;
  timeoutSec: string;
  canaryDiff: boolean;
}

export const EMPTY_BATCH_FORM: BatchForm = {
  selector: '',
  login: '',
  mode: 'command',
  command: '',
  script: '',
  parallel: '10',
  serial: '',
  maxFail: '',
  waveMaxFail: '',
  unreachable: 'failure',
  unreachableMaxFail: '',
  timeoutSec: '300',
  canaryDiff: true,
};

export type BatchField = 'selector' | 'login' | 'command' | 'script' | 'parallel' | 'serial' | 'maxFail' | 'waveMaxFail' | 'unreachableMaxFail' | 'timeoutSec';

/** Why a field is wrong; `min`/`max` for the wording. */
export type FieldProblem = { code: 'required' | 'too_long' | 'whole_number' | 'range' | SerialProblem; min?: number; max?: number };

export type FormCheck = { ok: true; settings: BatchSettingsInput } | { ok: false; problems: Partial<Record<BatchField, FieldProblem>> };

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

function wholeNumber(text: string, min: number, max: number): FieldProblem | number {
  if (!/^\s*\d+\s*$/.test(text)) return { code: 'whole_number' };
  const n = Number(text);
  return n < min || n > max ? { code: 'range', min, max } : n;
}

export function checkBatchForm(form: BatchForm): FormCheck {
  const problems: Partial<Record<BatchField, FieldProblem>> = {};
  const selector = form.selector.trim();
  if (!selector) problems.selector = { code: 'required' };
  else if (selector.length > 4096) problems.selector = { code: 'too_long', max: 4096 };
  const login = form.login.trim();
  if (login.length > 64) problems.login = { code: 'too_long', max: 64 };

  const bodyField = form.mode;
  const body = form.mode === 'command' ? form.command.trim() : form.script;
  const bodyMax = form.mode === 'command' ? BATCH_LIMITS.maxCommandBytes : BATCH_LIMITS.maxScriptBytes;
  if (!body.trim()) problems[bodyField] = { code: 'required' };
  else if (utf8Bytes(body) > bodyMax) problems[bodyField] = { code: 'too_long', max: bodyMax };

  const parallel = wholeNumber(form.parallel, 1, BATCH_LIMITS.maxParallel);
  if (typeof parallel !== 'number') problems.parallel = parallel;
  const timeoutSec = wholeNumber(form.timeoutSec, 1, BATCH_LIMITS.maxTimeoutSec);
  if (typeof timeoutSec !== 'number') problems.timeoutSec = timeoutSec;

  const serial = form.serial.trim();
  const serialCode = serial ? serialProblem(serial) : null;
  if (serialCode) problems.serial = { code: serialCode };
  const amounts = { maxFail: form.maxFail.trim(), waveMaxFail: form.waveMaxFail.trim(), unreachableMaxFail: form.unreachableMaxFail.trim() };
  for (const field of ['maxFail', 'waveMaxFail', 'unreachableMaxFail'] as const) {
    const code = amounts[field] ? amountProblem(amounts[field]) : null;
    if (code) problems[field] = { code };
  }
  if (form.unreachable === 'threshold' && !amounts.unreachableMaxFail) problems.unreachableMaxFail = { code: 'required' };

  if (Object.keys(problems).length || typeof parallel !== 'number' || typeof timeoutSec !== 'number') return { ok: false, problems };
  return {
    ok: true,
    settings: {
      selector,
      ...(login && { login }),
      ...(form.mode === 'command' ? { command: body } : { script: body }),
      parallel,
      timeoutSec,
      ...(serial && { serial }),
      ...(amounts.maxFail && { maxFail: amounts.maxFail }),
      ...(amounts.waveMaxFail && { waveMaxFail: amounts.waveMaxFail }),
      unreachable: form.unreachable,
      ...(form.unreachable === 'threshold' && { unreachableMaxFail: amounts.unreachableMaxFail }),
      canaryDiff: form.canaryDiff,
    },
  };
}

/** The form for a job's settings again (rerun, or a new job like an old one). */
export function formFromSettings(s: BatchSettingsInput): BatchForm {
  return {
    ...EMPTY_BATCH_FORM,
    selector: s.selector,
    login: s.login ?? '',
    mode: s.script !== undefined ? 'script' : 'command',
    command: s.command ?? '',
    script: s.script ?? '',
    parallel: String(s.parallel ?? 10),
    serial: s.serial ?? '',
    maxFail: s.maxFail ?? '',
    waveMaxFail: s.waveMaxFail ?? '',
    unreachable: s.unreachable ?? 'failure',
    unreachableMaxFail: s.unreachableMaxFail ?? '',
    timeoutSec: String(s.timeoutSec ?? 300),
    canaryDiff: s.canaryDiff ?? true,
  };
}
