// The plan's hosts, virtualized (10,000 rows and more): where in the file, name, address, and what
// the import does to it (add, change naming the fields, unchanged).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan } from '../../../shared/contract/gateway-api/inventory-import';
import { planRows } from '../model/inventory-import';

const ROW_HEIGHT = 26;
const MAX_HEIGHT = 240;

export function PlanTable({ plan }: { plan: ImportPlan }) {
  const { t } = useTranslation('inventory');
  const rows = useMemo(() => planRows(plan), [plan]);
  const scroll = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroll.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  if (rows.length === 0) return <p className="muted">{t('plan.noHosts')}</p>;
  return (
    <div className="inventory-table" role="table" data-testid="inventory-plan">
      <div className="inventory-row inventory-head" role="row">
        <span role="columnheader">{t('plan.where')}</span>
        <span role="columnheader">{t('plan.name')}</span>
        <span role="columnheader">{t('plan.address')}</span>
        <span role="columnheader">{t('plan.action')}</span>
      </div>
      <div className="inventory-scroll" ref={scroll} style={{ height: Math.min(MAX_HEIGHT, rows.length * ROW_HEIGHT + 2) }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const h = rows[item.index]!;
            return (
              <div key={item.index} className={`inventory-row inventory-${h.action}`} role="row" data-testid="inventory-plan-row" data-host={h.name} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
                <span role="cell">{h.line ?? h.where}</span>
                <span role="cell" className="mono">{h.name}</span>
                <span role="cell" className="mono">{h.address}</span>
                <span role="cell">{h.action === 'change' ? t('action.changeFields', { fields: (h.fields ?? []).join(', ') }) : t(`action.${h.action}`)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
