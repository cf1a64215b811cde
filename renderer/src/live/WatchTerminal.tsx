// A read-only terminal showing one live session (topic `sessions.output`): the screen the gateway
// sends first at its size, then the output and resizes as they come, then the end cause. It takes
// no input: watching never types into someone's session.
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SessionOutputDataSchema, type SessionOutputData } from '../../../shared/contract/gateway-api/live';
import type { SubscriptionEndReason } from '../../../shared/contract/gateway-api/events';
import type { Settings } from '../../../shared/contract/profiles';
import type { PortcullisApi } from '../../../shared/contract/window';
import { terminalOptionsFor } from '../terminal';
import { useLocale } from '../ui';
import { subscribeTopic } from './topic-subscription';
import { sessionEndText, subscriptionEndText } from './wording';

type Ended = Extract<SessionOutputData, { kind: 'ended' }>;

interface Props {
  api: PortcullisApi;
  sessionId: string;
  settings: Settings;
  /** The session ended (the watcher shows why); the caller hides what no longer applies (terminate). */
  onEnded: () => void;
}

export function WatchTerminal({ api, sessionId, settings, onEnded }: Props) {
  const { t } = useTranslation('live');
  const locale = useLocale();
  const host = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  const [ended, setEnded] = useState<Ended | null>(null);
  const [stopped, setStopped] = useState<{ reason: SubscriptionEndReason | 'failed'; error?: unknown } | null>(null);
  const onEndedRef = useRef(onEnded);
  onEndedRef.current = onEnded;

  useEffect(() => {
    const term = new Terminal({ ...terminalOptionsFor(settings), disableStdin: true, cursorBlink: false, scrollback: 1000 });
    term.open(host.current!);
    let sawEnd = false;
    const draw = (data: SessionOutputData) => {
      switch (data.kind) {
        case 'screen':
          term.options.convertEol = !data.pty;
          term.resize(data.cols, data.rows);
          term.write(data.snapshot);
          setShown(true);
          break;
        case 'output':
          term.write(data.data);
          break;
        case 'resize':
          term.resize(data.cols, data.rows);
          break;
        case 'ended':
          sawEnd = true;
          setEnded(data);
          onEndedRef.current();
          break;
      }
    };
    const stop = subscribeTopic(api, 'sessions.output', { sessionId }, {
      fresh: () => {
        term.reset();
        setShown(false);
      },
      data: (raw) => {
        const parsed = SessionOutputDataSchema.safeParse(raw);
        if (parsed.success) draw(parsed.data);
      },
      ended: (reason, error) => {
        if (!sawEnd) setStopped({ reason, error });
      },
    });
    return () => {
      stop();
      term.dispose();
    };
    // Settings apply when a watch starts; a theme change does not restart it.
  }, [api, sessionId]);

  return (
    <div>
      {!shown && !ended && !stopped && <p className="review-note">{t('watchLoading')}</p>}
      <div className="watch-screen" data-testid="live-watch-screen" data-shown={shown}>
        <div ref={host} />
      </div>
      {ended && (
        <div className="watch-ended" role="status" data-testid="live-watch-ended" data-ended-by={ended.endedBy}>
          <strong>{t('ended.title')}</strong> — {sessionEndText(ended, locale)}
        </div>
      )}
      {stopped && (
        <p className="review-error" role="alert" data-testid="live-watch-stopped">
          {subscriptionEndText(stopped.reason, stopped.error, locale)}
        </p>
      )}
    </div>
  );
}
