// Tree health: a host's level from its CPU, memory and worst disk use against the gateway's
// thresholds, and the worst level of several hosts (a tree node). Pure: the gateway decides the
// levels, the renderer folds them per node.
import { z } from 'zod';
import { HEALTH_LEVELS, worseLevel, type HealthLevel } from './host-health-levels';

export { HEALTH_LEVELS, worseLevel, worstLevel, type HealthLevel } from './host-health-levels';
export const HealthLevelSchema = z.enum(HEALTH_LEVELS);

/** The figures a level is judged on, percent (0–100); absent when the source has none. */
export interface HealthFigures {
  cpu?: number;
  memory?: number;
  /** The fullest mount's used %. */
  disk?: number;
}
export const HEALTH_FIGURES = ['cpu', 'memory', 'disk'] as const satisfies ReadonlyArray<keyof HealthFigures>;

const Percent = z.number().min(0).max(100);
export const HealthThresholdSchema = z
  .object({ warn: Percent, critical: Percent })
  .strict()
  .refine((t) => t.warn <= t.critical, { message: 'warn must not be above critical', path: ['warn'] });
export type HealthThreshold = z.infer<typeof HealthThresholdSchema>;
export const HealthThresholdsSchema = z.object({ cpu: HealthThresholdSchema, memory: HealthThresholdSchema, disk: HealthThresholdSchema }).strict();
export type HealthThresholds = z.infer<typeof HealthThresholdsSchema>;

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = Object.freeze({
  cpu: { warn: 80, critical: 90 },
  memory: { warn: 80, critical: 90 },
  disk: { warn: 80, critical: 90 },
});

/** One figure against its threshold: at or above critical is critical, at or above warn is warn. */
function figureLevel(value: number | undefined, threshold: HealthThreshold): HealthLevel {
  if (value === undefined || !Number.isFinite(value)) return 'unknown';
  if (value >= threshold.critical) return 'critical';
  if (value >= threshold.warn) return 'warn';
  return 'ok';
}

/** A host's level: the worst of its known figures; unknown when it has none. */
export function healthLevel(figures: HealthFigures, thresholds: HealthThresholds): HealthLevel {
  let level: HealthLevel = 'unknown';
  for (const figure of HEALTH_FIGURES) level = worseLevel(level, figureLevel(figures[figure], thresholds[figure]));
  return level;
}
