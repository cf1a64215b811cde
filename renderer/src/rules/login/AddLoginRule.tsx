// The add form: subject (a user or a group, their names offered from the gateway), networks one a line, days as
// toggles, hours from–to, a zone (the local one by default, searchable over every IANA name). Each
// change is checked by the gateway (rules.login.check) and its problems shown under their field;
// the rule's meaning is shown in words, and a clear warning when it would lock the admin out.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginRuleCheck, LoginRuleProblem } from '../../../../shared/contract/gateway-api/login-rules';
import type { PortcullisApi } from '../../../../shared/contract/window';
import { errorText, useLocale } from '../../ui';
import { DAY_KEYS, ruleSentence, weekdayName } from './sentence';

const CHECK_DELAY_MS = 250;
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const allZones = () => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [localZone()]);

interface Draft {
  kind: 'user' | 'group';
  name: string;
  cidrs: string;
  days: boolean[];
  from: string;
  to: string;
  zone: string;
}

/** The form as the gateway's draft: every day = no days given; both hours empty = all day. */
export function draftParams(d: Draft) {
  const days = d.days.every(Boolean) ? undefined : DAY_KEYS.filter((_, i) => d.days[i]).join(',');
  const hours = d.from.trim() === '' && d.to.trim() === '' ? undefined : `${d.from.trim()}-${d.to.trim()}`;
  return {
    [d.kind]: d.name.trim(),
    cidrs: d.cidrs.split('\n').map((c) => c.trim()).filter((c) => c !== ''),
    ...(days !== undefined && { days }),
    ...(hours !== undefined && { hours }),
    timeZone: d.zone.trim(),
  };
}

