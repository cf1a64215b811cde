// The live preview of which hosts a selector covers: the gateway's (`access.selector.preview`)
// for admins, else the hosts the user sees (an operator asks for hosts they may not see yet).
import { useEffect, useState } from 'react';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { Host } from '../../../shared/contract/inventory';
import { localPreview } from '../model/access';
import { errorText } from '../ui';

export type SelectorPreview =
  | { source: 'gateway'; count: number; hosts: string[]; unknown: string[] }
  | { source: 'local'; count: number; hosts: string[]; unseen: string[] }
  | { source: 'error'; error: string };

/** Typing settles for this long before the gateway is asked. */
const SETTLE_MS = 300;

export function useSelectorPreview(api: PortcullisApi, selector: string, hosts: readonly Host[], askGateway: boolean): SelectorPreview | null {
  const [preview, setPreview] = useState<SelectorPreview | null>(null);
  const text = selector.trim();
  useEffect(() => {
    if (!text) return setPreview(null);
    if (!askGateway) {
      const local = localPreview(text, hosts);
      return setPreview({ source: 'local', count: local.hosts.length, ...local });
    }
    let stale = false;
    const timer = setTimeout(() => {
      api.request('access.selector.preview', { selector: text }).then(
        (r) => !stale && setPreview({ source: 'gateway', count: r.count, hosts: r.hosts, unknown: r.unknown }),
        (e: unknown) => !stale && setPreview({ source: 'error', error: errorText(e) }),
      );
    }, SETTLE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [api, text, hosts, askGateway]);
  return preview;
}
