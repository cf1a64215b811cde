// The review window: sessions, commands and the player as tabs of one large dialog.
import './review.css';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import { Dialog } from '../ui';
import { CommandsView } from './CommandsView';
import { Player } from './Player';
import { reviewStore, useReviewState, type ReviewTab } from './review-store';
import { SessionsView } from './SessionsView';

export function ReviewWindow({ api, onClose }: { api: PortcullisApi; onClose: () => void }) {
  const { t } = useTranslation('review');
  const { tab, player } = useReviewState();
  const tabs: ReviewTab[] = player ? ['sessions', 'commands', 'player'] : ['sessions', 'commands'];
  return (
    <Dialog title={t('window.title')} testId="review-window" onCancel={onClose} wide>
      <div className="review-window">
        <div className="review-tabs" role="tablist">
          {tabs.map((name) => (
            <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'active' : undefined} onClick={() => reviewStore.show(name)} data-testid={`review-tab-${name}`}>
              {t(`window.tabs.${name}`)}
            </button>
          ))}
          <button type="button" className="review-close" onClick={onClose}>{t('window.close')}</button>
        </div>
        {/* The lists stay mounted (their filters and pages kept) while the player is shown. */}
        <div className="review-pane" hidden={tab !== 'sessions'}><SessionsView api={api} /></div>
        <div className="review-pane" hidden={tab !== 'commands'}><CommandsView api={api} /></div>
        {tab === 'player' && player && <Player key={`${player.sessionId}:${player.at ?? 0}:${player.marker ?? ''}`} api={api} target={player} />}
      </div>
    </Dialog>
  );
}
