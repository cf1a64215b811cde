// A failed call worded in the user's language: by its reason and params, else by its code, the
// gateway's English sentence only when no wording exists; and every declared reason has words.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ERROR_REASONS, why, type ErrorReason } from '../../../shared/contract/error-reasons';
import { ERROR_CODES, RpcError } from '../../../shared/rpc/protocol';
import { LANGUAGES } from '../model/locale';
import { errorText, errorWording } from './error-text';
import { createI18n, LATER_CATALOGS, startI18n } from './i18n';

const decided = new RpcError('bad_request', 'access request 12 is already denied (by ada)', why('request.already_decided_by', { id: 12, state: 'denied', by: 'ada' }));
const badSelector = new RpcError('bad_request', 'invalid host selector "web-01,=x": …', why('selector.invalid', { token: '=x', position: 8 }));

describe('a call’s error, worded', async () => {
  const zh = await createI18n([], 'zh-CN');
  const en = await createI18n([], 'en');

  it('by its reason and params, in Chinese for a Chinese user (a state worded too)', () => {
    expect(errorWording(zh, decided)).toBe('访问申请 12 已被 ada 拒绝。');
    expect(errorWording(zh, badSelector)).toBe('主机选择器在第 8 个字符处无效："=x"。');
    expect(errorWording(en, decided)).toBe('Access request 12 is already denied (by ada).');
  });

  it('by its code when it has no reason (an older gateway), the message kept where the wording shows it', () => {
    expect(errorWording(zh, new RpcError('denied', 'ops.list needs the admin role'))).toBe('您无权执行此操作。');
    expect(errorWording(zh, new RpcError('not_found', 'no session 4'))).toBe('未找到。');
    expect(errorWording(zh, new RpcError('unavailable', 'the gateway is shutting down'))).toBe('网关暂不可用：the gateway is shutting down');
  });

  it('by its code when its reason is one this client does not know (a newer gateway’s)', () => {
    const newer = RpcError.from({ code: 'denied', message: 'x', reason: 'future.thing', params: { a: 1 } });
    expect(errorWording(zh, newer)).toBe('您无权执行此操作。');
  });

  it('as a plain object too (what crosses the preload bridge), with its text stripped of control characters', () => {
    expect(errorWording(en, { code: 'bad_request', message: 'm', reason: 'user.not_found', params: { name: 'a\n\u0007b' } })).toBe('There is no user named "a b".');
  });

  it('as its message when nothing words it (not a call’s error)', () => {
    expect(errorWording(zh, new TypeError('x is undefined'))).toBe('x is undefined');
    expect(errorWording(zh, 'plain')).toBe('plain');
  });

  it('errorText uses the app’s instance and its active language, outside any component', async () => {
    await startI18n(i18next, [], 'zh-CN');
    await i18next.loadNamespaces('errors');
    expect(errorText(decided)).toBe('访问申请 12 已被 ada 拒绝。');
    await i18next.changeLanguage('en');
    expect(errorText(new RpcError('denied', 'no'))).toBe('You are not allowed to do this.');
  });
});

type Catalog = { [key: string]: string | Catalog };
const flatten = (catalog: Catalog, prefix = ''): Array<[string, string]> =>
  Object.entries(catalog).flatMap(([key, value]) => (typeof value === 'string' ? [[prefix + key, value] as [string, string]] : flatten(value, `${prefix}${key}.`)));

describe('the errors catalog', async () => {
  const catalogs = Object.fromEntries(await Promise.all(LANGUAGES.map(async (lng) => [lng, new Map(flatten((await LATER_CATALOGS.errors![lng]()).default))] as const)));

  it('words every declared reason and every code in every language, with only the reason’s params', () => {
    for (const lng of LANGUAGES) {
      for (const code of ERROR_CODES) expect(catalogs[lng]!.has(`code.${code}`), `${lng} ${code}`).toBe(true);
      for (const reason of Object.keys(ERROR_REASONS) as ErrorReason[]) {
        const text = catalogs[lng]!.get(`reason.${reason}`);
        expect(text, `${lng} ${reason}`).toBeDefined();
        const vars = [...text!.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
        expect(vars.filter((v) => !(ERROR_REASONS[reason] as readonly string[]).includes(v!)), `${lng} ${reason}`).toEqual([]);
      }
    }
  });

  it('words no reason that is not declared', () => {
    const worded = [...catalogs.en!.keys()].filter((k) => k.startsWith('reason.')).map((k) => k.slice('reason.'.length));
    expect(worded.filter((r) => !Object.hasOwn(ERROR_REASONS, r))).toEqual([]);
  });
});
