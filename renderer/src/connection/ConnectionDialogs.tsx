// The connection's dialogs: gateway profiles, and the questions of connecting (model/connect-flow).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentQuestion, INITIAL_FLOW, nextFlow, type ConnectEvent } from '../model/connect-flow';
import type { ShellContext } from '../registry';
import { ChangedHostKeyDialog, GatewayPromptDialog, PassphraseDialog, ProfilesDialog, TrustHostKeyDialog } from './lazy';

export const PROFILES_MODAL = 'connection.profiles';

export function ConnectionDialogs({ ctx }: { ctx: ShellContext }) {
  const { t } = useTranslation('connection');
  const { gateway, profiles, appInfo } = ctx;
  const state = gateway.state;
  const [flow, setFlow] = useState(INITIAL_FLOW);
  const send = (event: ConnectEvent) => setFlow((f) => nextFlow(f, event));
  const question = currentQuestion(state, flow, ctx.mainSideLost);
  const profile = profiles.profiles?.find((p) => p.id === state?.profileId);
  const gatewayName = state?.gateway?.name ?? profile?.name ?? t('dialogs.theGateway');
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
            send({ type: 'connect' });
            ctx.closeModal();
            void gateway.connect({ profileId });
          }}
          onDisconnect={() => gateway.disconnect()}
          onClose={ctx.closeModal}
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
