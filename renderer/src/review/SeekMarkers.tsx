// The seek bar's command markers: a button per command, thousands in a long session. Memoized, so
// they are drawn when the recording or the selected marker changes, not on each move of the
// playhead (a seek, every frame of playback), which would re-render them all each time.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { clockText, plain } from './session-row-text';
import { markerLeft, type Marker } from './timeline';

export const SeekMarkers = memo(function SeekMarkers({ commands, duration, selected, onSeek }: { commands: readonly Marker[]; duration: number; selected: number | undefined; onSeek: (t: number, markerId: number) => unknown }) {
  const { t } = useTranslation('review');
  return (
    <div className="review-markers">
      {commands.map((m) => {
        const label = t('player.marker', { time: clockText(m.t), command: plain(m.command) });
        return (
          <button
            type="button"
            key={m.id}
            className={`review-marker${m.id === selected ? ' selected' : ''}`}
            style={{ left: `${markerLeft(m.t, duration)}%` }}
            title={label}
            aria-label={label}
            data-testid="review-marker"
            data-marker-id={m.id}
            data-t={m.t}
            onClick={() => void onSeek(m.t, m.id)}
          />
        );
      })}
    </div>
  );
});