export function AddLoginRule({ api, onDone, onCancel }: { api: PortcullisApi; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation('rules');
  const locale = useLocale();
  const [draft, setDraft] = useState<Draft>({ kind: 'user', name: '', cidrs: '', days: DAY_KEYS.map(() => true), from: '', to: '', zone: localZone() });
  const [names, setNames] = useState<Record<Draft['kind'], string[]>>({ user: [], group: [] });
  const [check, setCheck] = useState<LoginRuleCheck | null>(null);
  const [lockoutOk, setLockoutOk] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(allZones, []);
  const params = useMemo(() => draftParams(draft), [draft]);
  const key = JSON.stringify(params);

  useEffect(() => {
    // Names are a help; the gateway still checks what is typed.
    const offer = (kind: Draft['kind'], list: string[]) => setNames((n) => ({ ...n, [kind]: list }));
    api.request('rules.login.users', {}).then(
      (list) => offer('user', list.filter((u) => !u.removed).map((u) => u.name)),
      () => offer('user', []),
    );
    api.request('rules.login.groups', {}).then(
      (list) => offer('group', list.map((g) => g.name)),
      () => offer('group', []),
    );
  }, [api]);

  useEffect(() => {
    let alive = true;
    setCheck(null);
    const timer = setTimeout(() => {
      api.request('rules.login.check', JSON.parse(key) as typeof params).then(
        (c) => alive && (setCheck(c), setProblem(null)),
        (e: unknown) => alive && setProblem(errorText(e)),
      );
    }, CHECK_DELAY_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, key]);

  const lockout = check?.self.applies === true && !check.self.allowedAfter;
  const problemsOf = (field: LoginRuleProblem['field']) => (check?.problems ?? []).filter((p) => p.field === field);
  const touched = { subject: draft.name.trim() !== '', cidrs: true, days: true, hours: true, timeZone: true, rule: draft.name.trim() !== '' };
  const Problems = ({ field }: { field: LoginRuleProblem['field'] }) =>
    touched[field] ? (
      <>
        {problemsOf(field).map((p, i) => (
          <p key={i} className="field-error" data-testid="login-rule-problem" data-field={field} data-code={p.code}>
            {t(`login.problems.${p.code}`, p.params)}
          </p>
        ))}
      </>
    ) : null;
  const canAdd = check !== null && check.rule !== null && check.problems.length === 0 && (!lockout || lockoutOk) && !busy;

  const submit = async () => {
    if (!canAdd) return;
    setBusy(true);
    try {
      await api.request('rules.login.add', params);
      onDone();
    } catch (e) {
      setProblem(errorText(e));
      setBusy(false);
    }
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <form className="access-decide" data-testid="login-rule-add" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <h3 className="access-heading">{t('login.form.title')}</h3>
      <div className="form-grid">
        <label htmlFor="lr-name">{t('login.form.subject')}</label>
        <div className="login-rules-hours">
          <select className="text-input" aria-label={t('login.form.subject')} data-testid="login-rule-kind" value={draft.kind} onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}>
            <option value="user">{t('login.form.toUser')}</option>
            <option value="group">{t('login.form.toGroup')}</option>
          </select>
          <input id="lr-name" className="text-input" data-testid="login-rule-name" list="lr-names" placeholder={t('login.form.name')} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
          <datalist id="lr-names" data-testid="login-rule-names">
            {names[draft.kind].map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <Problems field="subject" />
        <label htmlFor="lr-cidrs">{t('login.form.cidrs')}</label>
        <textarea id="lr-cidrs" className="text-input login-rules-cidrs" data-testid="login-rule-cidrs" rows={3} placeholder="10.0.0.0/8" title={t('login.form.cidrsHint')} value={draft.cidrs} onChange={(e) => set({ cidrs: e.target.value })} />
        <Problems field="cidrs" />
        <span>{t('login.form.days')}</span>
        <div className="login-rules-days" role="group" aria-label={t('login.form.days')}>
          {DAY_KEYS.map((day, i) => (
            <button key={day} type="button" className="button button-small" data-testid={`login-rule-day-${day}`} aria-pressed={draft.days[i]} onClick={() => set({ days: draft.days.map((on, j) => (j === i ? !on : on)) })}>
              {weekdayName(i, locale.language)}
            </button>
          ))}
        </div>
        <Problems field="days" />
        <label htmlFor="lr-from">{t('login.form.hours')}</label>
        <div className="login-rules-hours" title={t('login.form.hoursHint')}>
          <span>{t('login.form.hoursFrom')}</span>
          <input id="lr-from" className="text-input mono" data-testid="login-rule-from" placeholder="08:00" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
          <span>{t('login.form.hoursTo')}</span>
          <input className="text-input mono" data-testid="login-rule-to" aria-label={t('login.form.hoursTo')} placeholder="20:00" value={draft.to} onChange={(e) => set({ to: e.target.value })} />
        </div>
        <Problems field="hours" />
        <label htmlFor="lr-zone">{t('login.form.zone')}</label>
        <input id="lr-zone" className="text-input mono" data-testid="login-rule-zone" list="lr-zones" value={draft.zone} onChange={(e) => set({ zone: e.target.value })} />
        <datalist id="lr-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <Problems field="timeZone" />
      </div>
      <Problems field="rule" />
      {check?.rule && (
        <p className="login-rules-means" data-testid="login-rule-means">
          {t('login.form.means')} {ruleSentence(check.rule, locale)}
        </p>
      )}
      {check?.rule && !lockout && (
        <p className="login-rules-self muted" data-testid="login-rule-self">
          {check.self.applies ? t('login.form.ownAllowed', { source: check.self.source ?? '?' }) : t('login.form.ownNotAffected')}
        </p>
      )}
      {check?.rule && lockout && (
        <div className="login-rules-self login-rules-lockout" role="alert" data-testid="login-rule-lockout">
          {t('login.form.ownLockout', { source: check.self.source ?? '?' })}
          <label>
            <input type="checkbox" data-testid="login-rule-lockout-ok" checked={lockoutOk} onChange={(e) => setLockoutOk(e.target.checked)} /> {t('login.form.ownLockoutConfirm')}
          </label>
        </div>
      )}
      {problem && <p className="error-text" role="alert">{problem}</p>}
      <div className="access-decide-buttons">
        <button type="button" className="button" data-testid="login-rule-add-cancel" onClick={onCancel}>
          {t('login.cancel')}
        </button>
        <button type="submit" className="button button-primary" data-testid="login-rule-add-submit" disabled={!canAdd}>
          {check === null ? t('login.form.checking') : t('login.form.add')}
        </button>
      </div>
    </form>
  );
}
