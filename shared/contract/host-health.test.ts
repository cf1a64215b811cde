import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_THRESHOLDS as T, HealthThresholdSchema, healthLevel, worstLevel } from './host-health';

describe('a host\'s health level', () => {
  it('is the worst of its figures, at or above a threshold counting', () => {
    expect(healthLevel({ cpu: 10, memory: 20, disk: 30 }, T)).toBe('ok');
    expect(healthLevel({ cpu: 80, memory: 20, disk: 30 }, T)).toBe('warn');
    expect(healthLevel({ cpu: 79.9, memory: 20, disk: 90 }, T)).toBe('critical');
    expect(healthLevel({ cpu: 85, memory: 95, disk: 30 }, T)).toBe('critical');
  });

  it('judges the figures it has, and is unknown with none', () => {
    expect(healthLevel({ disk: 85 }, T)).toBe('warn');
    expect(healthLevel({}, T)).toBe('unknown');
    expect(healthLevel({ cpu: Number.NaN }, T)).toBe('unknown');
  });

  it('uses each figure\'s own thresholds', () => {
    const strictDisk = { ...T, disk: { warn: 50, critical: 70 } };
    expect(healthLevel({ cpu: 60, memory: 60, disk: 60 }, strictDisk)).toBe('warn');
    expect(healthLevel({ cpu: 60, memory: 60, disk: 60 }, T)).toBe('ok');
  });

  it('refuses a threshold whose warn is above its critical', () => {
    expect(HealthThresholdSchema.safeParse({ warn: 95, critical: 90 }).success).toBe(false);
    expect(HealthThresholdSchema.safeParse({ warn: 90, critical: 90 }).success).toBe(true);
  });
});

describe('a node\'s level: the worst of its known hosts', () => {
  it('ignores unknown hosts and is unknown only when none is known', () => {
    expect(worstLevel(['ok', 'unknown', 'warn', 'ok'])).toBe('warn');
    expect(worstLevel(['unknown', 'critical', 'warn'])).toBe('critical');
    expect(worstLevel(['unknown', 'unknown'])).toBe('unknown');
    expect(worstLevel([])).toBe('unknown');
    expect(worstLevel(['ok'])).toBe('ok');
  });
});
