// The dialogs of connecting, as a pure state machine: which question the gateway connection asks
// now (trust an unknown host key, a changed host key, the key's passphrase, the gateway's own
// question such as a second factor), given the latest state and what the user already answered.
// A cancelled question is not asked again in the same attempt; every new attempt to connect (the
// card, the profiles, the palette, R) may ask it again, so no Connect button ever does nothing.
import type { GatewayState } from '../../../shared/contract/client-api';

type HostKeyCheck = NonNullable<GatewayState['hostKey']>;
type Prompt = NonNullable<GatewayState['prompt']>;

export type ConnectQuestion =
  | { kind: 'trust'; key: string; profileId: string; check: HostKeyCheck }
  | { kind: 'changed'; key: string; check: HostKeyCheck }
  | { kind: 'passphrase'; key: string; profileId: string | undefined }
  | { kind: 'prompt'; prompt: Prompt };

/** What the user settled: a question answered "cancel" is not asked again in its attempt; an answered prompt hides at once. */
export interface ConnectFlow {
  dismissed: string | null;
  settledPrompt: string | null;
}

export const INITIAL_FLOW: ConnectFlow = { dismissed: null, settledPrompt: null };

export type ConnectEvent = { type: 'cancel'; question: ConnectQuestion } | { type: 'answer'; question: ConnectQuestion };

/**
 * The question to show now, or null. Without the main side nothing can be answered: none.
 * `attempt` counts the user's attempts to connect: a question cancelled in an earlier one is asked again.
 */
export function currentQuestion(state: GatewayState | null, flow: ConnectFlow, mainSideLost: boolean, attempt: number): ConnectQuestion | null {
  if (!state || mainSideLost) return null;
  const profileKey = `${attempt}:${state.profileId}`;
  if (state.hostKey) {
    const key = `${profileKey}:${state.hostKey.fingerprint}`;
    if (key !== flow.dismissed) {
      if (state.hostKey.status === 'unknown' && state.profileId) return { kind: 'trust', key, profileId: state.profileId, check: state.hostKey };
      if (state.hostKey.status === 'changed') return { kind: 'changed', key, check: state.hostKey };
    }
  } else if (state.needsPassphrase) {
    const key = `${profileKey}:pass`;
    if (key !== flow.dismissed) return { kind: 'passphrase', key, profileId: state.profileId };
  }
  if (state.status === 'connecting' && state.prompt && state.prompt.id !== flow.settledPrompt) return { kind: 'prompt', prompt: state.prompt };
  return null;
}

export function nextFlow(flow: ConnectFlow, event: ConnectEvent): ConnectFlow {
  const q = event.question;
  if (q.kind === 'prompt') return { ...flow, settledPrompt: q.prompt.id };
  // Trust and passphrase answers wait for the next state (the dialog stays until it arrives).
  if (event.type === 'cancel') return { ...flow, dismissed: q.key };
  return flow;
}

/**
 * What becomes of an action waiting for the connection (open a host asked while disconnected)
 * once an attempt to connect settled: run it (connected), keep it (the attempt stopped at a
 * question the user may still answer: trust the host key, the passphrase), or drop it.
 */
export function pendingAfterAttempt(next: GatewayState | null): 'run' | 'keep' | 'drop' {
  if (next?.status === 'connected') return 'run';
  if (next?.hostKey) return next.hostKey.status === 'unknown' && next.profileId ? 'keep' : 'drop';
  return next?.needsPassphrase ? 'keep' : 'drop';
}
