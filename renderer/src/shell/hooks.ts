// The shell's hooks over window.portcullis: the main side's link, settings and the app's info.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { Settings } from '../../../shared/contract/profiles';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { MainSideLink, MainSideLinkState } from '../api';
import { DEFAULT_SETTINGS } from '../terminal';
import { appLocale } from '../model/locale';
import { errorText } from '../ui';

export function useMainSideLink(link: MainSideLink): MainSideLinkState {
  return useSyncExternalStore(link.subscribe.bind(link), () => link.state);
}

/** Settings from the main side; the defaults until they arrive (or if it keeps none). */
export function useSettings(api: PortcullisApi) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    api
      .request('settings.get', {})
      .then((s) => alive && setSettings(s))
      .catch(() => {}); // an older main side keeps no settings: defaults it is
    return () => {
      alive = false;
    };
  }, [api]);
  const save = useCallback(
    (next: Settings) => {
      setSettings(next); // at once: the UI follows even if saving fails
      api
        .request('settings.save', { settings: next })
        .then(() => setError(null))
        .catch((e: unknown) => setError(appLocale().t('shell:settingsNotSaved', { error: errorText(e) })));
    },
    [api],
  );
  return { settings, save, error };
}

export type SettingsControl = ReturnType<typeof useSettings>;

export interface AppInfo {
  version: string;
  shell: 'electron' | 'browser';
}

export function useAppInfo(api: PortcullisApi) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let alive = true;
    api
      .request('app.info', {})
      .then((i) => alive && setInfo(i))
      .catch(() => {});
    return () => {
      alive = false;
    };
  }, [api]);
  return info;
}
