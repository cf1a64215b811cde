// A failed call, worded in the active language: by its reason and params (shared/contract/
// error-reasons.ts) when it has one, else by its code. The words live once, in the `errors`
// catalog (ui/locales/errors/), which loads after the first screen like any area's.
// The i18n instance is used directly, not through a hook, so callbacks and stores can word errors.
import i18next, { type i18n } from 'i18next';
import { sanitizeForDisplay } from '../model/connection-error-text';

export const ERRORS_NAMESPACE = 'errors';

const clip = (text: string) => sanitizeForDisplay(text).slice(0, 300);

interface ErrorFacts {
  code?: unknown;
  reason?: unknown;
  params?: unknown;
  message?: unknown;
}

/** The params to interpolate: text cleaned; a value with words of its own (a state, an action) worded. */
function wordedParams(instance: i18n, params: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!params || typeof params !== 'object') return out;
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    if (typeof value === 'number') out[name] = value;
    else if (typeof value === 'string') {
      const key = `${ERRORS_NAMESPACE}:values.${name}.${value}`;
      out[name] = /^[a-z_-]+$/.test(value) && instance.exists(key) ? instance.t(key) : clip(value);
    }
  }
  return out;
}

/** `error` worded by `instance`'s active language. */
export function errorWording(instance: i18n, error: unknown): string {
  const { code, reason, params, message } = (error && typeof error === 'object' ? error : {}) as ErrorFacts;
  const sentence = typeof message === 'string' ? message : String(error);
  if (!instance.hasLoadedNamespace(ERRORS_NAMESPACE)) void instance.loadNamespaces(ERRORS_NAMESPACE);
  const values = { ...wordedParams(instance, params), message: clip(sentence) };
  for (const key of [typeof reason === 'string' && `reason.${reason}`, typeof code === 'string' && `code.${code}`]) {
    if (key && instance.exists(`${ERRORS_NAMESPACE}:${key}`)) return instance.t(`${ERRORS_NAMESPACE}:${key}`, values);
  }
  // No wording: not a call's error (a bug's TypeError, a failed chunk load), or the catalog has not
  // arrived yet; the sentence is all there is, better than nothing.
  return sentence;
}

/** A failed call's text for people, in the app's language (call sites keep this one signature). */
export const errorText = (error: unknown): string => errorWording(i18next, error);
