import { describe, expect, it } from 'vitest';
import { METRICS_RANGES } from '../../../shared/contract/gateway-api/metrics';
import { instanceOf } from './instance';
import { parsePrometheusUrl } from './prometheus';
import fc from 'fast-check';
import { cpuMemoryQuery, hostMetricsQuery, promString, rangeWindow, spanWindow } from './queries';

describe('range windows', () => {
  it.each(METRICS_RANGES)('%s: at most 600 points a series, the whole range, whole-second steps', (range) => {
    const w = rangeWindow(range, Date.UTC(2026, 11, 6, 3, 30, 17, 345));
    expect((w.endSec - w.startSec) / w.stepSec + 1).toBeLessThanOrEqual(600);
    expect(Number.isInteger(w.stepSec) && w.endSec % w.stepSec === 0).toBe(true);
    expect(w.endSec * 1000).toBeLessThanOrEqual(Date.UTC(2026, 11, 6, 3, 30, 17, 345));
  });
});

describe('past windows', () => {
  it('cover from–to in whole seconds within 600 points, up to 7 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 7 * 86_400_000 }), (from, span) => {
        const w = spanWindow(from, from + span);
        expect(w.startSec * 1000).toBeLessThanOrEqual(from);
        expect(w.endSec * 1000).toBeGreaterThanOrEqual(from + span);
        expect(Math.floor((w.endSec - w.startSec) / w.stepSec) + 1).toBeLessThanOrEqual(600);
        expect(w.stepSec).toBeGreaterThanOrEqual(1);
      }),
    );
    expect(spanWindow(10_000, 70_000)).toEqual({ startSec: 10, endSec: 70, stepSec: 1 });
    expect(spanWindow(0, 3_600_000, 10).stepSec).toBe(400);
  });
});

describe('the query', () => {
  it('matches several instances exactly: regular-expression characters in a tag match only themselves', () => {
    const q = cpuMemoryQuery(['10.0.0.5:9100', 'a.b|c"'], 60);
    expect(q).toContain('instance=~"10\\\\.0\\\\.0\\\\.5:9100|a\\\\.b\\\\|c\\""');
    expect(q).toContain('by (instance)');
    expect(q).toContain('[60s]');
  });

  it('quotes the instance, so a tag cannot add PromQL of its own', () => {
    expect(promString('a"} or up{x="')).toBe('"a\\"} or up{x=\\""');
    expect(promString('back\\slash\nline')).toBe('"back\\\\slash\\nline"');
    const q = hostMetricsQuery('h"x', 20);
    expect(q).toContain('instance="h\\"x"');
    expect(q).not.toContain('instance="h"x"');
    expect(q).toContain('[20s]');
  });
});

describe('host → instance', () => {
  const host = { name: 'web-01', address: '10.0.0.5:22', tags: {} as Record<string, string> };
  it('uses the instance tag first, else the template', () => {
    expect(instanceOf({ ...host, tags: { instance: 'web-01.example:9100' } })).toBe('web-01.example:9100');
    expect(instanceOf(host)).toBe('10.0.0.5:9100');
    expect(instanceOf(host, '{name}.nodes:9100')).toBe('web-01.nodes:9100');
    expect(instanceOf({ ...host, address: '[fd00::5]:22' })).toBe('[fd00::5]:9100');
  });
});

describe('the Prometheus URL', () => {
  it('moves credentials to a header and never shows them', () => {
    const parsed = parsePrometheusUrl('https://metrics:s3cret@prom.example:9090/prometheus');
    expect(parsed.shown).toBe('https://prom.example:9090/prometheus/');
    expect(parsed.base.href).not.toContain('s3cret');
    expect(parsed.authorization).toBe(`Basic ${Buffer.from('metrics:s3cret').toString('base64')}`);
  });
  it('refuses what is not an http(s) URL, with the setting named', () => {
    expect(() => parsePrometheusUrl('prom:9090')).toThrow(/metrics\.prometheus\.url: expected http or https/);
    expect(() => parsePrometheusUrl('not a url')).toThrow(/metrics\.prometheus\.url: not a URL/);
  });
});
