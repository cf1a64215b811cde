// What a login rule means, in words: "alice may log in from 10.0.0.0/8 on Mon–Fri 08:00–20:00
// Europe/Berlin". Weekday names come from Intl in the user's language; the rest from the catalog.
import type { LoginRule } from '../../../../shared/contract/gateway-api/login-rules';
import type { Locale } from '../../model/locale';

export const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** 2024-01-01 was a Monday: day i of the week is that date + i. */
const MONDAY = Date.UTC(2024, 0, 1, 12);

export const weekdayName = (index: number, locale: string) =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(MONDAY + index * 86_400_000);

/** The gateway's canonical days (`mon-fri`, `mon,wed,fri`) with the user's weekday names. */
export function daysText(days: string, { language, t }: Locale): string {
  if (days === 'mon-sun') return t('rules:login.sentence.everyDay');
  const name = (key: string) => weekdayName(DAY_KEYS.indexOf(key as (typeof DAY_KEYS)[number]), language);
  return days
    .split(',')
    .map((part) => part.split('-').map(name).join('–'))
    .join(', ');
}

export type RuleShape = Pick<LoginRule, 'subject' | 'cidrs' | 'days' | 'hours' | 'timeZone'>;

export function ruleSentence(rule: RuleShape, locale: Locale): string {
  const { t } = locale;
  return t('rules:login.sentence.text', {
    who: t(`rules:login.sentence.${rule.subject.kind}`, { name: rule.subject.name }),
    from: rule.cidrs.length === 0 ? t('rules:login.sentence.anyAddress') : t('rules:login.sentence.from', { networks: rule.cidrs.join(', ') }),
    days: daysText(rule.days, locale),
    hours: rule.hours === null ? t('rules:login.sentence.allDay') : rule.hours.replace('-', '–'),
    zone: rule.timeZone,
  });
}
