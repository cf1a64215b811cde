// The command rules screen: the disclaimer, the rules (remove asks first, Cancel focused), adding
// one (hosts previewed, the pattern checked and tried on the bypass corpus as you type), and the
// rule tester (a line → its commands and the rule that decides it, as you type).
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMAND_RULE_LIMITS, type CommandRuleView } from '../../../../shared/contract/gateway-api/command-rules';
import type { PortcullisApi } from '../../../../shared/contract/window';
import { SelectorPreviewFor } from '../../access';
import { missingFields, testedRules, testHit, type RuleDraft } from '../../model/command-rules';
import { Dialog, errorText, useLocale } from '../../ui';
import { CorpusCheck } from './CorpusCheck';
import { useDebouncedCall } from './use-debounced-call';

export function CommandRulesDialog({ api, onClose }: { api: PortcullisApi; onClose: () => void }) {
  const { t } = useTranslation('rules');
  const [rules, setRules] = useState<CommandRuleView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [admin, setAdmin] = useState<boolean | null>(null);
  const [removing, setRemoving] = useState<CommandRuleView | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let stale = false;
    api.request('access.whoami', {}).then(
      (me) => !stale && setAdmin(me.roles.includes('admin')),
      (e: unknown) => !stale && setProblem(errorText(e)),
    );
    return () => void (stale = true);
  }, [api]);
  useEffect(() => {
    if (!admin) return;
    let stale = false;
    api.request('rules.command.list', {}).then(
      (list) => !stale && setRules(list),
      (e: unknown) => !stale && setProblem(errorText(e)),
    );
    return () => void (stale = true);
  }, [api, admin, version]);
  const changed = () => {
    setRemoving(null);
    setVersion((v) => v + 1);
  };
  return (
    <Dialog
      title={t('command.title')}
      testId="command-rules"
      wide
      onCancel={onClose}
      footer={
        <button type="button" className="button button-primary" data-testid="command-rules-close" onClick={onClose}>
          {t('command.close')}
        </button>
      }
    >
      <p className="muted command-rules-aid" data-testid="command-rules-aid">
        {t('command.aid')}
      </p>
      {problem && <p className="error-text" role="alert">{problem}</p>}
      {admin === false && <p data-testid="command-rules-admin-only">{t('command.adminOnly')}</p>}
      {admin && rules && (
        <>
          <RulesTable rules={rules} onRemove={setRemoving} />
          {removing && <RemoveRule key={removing.id} api={api} rule={removing} onDone={changed} onCancel={() => setRemoving(null)} />}
          <AddRule api={api} onAdded={changed} />
          <RuleTester api={api} rules={rules} />
        </>
      )}
    </Dialog>
  );
}

