// One line under a hosts field: how many hosts the selector covers, the first names, and names
// that are unknown (gateway) or not among the hosts the user sees (local).
import { useTranslation } from 'react-i18next';
import type { SelectorPreview } from './use-selector-preview';

const NAMES = 8;

export function SelectorPreviewLine({ preview }: { preview: SelectorPreview | null }) {
  const { t } = useTranslation('access');
  if (!preview) return null;
  if (preview.source === 'error') return <p className="error-text access-preview" data-testid="access-preview">{preview.error}</p>;
  const names = preview.hosts.slice(0, NAMES).join(', ') + (preview.count > NAMES ? ' …' : '');
  const odd = preview.source === 'gateway' ? preview.unknown : preview.unseen;
  return (
    <p className="muted access-preview" data-testid="access-preview">
      {t(preview.source === 'gateway' ? 'preview.gateway' : 'preview.local', { count: preview.count })}
      {names && `: ${names}`}
      {odd.length > 0 && (
        <span className="access-preview-odd" data-testid="access-preview-odd">
          {' · '}
          {t(preview.source === 'gateway' ? 'preview.unknown' : 'preview.unseen', { names: odd.join(', ') })}
        </span>
      )}
    </p>
  );
}
