// What the user reads when a gateway connection attempt fails or the connection drops. The main
// side sends a code and its facts (shared/contract/client-api/connection.ts); this is the one
// place that words them, through the 'model' catalog. Pure. Raw text from the system or the
// gateway (`detail`) is stripped of control characters and shortened.
import type { GatewayState } from '../../../shared/contract/client-api';
import type { ConnectionError } from '../../../shared/contract/client-api/connection';
import { CONNECTION_ERROR_CODES } from '../../../shared/contract/client-api/connection-codes';
import type { LoginRuleRefusal } from '../../../shared/contract/refusal';
import type { Locale } from './locale';
import { absoluteTime } from './time';

type GatewayFacts = GatewayState['gateway'];

/** Removes C0/C1 control characters (including ESC) and collapses whitespace. */
export function sanitizeForDisplay(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

const clip = (text: string | undefined, max = 300) => sanitizeForDisplay(text ?? '').slice(0, max);

/** "2 minutes", "1 second", "2分钟": whole minutes when they are whole, else seconds. */
export function formatDuration(seconds: number, language: string): string {
  const [value, unit] = seconds >= 60 && seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** The catalog key for a code, where the facts choose between wordings. */
function keyOf(error: ConnectionError): string {
  if (error.code === 'key_refused' && error.auth === 'agent') return 'key_refused_agent';
  if (error.code === 'key_file_unreadable' && (error.detail === 'missing' || error.detail === 'denied')) return `key_file_${error.detail}`;
  return error.code;
}

/** Why a login rule refused, and when sign-in opens again if the gateway knows: for the sign-in error and the terminal pane alike. */
export function describeLoginRule(facts: LoginRuleRefusal | undefined, { t, language }: Locale): string {
  if (!facts) return t('model:loginRule.unknown');
  const why = t(`model:loginRule.${facts.cause}`, { rule: facts.rule });
  return facts.opensAt === undefined ? why : t('model:loginRule.opensAt', { why, when: absoluteTime(facts.opensAt, language) });
}

const KNOWN: ReadonlySet<string> = new Set(CONNECTION_ERROR_CODES);

/** One sentence for a connection error, naming the gateway when it is known. */
export function describeConnectionError(error: ConnectionError, gateway: GatewayFacts | undefined, locale: Locale): string {
  const { t, language } = locale;
  if (!KNOWN.has(error.code)) return t('model:error.other', { code: clip(error.code, 40) });
  return t(`model:error.${keyOf(error)}`, {
    gw: gateway ? t('model:gateway.named', { name: clip(gateway.name, 100) }) : t('model:gateway.unnamed'),
    where: gateway ? clip(gateway.address, 300) : t('model:gateway.unknownAddress'),
    user: gateway ? clip(gateway.user, 64) : t('model:gateway.you'),
    detail: clip(error.detail),
    keyFile: clip(error.keyFile),
    duration: formatDuration(error.seconds ?? 0, language),
    limit: error.limit ?? '?',
    ...(error.code === 'login_refused' && { why: describeLoginRule(error.loginRule, locale) }),
  });
}
