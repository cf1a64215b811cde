// The client API's core: the sections the app's first screen needs (connecting, profiles, the
// layout and settings, the host tree, terminals, gateway subscriptions). The renderer's side
// checks messages with these from the start; each capability's section is in
// ./client-api-capabilities.ts, loaded the first time a message needs it (shared/rpc/client.ts).
import { composeApi } from './api-section';
import { appSection } from './client-api/app';
import { connectionSection } from './client-api/connection';
import { gatewayEventsSection } from './client-api/gateway-events';
import { hostsSection } from './client-api/hosts';
import { layoutSettingsSection } from './client-api/layout-settings';
import { profilesSection } from './client-api/profiles';
import { terminalsSection } from './client-api/terminals';

export const clientCoreApi = composeApi(
  appSection,
  connectionSection,
  profilesSection,
  layoutSettingsSection,
  hostsSection,
  terminalsSection,
  gatewayEventsSection,
);
