// The panel's frame beside the terminals: its width (dragged on its left edge) and the panel of
// the active pane's host, made anew when the host changes (the old host's subscription ends).
import { useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import { MetricsPanel } from './MetricsPanel';

const WIDTH = { min: 280, default: 420, max: 960 };

interface Props {
  api: PortcullisApi;
  host: string;
  connected: boolean;
  onClose: () => void;
}

export function MetricsAside({ api, host, connected, onClose }: Props) {
  const { t } = useTranslation('metrics');
  const [width, setWidth] = useState(WIDTH.default);

  const drag = (down: PointerEvent<HTMLDivElement>) => {
    const handle = down.currentTarget;
    handle.setPointerCapture(down.pointerId);
    const from = down.clientX;
    const startWidth = width;
    const move = (e: globalThis.PointerEvent) => setWidth(Math.round(Math.min(WIDTH.max, Math.max(WIDTH.min, startWidth + from - e.clientX))));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };

  return (
    <aside className="metrics-aside" style={{ width }} data-testid="metrics-panel" aria-label={t('title', { host })}>
      <div className="metrics-resizer" role="separator" aria-orientation="vertical" aria-label={t('resize')} onPointerDown={drag} data-testid="metrics-resizer" />
      <MetricsPanel key={host} api={api} host={host} connected={connected} onClose={onClose} />
    </aside>
  );
}
