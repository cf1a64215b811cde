import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/inventory';
import { namesSelector, nodeSelector, productionHosts } from './batch-selection';

const host = (name: string, env?: string): Host => ({ name, address: '', nodes: [], tags: env ? { env } : {}, logins: [] });

describe('choosing batch hosts', () => {
  it('names a tree node or a set of hosts as a grant selector', () => {
    expect(nodeSelector(['platform', 'storefront'])).toBe('node:platform/storefront');
    expect(namesSelector([' web-01', 'web-02', '', 'web-01'])).toBe('web-01,web-02');
  });

  it('finds the production hosts among the chosen ones', () => {
    const hosts = [host('web-01', 'prod'), host('web-02', 'lab'), host('db-01', 'PROD'), host('x')];
    expect(productionHosts(['web-01', 'web-02', 'db-01', 'x', 'unknown'], hosts)).toEqual(['web-01', 'db-01']);
    expect(productionHosts(['web-02'], hosts)).toEqual([]);
  });
});
