// One gateway call for the latest input once typing settles; a stale answer is dropped.
import { useEffect, useState } from 'react';
import { errorText } from '../../ui';

/** Typing settles for this long before the gateway is asked. */
const SETTLE_MS = 300;

export type CallState<T> = { value: T; error?: undefined } | { value?: undefined; error: string } | null;

export function useDebouncedCall<T>(call: (() => Promise<T>) | null, key: string): CallState<T> {
  const [state, setState] = useState<CallState<T>>(null);
  useEffect(() => {
    if (!call) return setState(null);
    let stale = false;
    const timer = setTimeout(() => {
      call().then(
        (value) => !stale && setState({ value }),
        (e: unknown) => !stale && setState({ error: errorText(e) }),
      );
    }, SETTLE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // `key` names the call's inputs: a new function each render must not ask again.
  }, [key]);
  return state;
}
