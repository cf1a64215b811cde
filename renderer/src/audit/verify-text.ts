// What "Verify the chain" tells the reviewer, worded from the gateway's answer. Pure.
import type { z } from 'zod';
import type { AuditVerifySchema } from '../../../shared/contract/gateway-api/review';
import { sanitizeForDisplay } from '../model/connection-error-text';
import type { Locale } from '../model/locale';

export type AuditVerify = z.infer<typeof AuditVerifySchema>;

export function verifyText(result: AuditVerify, { t, language }: Locale): string {
  const entries = new Intl.NumberFormat(language).format(result.entries);
  if (result.ok) return t('audit:verify.ok', { entries, head: result.head });
  return t('audit:verify.altered', { seq: result.seq, entries, problem: sanitizeForDisplay(result.problem).slice(0, 500) });
}
