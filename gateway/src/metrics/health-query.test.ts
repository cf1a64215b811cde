import { describe, expect, it } from 'vitest';
import { healthFigures, healthQuery, regexLiteral } from './health-query';

describe('the health query', () => {
  it('names every instance once per selector, as an exact pattern', () => {
    const query = healthQuery(['10.0.0.5:9100', 'web-01.example:9100'], 60);
    expect(query).toContain('instance=~"10\\\\.0\\\\.0\\\\.5:9100|web-01\\\\.example:9100"');
    expect(query.match(/label_replace/g)).toHaveLength(3);
    expect(query).toContain('[60s]');
  });

  it('escapes what a tag may hold: regex characters and quotes stay literal', () => {
    expect(regexLiteral('a.b|c(d)*')).toBe('a\\.b\\|c\\(d\\)\\*');
    expect(healthQuery(['x"} or vector(1) #'], 60)).toContain('instance=~"x\\"\\\\} or vector\\\\(1\\\\) #"');
  });

  it('reads the answer per instance, rounded to a tenth', () => {
    const figures = healthFigures([
      { labels: { instance: 'a:9100', metric: 'cpu' }, points: [[1, 12.345]] },
      { labels: { instance: 'a:9100', metric: 'disk' }, points: [[1, 91]] },
      { labels: { instance: 'b:9100', metric: 'memory' }, points: [[1, 50]] },
      { labels: { instance: 'b:9100', metric: 'load1' }, points: [[1, 3]] },
      { labels: { metric: 'cpu' }, points: [[1, 3]] },
    ]);
    expect(Object.fromEntries(figures)).toEqual({ 'a:9100': { cpu: 12.3, disk: 91 }, 'b:9100': { memory: 50 } });
  });
});
