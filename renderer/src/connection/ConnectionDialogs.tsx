// The connection's dialogs: gateway profiles, the questions of connecting (model/connect-flow),
// and the guards: disconnect with live sessions, open a host while disconnected.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentQuestion, INITIAL_FLOW, nextFlow, type ConnectEvent } from '../model/connect-flow';
import { liveSessionCount } from '../model/live-sessions';
import type { ShellContext } from '../registry';
import { ChangedHostKeyDialog, ConnectFirstDialog, DisconnectDialog, GatewayPromptDialog, PassphraseDialog, ProfilesDialog, TrustHostKeyDialog } from './lazy';

export const PROFILES_MODAL = 'connection.profiles';
export const DISCONNECT_MODAL = 'connection.disconnect';

/** Disconnects at once when no session would end; else asks first, saying how many. */
export function requestDisconnect(ctx: ShellContext): void {
  if (liveSessionCount(ctx.sessions.panes.values()) > 0) ctx.openModal(DISCONNECT_MODAL);
  else ctx.gateway.disconnect();
}

/** The modal that was open before `modal` (the disconnect question goes back to the profiles it came from). */
function usePreviousModal(modal: string | null): string | null {
  const [seen, setSeen] = useState({ modal, previous: null as string | null });
  if (seen.modal !== modal) setSeen({ modal, previous: seen.modal });
  return seen.modal === modal ? seen.previous : seen.modal;
}

export function ConnectionDialogs({ ctx }: { ctx: ShellContext }) {
  const { t } = useTranslation('connection');
  const { gateway, profiles, appInfo } = ctx;
  const state = gateway.state;
  const [flow, setFlow] = useState(INITIAL_FLOW);
  // A question cancelled also drops what waited for the connection (nothing opens).
  const send = (event: ConnectEvent) => {
    if (event.type === 'cancel') gateway.dropConnectOffer();
    setFlow((f) => nextFlow(f, event));
  };
  const question = currentQuestion(state, flow, ctx.mainSideLost, gateway.attempt);
  const profile = profiles.profiles?.find((p) => p.id === state?.profileId);
  const gatewayName = state?.gateway?.name ?? profile?.name ?? t('dialogs.theGateway');
  const previousModal = usePreviousModal(ctx.modal);
  const backFromDisconnect = () => (previousModal === PROFILES_MODAL ? ctx.openModal(PROFILES_MODAL) : ctx.closeModal());
  return (
    <>
      {ctx.modal === PROFILES_MODAL && (
        <ProfilesDialog
          api={ctx.api}
          profiles={profiles.profiles}
          listError={profiles.error}
          refresh={profiles.refresh}
          state={state}
          keychain={appInfo?.shell === 'electron'}
          onConnect={(profileId) => {
            ctx.closeModal();
            void gateway.connect({ profileId });
          }}
          onDisconnect={() => requestDisconnect(ctx)}
          onClose={ctx.closeModal}
        />
      )}
      {ctx.modal === DISCONNECT_MODAL && (
        <DisconnectDialog
          gateway={gatewayName}
          sessions={liveSessionCount(ctx.sessions.panes.values())}
          onDisconnect={() => {
            gateway.disconnect();
            backFromDisconnect();
          }}
          onCancel={backFromDisconnect}
        />
      )}
      {gateway.connectOffer && !question && (
        <ConnectFirstDialog
          gateway={gatewayName}
          what={gateway.connectOffer.what}
          onConnect={() => {
            gateway.acceptConnectOffer();
            void gateway.connectCurrent();
          }}
          onCancel={gateway.dropConnectOffer}
        />
      )}
      {question?.kind === 'trust' && (
        <TrustHostKeyDialog
          gateway={gatewayName}
          check={question.check}
          onTrust={() => void gateway.trustHostKey(question.profileId, question.check.fingerprint)}
          onCancel={() => send({ type: 'cancel', question })}
        />
      )}
      {question?.kind === 'changed' && (
        <ChangedHostKeyDialog
          gateway={gatewayName}
          address={profile ? `${profile.host}:${profile.port}` : (state?.gateway?.address ?? '')}
          check={question.check}
          onClose={() => send({ type: 'cancel', question })}
        />
      )}
      {question?.kind === 'passphrase' && (
        <PassphraseDialog
          keyFile={profile?.auth.kind === 'key' ? profile.auth.keyFile : t('dialogs.theKeyFile')}
          remembers={!!profile?.rememberPassphrase && appInfo?.shell === 'electron'}
          onSubmit={(passphrase) => void gateway.connect({ profileId: question.profileId, passphrase })}
          onCancel={() => send({ type: 'cancel', question })}
        />
      )}
      {question?.kind === 'prompt' && (
        <GatewayPromptDialog
          key={question.prompt.id}
          gateway={gatewayName}
          address={state?.gateway?.address}
          prompt={question.prompt}
          onSubmit={(answers) => {
            send({ type: 'answer', question });
            gateway.answerPrompt(question.prompt.id, answers);
          }}
          onCancel={() => {
            send({ type: 'cancel', question });
            gateway.cancelPrompt(question.prompt.id);
          }}
        />
      )}
    </>
  );
}
