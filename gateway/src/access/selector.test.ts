import { describe, expect, it } from 'vitest';
import { formatSelector, parseSelector, selectorMatches, SelectorError, type SelectableHost } from './selector';

const host = (name: string, nodes: string[][] = [], tags: Record<string, string> = {}): SelectableHost => ({ name, nodes, tags });

describe('parseSelector', () => {
  it('reads every kind', () => {
    expect(parseSelector('*')).toEqual({ kind: 'all' });
    expect(parseSelector(' * ')).toEqual({ kind: 'all' });
    expect(parseSelector('web-01')).toEqual({ kind: 'hosts', names: ['web-01'] });
    expect(parseSelector('web-01, web-02 ,web-01')).toEqual({ kind: 'hosts', names: ['web-01', 'web-02'] });
    expect(parseSelector('node:team/line/')).toEqual({ kind: 'node', path: ['team', 'line'] });
    expect(parseSelector('node: pay / web')).toEqual({ kind: 'node', path: ['pay', 'web'] });
    expect(parseSelector('env=prod')).toEqual({ kind: 'tags', terms: [{ key: 'env', values: ['prod'] }] });
    expect(parseSelector('env=prod, service = minos')).toEqual({
      kind: 'tags',
      terms: [
        { key: 'env', values: ['prod'] },
        { key: 'service', values: ['minos'] },
      ],
    });
    expect(parseSelector('env=prod,role=web|api|web')).toEqual({
      kind: 'tags',
      terms: [
        { key: 'env', values: ['prod'] },
        { key: 'role', values: ['web', 'api'] },
      ],
    });
    expect(parseSelector('team.name=Pay Ops')).toEqual({ kind: 'tags', terms: [{ key: 'team.name', values: ['Pay Ops'] }] });
  });

  it('refuses anything else with a message naming the input', () => {
    const bad = [
      '',
      '   ',
      'node:',
      'node:/',
      'node:a//b',
      'web 01',
      'a@b',
      'web-01,',
      ',web-01',
      'web-01,,web-02',
      'web-01,env=prod', // names and tags do not mix
      'env=',
      'env=prod|',
      'env=|prod',
      '=prod',
      'bad key=1',
      'env=prod,env=dev',
      'env=a=b',
      '**',
      'x'.repeat(5000),
    ];
    for (const text of bad) {
      expect(() => parseSelector(text), JSON.stringify(text)).toThrow(SelectorError);
      expect(() => parseSelector(text), JSON.stringify(text)).toThrow(/invalid host selector/);
    }
  });

  it('says which token is wrong and where it starts (1 = the first character), for the client to word', () => {
    const reasonOf = (text: string) => {
      try {
        parseSelector(text);
      } catch (error) {
        return (error as SelectorError).why;
      }
    };
    expect(reasonOf('web-01,bad name')).toEqual({ reason: 'selector.invalid', params: { token: 'bad name', position: 8 } });
    expect(reasonOf('env=prod, role=web,env=dev')).toEqual({ reason: 'selector.invalid', params: { token: 'env=dev', position: 20 } });
    expect(reasonOf('web-01,,db-01')).toEqual({ reason: 'selector.invalid', params: { token: ',,', position: 7 } });
    expect(reasonOf('  ')).toEqual({ reason: 'selector.empty', params: {} });
    expect(reasonOf('x'.repeat(5000))).toEqual({ reason: 'selector.too_long', params: { limit: 4096 } });
  });

  it('formats to a canonical text that parses back to the same selector', () => {
    for (const text of ['*', 'web-01', 'web-01,db-01', 'node:pay/web', 'env=prod', 'env=prod,role=web|api']) {
      expect(formatSelector(parseSelector(text))).toBe(text);
    }
    expect(formatSelector(parseSelector(' env = prod , role = web | api '))).toBe('env=prod,role=web|api');
    expect(formatSelector(parseSelector('node:pay/web/'))).toBe('node:pay/web');
  });
});

describe('selectorMatches', () => {
  const api = host('api-01', [['pay', 'core', 'api'], ['shared']], { env: 'prod', role: 'api', service: 'minos' });
  const web = host('web-01', [['pay', 'web']], { env: 'prod', role: 'web' });
  const dev = host('dev-01', [], { env: 'dev', role: 'web' });
  const m = (text: string, h: SelectableHost) => selectorMatches(parseSelector(text), h);

  it('"*" matches every host', () => {
    expect([api, web, dev].every((h) => m('*', h))).toBe(true);
  });

  it('names match exactly, any of the list', () => {
    expect(m('web-01', web)).toBe(true);
    expect(m('web-0', web)).toBe(false);
    expect(m('db-01,web-01', web)).toBe(true);
    expect(m('db-01,web-01', api)).toBe(false);
  });

  it('a node covers itself and its subtree, not siblings sharing a name prefix; any of several nodes', () => {
    expect(m('node:pay', api)).toBe(true);
    expect(m('node:pay/core/api', api)).toBe(true);
    expect(m('node:shared', api)).toBe(true);
    expect(m('node:pay/co', api)).toBe(false);
    expect(m('node:pay/core/api/x', api)).toBe(false);
    expect(m('node:core', api)).toBe(false);
    expect(m('node:pay', dev)).toBe(false);
  });

  it('tag terms are ANDed, the values of one term ORed; a missing tag never matches', () => {
    expect(m('env=prod', api)).toBe(true);
    expect(m('env=prod,service=minos', api)).toBe(true);
    expect(m('env=prod,service=minos', web)).toBe(false);
    expect(m('env=prod,role=web|api', api)).toBe(true);
    expect(m('env=prod,role=web|api', web)).toBe(true);
    expect(m('env=prod,role=web|api', dev)).toBe(false);
    expect(m('env=Prod', api)).toBe(false); // values are case-sensitive
    expect(m('toString=x', host('h', [], {}))).toBe(false); // no prototype lookups
  });
});