function RulesTable({ rules, onRemove }: { rules: readonly CommandRuleView[]; onRemove: (rule: CommandRuleView) => void }) {
  const { t } = useTranslation('rules');
  const locale = useLocale();
  if (rules.length === 0) return <p className="muted">{t('command.none')}</p>;
  const when = new Intl.DateTimeFormat(locale.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <table className="command-rules-table" data-testid="command-rules-table">
      <thead>
        <tr>
          <th>{t('command.hosts')}</th>
          <th>{t('command.pattern')}</th>
          <th>{t('command.kind')}</th>
          <th>{t('command.action')}</th>
          <th>{t('command.created')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr key={rule.id} data-testid="command-rule" data-id={rule.id}>
            <td className="mono">{rule.hosts}</td>
            <td className="mono">{rule.pattern}</td>
            <td>{t(rule.regex ? 'command.regex' : 'command.literal')}</td>
            <td>{t(`command.actions.${rule.action}`)}</td>
            <td>{t('command.createdBy', { who: rule.createdBy, when: when.format(rule.createdAt) })}</td>
            <td>
              <button type="button" className="button button-small command-rules-danger" data-testid="command-rule-remove" onClick={() => onRemove(rule)}>
                {t('command.remove')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RemoveRule({ api, rule, onDone, onCancel }: { api: PortcullisApi; rule: CommandRuleView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation('rules');
  const [problem, setProblem] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const remove = () => api.request('rules.command.remove', { id: rule.id }).then(onDone, (e: unknown) => setProblem(errorText(e)));
  return (
    <div className="command-rules-panel command-rules-remove" role="alertdialog" aria-label={t('command.removeTitle')} data-testid="command-rule-remove-confirm">
      <p>{t('command.removeText', { pattern: rule.pattern, hosts: rule.hosts })}</p>
      {problem && <p className="error-text" role="alert">{problem}</p>}
      <div className="command-rules-buttons">
        <button ref={cancelRef} type="button" className="button" data-testid="command-rule-remove-cancel" onClick={onCancel}>
          {t('command.cancel')}
        </button>
        <button type="button" className="button command-rules-danger-strong" data-testid="command-rule-remove-submit" onClick={() => void remove()}>
          {t('command.removeSubmit')}
        </button>
      </div>
    </div>
  );
}

function AddRule({ api, onAdded }: { api: PortcullisApi; onAdded: () => void }) {
  const { t } = useTranslation('rules');
  const [draft, setDraft] = useState<RuleDraft>({ hosts: '', pattern: '', regex: false, action: 'reject' });
  const [problem, setProblem] = useState<string | null>(null);
  const pattern = draft.pattern.trim() ? { pattern: draft.pattern, regex: draft.regex } : null;
  const corpus = useDebouncedCall(pattern && (() => api.request('rules.command.corpus', pattern)), JSON.stringify(pattern));
  const refused = corpus?.value && 'refused' in corpus.value ? corpus.value.refused : null;
  const missing = missingFields(draft);
  const submit = () => {
    if (missing.length > 0 || refused) return setProblem(missing.length > 0 ? t('command.fill') : null);
    setProblem(null);
    api.request('rules.command.add', { ...draft, hosts: draft.hosts.trim() }).then(
      () => (setDraft({ ...draft, pattern: '' }), onAdded()),
      (e: unknown) => setProblem(errorText(e)),
    );
  };
  return (
    <form className="command-rules-panel" data-testid="command-rule-add" onSubmit={(e) => (e.preventDefault(), submit())}>
      <h3 className="command-rules-heading">{t('command.add')}</h3>
      <div className="form-grid">
        <label htmlFor="cr-hosts">{t('command.hosts')}</label>
        <input id="cr-hosts" className="text-input mono" data-testid="command-rule-hosts" placeholder={t('command.hostsPlaceholder')} value={draft.hosts} onChange={(e) => setDraft({ ...draft, hosts: e.target.value })} />
        <span />
        <Suspense fallback={null}>
          <SelectorPreviewFor api={api} selector={draft.hosts} />
        </Suspense>
        <label htmlFor="cr-pattern">{t('command.pattern')}</label>
        <input id="cr-pattern" className="text-input mono" data-testid="command-rule-pattern" aria-invalid={refused ? true : undefined} placeholder={t('command.patternPlaceholder')} value={draft.pattern} onChange={(e) => setDraft({ ...draft, pattern: e.target.value })} />
        {refused && (
          <>
            <span />
            <p className="error-text" data-testid="command-rule-refused" title={refused.detail}>
              {t(`command.refused.${refused.code}`)}
            </p>
          </>
        )}
        <span />
        <label className="command-rules-check">
          <input type="checkbox" data-testid="command-rule-regex" checked={draft.regex} onChange={(e) => setDraft({ ...draft, regex: e.target.checked })} /> {t('command.regexLabel')}
        </label>
        <label htmlFor="cr-action">{t('command.action')}</label>
        <select id="cr-action" className="text-input" data-testid="command-rule-action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value as RuleDraft['action'] })}>
          <option value="reject">{t('command.actions.reject')}</option>
          <option value="confirm">{t('command.actions.confirm')}</option>
        </select>
      </div>
      {corpus?.error && <p className="error-text">{corpus.error}</p>}
      {corpus?.value && !('refused' in corpus.value) && <CorpusCheck result={corpus.value} />}
      {problem && <p className="error-text" role="alert">{problem}</p>}
      <div className="command-rules-buttons">
        <button type="submit" className="button button-primary" data-testid="command-rule-add-submit" disabled={missing.length > 0 || !!refused}>
          {t('command.addSubmit')}
        </button>
      </div>
    </form>
  );
}

function RuleTester({ api, rules }: { api: PortcullisApi; rules: readonly CommandRuleView[] }) {
  const { t } = useTranslation('rules');
  const [line, setLine] = useState('');
  const tested = testedRules(rules, COMMAND_RULE_LIMITS.testedRules);
  const params = line.trim() ? { line, ...(tested && { rules: tested }) } : null;
  const answer = useDebouncedCall(params && (() => api.request('rules.command.test', params)), JSON.stringify(params));
  const hit = answer?.value && testHit(answer.value.hit, rules);
  return (
    <section className="command-rules-panel" data-testid="command-rule-tester">
      <h3 className="command-rules-heading">{t('command.tester.title')}</h3>
      <input className="text-input mono command-rules-line" data-testid="command-rule-test-line" aria-label={t('command.tester.line')} placeholder={t('command.tester.placeholder')} value={line} onChange={(e) => setLine(e.target.value)} />
      {answer?.error && <p className="error-text">{answer.error}</p>}
      {answer?.value && params && (
        <div data-testid="command-rule-test-result">
          <p className="muted">{t('command.tester.commands', { count: answer.value.commands.length })}</p>
          <ul className="command-rules-commands">
            {answer.value.commands.map((words, i) => (
              <li key={i} className="mono">
                {words.map((w, j) => (
                  <span key={j} className="command-rules-word">
                    {w}
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {hit ? (
            <p className={hit.rule.action === 'reject' ? 'error-text' : ''} data-testid="command-rule-test-hit">
              {t(`command.tester.why.${hit.why}`, { pattern: hit.rule.pattern, hosts: hit.rule.hosts, command: hit.command, action: t(`command.actions.${hit.rule.action}`) })}
            </p>
          ) : (
            <p data-testid="command-rule-test-none">{t('command.tester.none')}</p>
          )}
        </div>
      )}
    </section>
  );
}
