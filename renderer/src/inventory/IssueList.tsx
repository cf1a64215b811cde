// The rows that cannot be imported, each with its place in the file, the host, the field and why,
// worded here from the gateway's code and params; then the entries left out on purpose.
import { useTranslation } from 'react-i18next';
import type { ImportPlan } from '../../../shared/contract/gateway-api/inventory-import';

export function IssueList({ plan }: { plan: ImportPlan }) {
  const { t } = useTranslation('inventory');
  return (
    <>
      {plan.issues.length > 0 && (
        <>
          <h3 className="inventory-subtitle">{t('issues.title', { count: plan.issues.length })}</h3>
          <ul className="inventory-issues" data-testid="inventory-issues">
            {plan.issues.map((issue, i) => (
              <li key={i} data-testid="inventory-issue" data-line={issue.line}>
                <span className="inventory-where">{issue.line === undefined ? issue.where : t('issues.line', { line: issue.line })}</span>
                {issue.host && <span className="mono"> {issue.host}</span>} <span className="muted">{issue.field}:</span> {t(`code.${issue.code}`, issue.params)}
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.skipped.length > 0 && (
        <>
          <h3 className="inventory-subtitle">{t('skipped.title', { count: plan.skipped.length })}</h3>
          <ul className="inventory-issues muted" data-testid="inventory-skipped">
            {plan.skipped.map((s, i) => (
              <li key={i}>
                <span className="inventory-where">{s.where}</span> {t(`skip.${s.code}`, s.params)}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
