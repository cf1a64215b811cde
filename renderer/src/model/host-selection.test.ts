import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/inventory';
import { buildHostTree, visibleRows } from './host-tree';
import { addRange, planSplit, toggleHost } from './host-selection';

const host = (name: string, logins = ['root'], nodes = [['platform', 'web']]): Host => ({ name, address: `${name}:22`, nodes, tags: {}, logins }) as unknown as Host;

describe('tree multi-selection', () => {
  it('toggles a host in and out', () => {
    const one = toggleHost(new Set(), 'web-01');
    expect([...toggleHost(one, 'web-02')]).toEqual(['web-01', 'web-02']);
    expect([...toggleHost(one, 'web-01')]).toEqual([]);
  });

  it('adds the hosts of a range of rows, groups skipped, in either direction', () => {
    const rows = visibleRows(buildHostTree([host('web-01'), host('web-02'), host('web-03')]), new Set(), null);
    const names = (s: Set<string>) => [...s].sort();
    // rows: platform, web, web-01, web-02, web-03
    expect(names(addRange(new Set(), rows, 0, 3))).toEqual(['web-01', 'web-02']);
    expect(names(addRange(new Set(['x']), rows, 4, 3))).toEqual(['web-02', 'web-03', 'x']);
  });
});

describe('opening the selection in split panes', () => {
  it('opens up to the limit with each host’s chosen login, and says what it left out', () => {
    const hosts = [host('a', ['root', 'deploy']), host('b'), host('c', []), host('d'), host('e')];
    expect(planSplit(hosts, (name) => (name === 'a' ? 'deploy' : undefined), 3)).toEqual({
      open: [
        { host: 'a', login: 'deploy' },
        { host: 'b', login: 'root' },
        { host: 'd', login: 'root' },
      ],
      leftOut: ['e'],
      noLogin: ['c'],
    });
  });
});
