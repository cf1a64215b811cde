// The "directory" capability: the admin screen's users, groups, hosts and credentials, each method
// passed through to the gateway method of the same name over the connection's API channel. The
// dispatcher has checked the params against the client contract; the gateway checks the role.
// Secrets (a credential's password or key) pass through as params and are never logged here.
import { directoryClientMethods, type DirectoryClientMethods } from '../../../shared/contract/client-api/directory';
import type { AreaService } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';

export function createDirectoryService(connection: Pick<ConnectionService, 'connected'>): AreaService<DirectoryClientMethods> {
  const forward = (method: keyof DirectoryClientMethods) => (params: unknown) => connection.connected().request(method, params as never);
  const names = Object.keys(directoryClientMethods) as Array<keyof DirectoryClientMethods>;
  return { handlers: Object.fromEntries(names.map((name) => [name, forward(name)])) as unknown as AreaService<DirectoryClientMethods>['handlers'] };
}
