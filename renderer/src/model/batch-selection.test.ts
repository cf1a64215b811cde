import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/inventory';
import { accessToAsk, namesSelector, nodeSelector, productionHosts, SELECTOR_MAX_CHARS } from './batch-selection';

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

  it('asks access for exactly the hosts a grant would let run, with the job\'s login', () => {
    const ask = accessToAsk(
      [
        { host: 'web-02', reason: 'no_grant' },
        { host: 'db-01', reason: 'login_not_granted' },
        { host: 'api-01', reason: 'several_logins' },
        { host: 'web-02', reason: 'no_grant' },
      ],
      ' deploy ',
    );
    expect(ask).toEqual({ hosts: 'web-02,db-01', login: 'deploy', count: 2, left: 0 });
  });

  it('asks nothing when only a login choice is missing, or nothing is left out', () => {
    expect(accessToAsk([{ host: 'api-01', reason: 'several_logins' }], '')).toBeNull();
    expect(accessToAsk([], 'root')).toBeNull();
  });

  it('keeps the selector within the gateway\'s limit and counts the names left for a second request', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `host-${String(i).padStart(4, '0')}.example.org`);
    const ask = accessToAsk(names.map((host) => ({ host, reason: 'no_grant' as const })), 'root')!;
    expect(ask.hosts.length).toBeLessThanOrEqual(SELECTOR_MAX_CHARS);
    expect(ask.hosts.split(',')).toEqual(names.slice(0, ask.count));
    expect(ask.count + ask.left).toBe(1000);
    expect(ask.left).toBeGreaterThan(0);
  });
});
