// How the live sessions view words what the gateway and the main side send as codes and facts:
// a session's end cause, why a subscription ended, a refused request, a byte count. Pure (the
// Locale is passed in); text that came from the gateway is stripped of control characters.
import type { SessionOutputData } from '../../../shared/contract/gateway-api/live';
import type { SubscriptionEndReason } from '../../../shared/contract/gateway-api/events';
import { sanitizeForDisplay } from '../model/connection-error-text';
import type { Locale } from '../model/locale';

type Ended = Extract<SessionOutputData, { kind: 'ended' }>;

const clip = (text: string | undefined) => sanitizeForDisplay(text ?? '').slice(0, 500);

/** "Terminated by sam: change window closed", "Ended by the user", … */
export function sessionEndText(ended: Ended, { t }: Locale): string {
  const facts = { by: clip(ended.by) || t('live:ended.someone'), reason: clip(ended.reason) };
  if (ended.endedBy === 'terminated') return t(facts.reason ? 'live:ended.terminatedWhy' : 'live:ended.terminated', facts);
  const cause = t(`live:ended.cause.${ended.endedBy}`);
  return facts.reason ? t('live:ended.causeWhy', { cause, reason: facts.reason }) : cause;
}

/** Why a subscription stopped for good (fell_behind is resubscribed, never shown). */
export function subscriptionEndText(reason: SubscriptionEndReason | 'failed', error: unknown, locale: Locale): string {
  if (reason === 'failed') return gatewayErrorText(error, locale);
  return locale.t(`live:subscriptionEnded.${reason}`);
}

/** A refused or failed request, by its code; the gateway's own sentence (who may) is kept for `denied`. */
export function gatewayErrorText(error: unknown, { t }: Locale): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const facts = { message: clip(message) };
  switch (code) {
    case 'denied':
      return t('live:errors.denied', facts);
    case 'not_found':
      return t('live:errors.notFound');
    case 'not_connected':
      return t('live:errors.notConnected');
    case 'bad_request':
      return t('live:errors.badRequest', facts);
    default:
      return t('live:errors.other', facts);
  }
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** "512 bytes", "1.5 MB", as the language writes them. */
export function formatBytes(bytes: number, language: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: UNITS[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: 1 }).format(value);
}
