// A host's or a node's health dot: its colour and, for people who do not see colour, its words
// (title and accessible label) with the figures behind it. Each dot subscribes to its own host
// or node in the health store, so a report re-renders only the dots that changed.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { HostHealth } from '../../../shared/contract/gateway-api/metrics-health';
import type { HealthLevel, HealthThresholds } from '../../../shared/contract/host-health';
import type { HealthStore } from './health-store';

const percent = (value: number | undefined, t: TFunction) => (value === undefined ? t('health.noFigure') : t('health.percent', { value: Math.round(value) }));

function hostText(entry: HostHealth, thresholds: HealthThresholds | undefined, t: TFunction): string {
  if (entry.level === 'unknown') return t(`health.unknown.${entry.state}`);
  const figures = t('health.host', { level: t(`health.level.${entry.level}`), cpu: percent(entry.cpu, t), memory: percent(entry.memory, t), disk: percent(entry.disk, t) });
  if (!thresholds) return figures;
  const pair = (f: keyof HealthThresholds) => `${thresholds[f].warn}/${thresholds[f].critical}`;
  return `${figures}\n${t('health.thresholds', { cpu: pair('cpu'), memory: pair('memory'), disk: pair('disk') })}`;
}

function Dot({ level, text, testId }: { level: HealthLevel; text: string; testId: string }) {
  return <span className={`health-dot health-${level}`} role="img" aria-label={text} title={text} data-testid={testId} data-level={level} />;
}

export function HostHealthDot({ store, host }: { store: HealthStore; host: string }) {
  const { t } = useTranslation('hosts');
  const entry = useSyncExternalStore(
    (listener) => store.subscribe(host, listener),
    () => store.host(host),
  );
  // Not read yet: an empty place, so the row does not shift when the dot comes.
  if (!entry) return <span className="health-dot health-none" aria-hidden="true" />;
  return <Dot level={entry.level} text={hostText(entry, store.thresholds(), t)} testId="health-dot" />;
}

export function GroupHealthDot({ store, groupKey }: { store: HealthStore; groupKey: string }) {
  const { t } = useTranslation('hosts');
  const summary = useSyncExternalStore(
    (listener) => store.subscribe(groupKey, listener),
    () => store.group(groupKey),
  );
  if (!summary || summary.known === 0) return <span className="health-dot health-none" aria-hidden="true" />;
  return <Dot level={summary.level} text={t('health.group', { count: summary.known, level: t(`health.level.${summary.level}`) })} testId="group-health-dot" />;
}
