import { describe, expect, it } from 'vitest';
import hostsEn from '../hosts/locales/en.json';
import hostsZh from '../hosts/locales/zh-CN.json';
import { LANGUAGES } from './locale';
import { testLocale } from './locale-testing';
import { wordTemplate } from './word-template';

const hosts = { hosts: { en: hostsEn, 'zh-CN': hostsZh } };

describe('wordTemplate', () => {
  it.each(LANGUAGES)('fills a message as t would (%s, the tree row hint)', (language) => {
    const { t } = testLocale(language, hosts);
    const hint = wordTemplate(t, 'hosts:row.hint', ['address', 'target']);
    for (const values of [
      { address: '10.0.0.7', target: 'root@web-01' },
      { address: '[fe80::1]:2222', target: 'deploy@db-02.prod' },
      { address: '', target: '{{address}} $& $1' },
    ]) {
      expect(hint(values)).toBe(t('hosts:row.hint', values));
      expect(hint(values)).toContain(values.target);
    }
  });

  it('places variables in the translation’s order, repeated or absent', () => {
    const t = (key: string, options?: Record<string, unknown>) =>
      key === 'swap' ? `${String(options!.b)} then ${String(options!.a)}, ${String(options!.b)} again` : 'no variables';
    expect(wordTemplate(t, 'swap', ['a', 'b'])({ a: 'A', b: 'B' })).toBe('B then A, B again');
    expect(wordTemplate(t, 'plain', ['a'])({ a: 'A' })).toBe('no variables');
  });
});
