// The "layout & settings" capability: the saved tabs and splits, and the user's settings, in the client store.
import type { layoutSettingsMethods } from '../../../shared/contract/client-api/layout-settings';
import type { AreaService } from '../area-service';
import type { ClientStore } from '../store/client-store';

export function createLayoutSettingsService(store: ClientStore): AreaService<typeof layoutSettingsMethods> {
  return {
    handlers: {
      'layout.get': () => store.getLayout(),
      'layout.save': ({ layout }) => {
        store.saveLayout(layout);
        return null;
      },
      'settings.get': () => store.getSettings(),
      'settings.save': ({ settings }) => store.saveSettings(settings),
      'view.get': () => store.getViewState(),
      'view.save': ({ view }) => {
        store.saveViewState(view);
        return null;
      },
    },
  };
}
