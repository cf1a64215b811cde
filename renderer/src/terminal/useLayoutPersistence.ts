// The workspace layout: restored once at start (as placeholders, never reconnected), then saved
// on change, debounced. Nothing is saved before the restore attempt ended, so an empty window
// never overwrites the saved layout.
import { useEffect } from 'react';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { SessionsStore } from './sessions-store';

const SAVE_DELAY_MS = 600;

export function useLayoutPersistence(api: PortcullisApi, store: SessionsStore): void {
  useEffect(() => {
    let alive = true;
    let ready = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = '';
    const save = () => {
      const layout = store.toLayout();
      const text = JSON.stringify(layout);
      if (text === last) return;
      last = text;
      api.request('layout.save', { layout }).catch((e: unknown) => console.warn('portcullis: the layout was not saved:', e));
    };
    const off = store.subscribe(() => {
      if (!ready) return;
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_DELAY_MS);
    });
    api
      .request('layout.get', {})
      .then((layout) => {
        if (!alive) return;
        if (layout) store.restore(layout);
        last = JSON.stringify(store.toLayout());
      })
      .catch(() => {}) // an older main side keeps no layout
      .finally(() => {
        ready = true;
      });
    const flush = () => ready && save();
    window.addEventListener('beforeunload', flush);
    return () => {
      alive = false;
      off();
      clearTimeout(timer);
      window.removeEventListener('beforeunload', flush);
    };
  }, [api, store]);
}
