// Health levels and how several fold into one (a tree node's), without zod: the tree's first paint
// folds levels and caps its subscription, and builds no schema for it (host-health.ts validates).

/** ok < warn < critical; unknown: nothing to judge (no data, source down, not permitted). */
export const HEALTH_LEVELS = ['unknown', 'ok', 'warn', 'critical'] as const;
export type HealthLevel = (typeof HEALTH_LEVELS)[number];

/** Hosts one health subscription may name: a tall window's rows with room to spare, and a bounded query. */
export const MAX_HEALTH_HOSTS = 500;

const rank = (level: HealthLevel) => HEALTH_LEVELS.indexOf(level);

/** The worse of two levels; unknown only when both are. */
export function worseLevel(a: HealthLevel, b: HealthLevel): HealthLevel {
  return rank(a) >= rank(b) ? a : b;
}

/** The worst of several hosts' levels (a node's), ignoring the unknown ones; unknown when none is known. */
export function worstLevel(levels: Iterable<HealthLevel>): HealthLevel {
  let worst: HealthLevel = 'unknown';
  for (const level of levels) {
    worst = worseLevel(worst, level);
    if (worst === 'critical') break;
  }
  return worst;
}
