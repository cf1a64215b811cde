// The request-access dialog's fields as typed, checked with the client contract's own schema (so
// what passes here passes the main side) and worded per field (./form-errors).
import { ClientAccessRequestSchema, type ClientAccessRequest } from '../../../shared/contract/client-api/access';
import { DURATION_PRESETS, parseDuration } from './access';
import { fieldErrors, type FieldErrors } from './form-errors';
import type { Locale } from './locale';

export type DurationChoice = (typeof DURATION_PRESETS)[number]['id'] | 'custom';

export interface RequestForm {
  hosts: string;
  login: string;
  duration: DurationChoice;
  /** The custom duration as typed ("90m", "1h30m", "2d"). */
  custom: string;
  reason: string;
}

export const emptyRequestForm = (hosts = '', login = ''): RequestForm => ({ hosts, login, duration: '1h', custom: '', reason: '' });

export type RequestCheck = { ok: true; params: ClientAccessRequest } | { ok: false; errors: FieldErrors };

/** The params `access.requests.create` takes, or each wrong field's message (the custom duration's under `custom`). */
export function checkRequestForm(form: RequestForm, locale: Locale): RequestCheck {
  const preset = DURATION_PRESETS.find((p) => p.id === form.duration);
  const durationMs = preset ? preset.ms : parseDuration(form.custom);
  const candidate = { hosts: form.hosts.trim(), login: form.login.trim(), durationMs: durationMs ?? Number.NaN, reason: form.reason };
  const parsed = ClientAccessRequestSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, params: parsed.data };

  const others = parsed.error.issues.filter((issue) => issue.path[0] !== 'durationMs');
  const errors: Record<string, string> = { ...fieldErrors(others, locale, { login: locale.t('access:request.loginHint') }) };
  // The window in the words it is typed in, not in milliseconds.
  if (durationMs === null) errors.custom = locale.t(form.custom.trim() ? 'access:request.durationHint' : 'model:form.required');
  else if (!ClientAccessRequestSchema.shape.durationMs.safeParse(durationMs).success) errors.custom = locale.t('access:request.durationRange');
  return { ok: false, errors };
}
