// The gateway connection and its profiles, over window.portcullis. Each request's failure is kept as text for the UI.
import { useCallback, useEffect, useState } from 'react';
import type { GatewayState } from '../../../shared/contract/client-api';
import type { Profile } from '../../../shared/contract/profiles';
import type { PortcullisApi } from '../../../shared/contract/window';
import { errorText } from '../ui';
import { useConnectFirst } from './connect-first';

/** The gateway connection: the latest state, and connect/disconnect actions. */
export function useGateway(api: PortcullisApi) {
  const [state, setState] = useState<GatewayState | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  /** The user's attempts to connect: a question cancelled in one is asked again in the next (model/connect-flow). */
  const [attempt, setAttempt] = useState(0);
  const first = useConnectFirst();
  const { settle } = first;

  useEffect(() => {
    let alive = true;
    let sawEvent = false;
    const off = api.on('gateway.state', (next) => {
      sawEvent = true;
      setState(next);
    });
    api
      .request('gateway.state', {})
      // An event that arrived meanwhile is newer than this answer.
      .then((initial) => alive && !sawEvent && setState(initial))
      .catch((error: unknown) => alive && setActionError(errorText(error)));
    return () => {
      alive = false;
      off();
    };
  }, [api]);

  const connect = useCallback(
    (params: { profileId?: string; passphrase?: string } = {}): Promise<GatewayState | null> => {
      setActionError(null);
      setAttempt((n) => n + 1);
      return api
        .request('gateway.connect', params)
        .then((next) => {
          setState(next);
          return next;
        })
        .catch(async (error: unknown) => {
          // A failed attempt says why in the state it published (the card words its error): show that, not the rejection.
          const now = await api.request('gateway.state', {}).catch(() => null);
          if (now?.error) setState(now);
          else setActionError(errorText(error));
          return now?.error ? now : null;
        })
        .then((next) => {
          settle(next);
          return next;
        });
    },
    [api, settle],
  );
  /** Connects again to the current profile (or the default one). */
  const connectCurrent = useCallback(() => connect(state?.profileId ? { profileId: state.profileId } : {}), [connect, state?.profileId]);
  const { whenConnected: waitFor } = first;
  /** Runs `run` at once when connected; else offers to connect first and runs it once connected. */
  const whenConnected = useCallback((what: string, run: () => void) => waitFor(state?.status === 'connected', what, run), [waitFor, state?.status]);
  const disconnect = useCallback(() => {
    setActionError(null);
    api
      .request('gateway.disconnect', {})
      .then(setState)
      .catch((error: unknown) => setActionError(errorText(error)));
  }, [api]);
  const trustHostKey = useCallback(
    async (profileId: string, fingerprint: string) => {
      setActionError(null);
      try {
        await api.request('gateway.trustHostKey', { profileId, fingerprint });
      } catch (error) {
        setActionError(errorText(error));
        return;
      }
      await connect({ profileId });
    },
    [api, connect],
  );

  // The gateway's question at login (state.prompt): the pending gateway.connect settles once it is answered or cancelled.
  const answerPrompt = useCallback(
    (promptId: string, answers: string[]) => {
      setActionError(null);
      api.request('gateway.answerPrompt', { promptId, answers }).catch((error: unknown) => setActionError(errorText(error)));
    },
    [api],
  );
  const cancelPrompt = useCallback(
    (promptId: string) => {
      api.request('gateway.cancelPrompt', { promptId }).catch((error: unknown) => setActionError(errorText(error)));
    },
    [api],
  );

  return {
    state,
    actionError,
    attempt,
    connect,
    connectCurrent,
    disconnect,
    trustHostKey,
    answerPrompt,
    cancelPrompt,
    whenConnected,
    connectOffer: first.offer,
    acceptConnectOffer: first.accepted,
    dropConnectOffer: first.drop,
  };
}

export type GatewayControl = ReturnType<typeof useGateway>;

/** Gateway profiles, when the main side keeps them. */
export function useProfiles(api: PortcullisApi) {
  const [profiles, setProfiles] = useState<Profile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api
      .request('profiles.list', {})
      .then((list) => {
        setProfiles(list);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [api]);
  useEffect(refresh, [refresh]);
  return { profiles, error, refresh };
}

export type ProfilesControl = ReturnType<typeof useProfiles>;
