import { describe, expect, it } from 'vitest';
import type { GatewayState } from '../../../shared/contract/client-api';
import { currentQuestion, INITIAL_FLOW, nextFlow, pendingAfterAttempt, type ConnectFlow } from './connect-flow';

const unknownKey = { status: 'unknown', keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' } as const;
const state = (s: Partial<GatewayState>): GatewayState => ({ status: 'disconnected', profileId: 'p1', ...s });
const prompt = { id: 'q1', name: '', instructions: '', prompts: [{ prompt: 'Code: ', echo: false }] } as unknown as NonNullable<GatewayState['prompt']>;

/** Feeds a sequence of states and the user's replies, as the dialogs would. */
function walk(steps: Array<[GatewayState, 'cancel' | 'answer' | 'connect' | null]>): Array<string | null> {
  let flow: ConnectFlow = INITIAL_FLOW;
  let attempt = 1;
  return steps.map(([s, reply]) => {
    const q = currentQuestion(s, flow, false, attempt);
    if (reply === 'connect') attempt++;
    else if (reply && q) flow = nextFlow(flow, { type: reply, question: q });
    return q?.kind ?? null;
  });
}

describe('the dialogs of connecting', () => {
  it('asks to trust an unknown host key, and once cancelled does not ask again until the user connects again', () => {
    const asking = state({ hostKey: unknownKey });
    expect(walk([[asking, 'cancel'], [asking, null], [asking, 'connect'], [asking, null]])).toEqual(['trust', null, null, 'trust']);
  });

  it('asks again at every new attempt, whichever control started it, and for the passphrase too', () => {
    const asking = state({ hostKey: unknownKey });
    const passphrase = state({ needsPassphrase: true });
    expect(walk([[asking, 'cancel'], [asking, 'connect'], [asking, 'cancel'], [asking, 'connect'], [asking, null]])).toEqual(['trust', null, 'trust', null, 'trust']);
    expect(walk([[passphrase, 'cancel'], [passphrase, 'connect'], [passphrase, null]])).toEqual(['passphrase', null, 'passphrase']);
  });

  it('asks about a changed host key with no way to trust it here, and a new fingerprint asks again', () => {
    const changed = state({ hostKey: { ...unknownKey, status: 'changed' } });
    const other = state({ hostKey: { ...unknownKey, status: 'changed', fingerprint: 'SHA256:def' } });
    expect(walk([[changed, 'cancel'], [changed, null], [other, null]])).toEqual(['changed', null, 'changed']);
  });

  it('trusting waits for the next state: the dialog stays until the gateway asks the passphrase', () => {
    const asking = state({ hostKey: unknownKey });
    expect(walk([[asking, 'answer'], [asking, null], [state({ needsPassphrase: true }), 'cancel'], [state({ needsPassphrase: true }), null]])).toEqual([
      'trust',
      'trust',
      'passphrase',
      null,
    ]);
  });

  it('asks the gateway’s second factor while connecting, and hides it at once when answered', () => {
    const connecting = state({ status: 'connecting', prompt });
    const next = state({ status: 'connecting', prompt: { ...prompt, id: 'q2' } });
    expect(walk([[connecting, 'answer'], [connecting, null], [next, 'cancel'], [next, null], [state({ status: 'connected' }), null]])).toEqual([
      'prompt',
      null,
      'prompt',
      null,
      null,
    ]);
  });

  it('asks nothing without the main side, nor a trust question without a profile to trust it for', () => {
    expect(currentQuestion(state({ hostKey: unknownKey }), INITIAL_FLOW, true, 1)).toBeNull();
    expect(currentQuestion(state({ hostKey: unknownKey, profileId: undefined }), INITIAL_FLOW, false, 1)).toBeNull();
    expect(currentQuestion(null, INITIAL_FLOW, false, 1)).toBeNull();
  });

  it('an open waiting for the connection runs once connected, waits on a question the user may answer, else is dropped', () => {
    expect(pendingAfterAttempt(state({ status: 'connected' }))).toBe('run');
    expect(pendingAfterAttempt(state({ hostKey: unknownKey }))).toBe('keep');
    expect(pendingAfterAttempt(state({ needsPassphrase: true }))).toBe('keep');
    expect(pendingAfterAttempt(state({ hostKey: { ...unknownKey, status: 'changed' } }))).toBe('drop');
    expect(pendingAfterAttempt(state({ hostKey: unknownKey, profileId: undefined }))).toBe('drop');
    expect(pendingAfterAttempt(state({ status: 'disconnected', error: { code: 'connection_refused' } }))).toBe('drop');
    expect(pendingAfterAttempt(null)).toBe('drop');
  });
});
