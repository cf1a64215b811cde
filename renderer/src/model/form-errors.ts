// Form validation in plain words, per field: zod's issues (path + code + bounds) become one
// catalog message per field, to show beside that field. Every form maps its schema's issues here,
// so a bound reads the same everywhere ("At most 64 characters"), never zod's own English.
import type { Locale } from './locale';

/** One message per field, keyed by the issue's path joined with '.'; '' is the form as a whole. */
export type FieldErrors = Readonly<Record<string, string>>;

/** What is read of an issue: zod's own, or one that crossed the API (FieldIssue). */
export interface Issue {
  code: string;
  path: readonly PropertyKey[];
  origin?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/**
 * @param formatHints what a field must look like, worded by its form (e.g. "a host name, without
 *   spaces"), for pattern failures that no generic message can explain; keyed like FieldErrors.
 */
export function fieldErrors(issues: readonly Issue[], locale: Locale, formatHints: Readonly<Record<string, string>> = {}): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    // The first problem of a field is the one to fix first; one message a field.
    if (field in out) continue;
    out[field] = issueText(issue, locale, formatHints[field]);
  }
  return out;
}

function issueText(issue: Issue, { t, language }: Locale, formatHint: string | undefined): string {
  const number = (n: number | bigint) => new Intl.NumberFormat(language).format(n);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('model:form.required') : t('model:form.minLength', { count: Number(issue.minimum) });
      if (issue.origin === 'number') return t('model:form.min', { min: number(issue.minimum ?? 0) });
      return t('model:form.invalid');
    case 'too_big':
      if (issue.origin === 'string') return t('model:form.maxLength', { count: Number(issue.maximum) });
      if (issue.origin === 'number') return t('model:form.max', { max: number(issue.maximum ?? 0) });
      return t('model:form.invalid');
    case 'invalid_type':
      if (issue.expected === 'int') return t('model:form.wholeNumber');
      if (issue.expected === 'number') return t('model:form.number');
      return t('model:form.invalid');
    case 'not_multiple_of':
      return t('model:form.wholeNumber');
    case 'invalid_format':
      return formatHint ?? t('model:form.format');
    case 'invalid_value':
      return t('model:form.choose');
    default:
      return t('model:form.invalid');
  }
}
