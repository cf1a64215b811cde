// "Connect first, then open": an action that needs the gateway (open a host, reopen a pane), asked
// while disconnected, waits behind an offer to connect. It runs once connected, through whatever
// the connection asks on the way (trust, passphrase, second factor); a cancel or a failed attempt
// drops it, so nothing opens only to fail.
import { useCallback, useRef, useState } from 'react';
import type { GatewayState } from '../../../shared/contract/client-api';
import { pendingAfterAttempt } from '../model/connect-flow';

export interface ConnectOffer {
  /** What waits, for the user to read (e.g. root@web-01). */
  what: string;
}

export function useConnectFirst() {
  const [offer, setOffer] = useState<ConnectOffer | null>(null);
  const waiting = useRef<(() => void) | null>(null);

  /** Runs `run` now when connected, else offers to connect and keeps it for then (a newer one replaces it). */
  const whenConnected = useCallback((connected: boolean, what: string, run: () => void) => {
    if (connected) return run();
    waiting.current = run;
    setOffer({ what });
  }, []);

  /** An attempt to connect settled: run, keep or drop what waits. */
  const settle = useCallback((next: GatewayState | null) => {
    const verdict = pendingAfterAttempt(next);
    if (verdict === 'keep') return;
    const run = waiting.current;
    waiting.current = null;
    if (verdict === 'run') run?.();
  }, []);

  /** The user declined the offer or cancelled a question on the way: nothing opens. */
  const drop = useCallback(() => {
    waiting.current = null;
    setOffer(null);
  }, []);

  /** The user accepted: the offer closes, the action keeps waiting for the attempt. */
  const accepted = useCallback(() => setOffer(null), []);

  return { offer, whenConnected, settle, drop, accepted };
}
