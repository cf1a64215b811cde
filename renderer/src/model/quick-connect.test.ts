import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/inventory';
import { HostSearch } from './host-search';
import { quickConnectHosts } from './quick-connect';

const host = (name: string, tags: Record<string, string> = {}, logins = ['root']): Host => ({ name, address: `${name}:22`, nodes: [['pay', name.split('-')[0]!]], tags, logins, accessUntil: null });
const hosts = [host('web-01', { env: 'prod' }), host('web-02', { env: 'staging' }, ['root', 'deploy']), host('db-01', { env: 'prod' }), host('web-03'), host('nologin', {}, [])];
const names = (query: string, places = { favourites: ['db-01', 'gone'], recents: [{ host: 'web-02', login: 'deploy' }, { host: 'web-01', login: 'root' }] }) =>
  quickConnectHosts(hosts, new HostSearch(hosts), places, query).map((q) => `${q.place}:${q.login}@${q.host.name}`);

describe('quick connect', () => {
  it('offers favourites, then recents, for an empty query (hosts no longer granted left out)', () => {
    expect(names('')).toEqual(['favourite:root@db-01', 'recent:deploy@web-02', 'recent:root@web-01']);
  });

  it('finds hosts as the tree filter does, favourites and recents first', () => {
    expect(names('web')).toEqual(['recent:deploy@web-02', 'recent:root@web-01', 'match:root@web-03']);
    expect(names('env=prod')).toEqual(['favourite:root@db-01', 'recent:root@web-01']);
    expect(names('web env=prod')).toEqual(['recent:root@web-01']);
    expect(names('zzz')).toEqual([]);
  });

  it('opens as the login used last if still granted, else the first; a host without logins is not offered', () => {
    expect(names('web-02', { favourites: [], recents: [{ host: 'web-02', login: 'gone' }] })).toEqual(['recent:root@web-02']);
    expect(names('nologin')).toEqual([]);
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: 200 }, (_, i) => host(`h-${i}`));
    expect(quickConnectHosts(many, new HostSearch(many), { favourites: [], recents: [] }, 'h', 50)).toHaveLength(50);
  });
});
