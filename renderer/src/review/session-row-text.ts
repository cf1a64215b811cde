// How a session in the review list is worded: how it ended (from the gateway's codes, never its
// sentences), how long it took, and where it came from. Pure: it is handed a Locale.
import type { ReviewSessionRow } from '../../../shared/contract/gateway-api/review';
import type { Locale } from '../model/locale';

/** Control characters out of text that comes from the gateway or the user (a reason, a command). */
export const plain = (text: string): string => text.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ');

/** How the session ended, or that it is still live. */
export function endText(row: ReviewSessionRow, { t }: Locale): string {
  const k = (key: string, vars?: Record<string, unknown>) => t(`review:end.${key}`, vars);
  if (row.status === 'live') return k('live');
  if (row.status === 'refused') return k('refused');
  const exit = row.exitCode !== null ? k('exitCode', { code: row.exitCode }) : row.exitSignal ? k('exitSignal', { signal: plain(row.exitSignal) }) : '';
  switch (row.endedBy) {
    case 'terminated':
      return row.endReason ? k('terminatedWhy', { actor: plain(row.endActor ?? '?'), reason: plain(row.endReason) }) : k('terminated', { actor: plain(row.endActor ?? '?') });
    case 'expiry':
    case 'revocation':
    case 'user-disabled':
    case 'drain':
    case 'crash':
    case 'failure':
    case 'login-rule':
    case 'client':
      return exit ? k('withExit', { cause: k(`by.${row.endedBy}`), exit }) : k(`by.${row.endedBy}`);
    case 'target':
      return exit || k('by.target');
    default:
      return row.status === 'interrupted' ? k('by.crash') : exit || k('ended');
  }
}

/** "1 h 2 min", "3 min 4 s", "5 s" — or "live" while it runs. */
export function durationText(ms: number | null, { t }: Locale): string {
  if (ms === null) return t('review:end.live');
  const s = Math.round(ms / 1000);
  if (s < 60) return t('review:duration.s', { s });
  if (s < 3600) return t('review:duration.min', { min: Math.floor(s / 60), s: s % 60 });
  return t('review:duration.h', { h: Math.floor(s / 3600), min: Math.floor((s % 3600) / 60) });
}

/** "12.5 s" → "0:12"; "3725" → "1:02:05": the player's position. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}
