// The "profiles" capability: gateway profiles in the client store, and importing them from
// ~/.ssh/config. Removing the current profile ends its connection first.
import { why } from '../../../shared/contract/error-reasons';
import { RpcError } from '../../../shared/rpc/protocol';
import type { profilesMethods } from '../../../shared/contract/client-api/profiles';
import type { Profile } from '../../../shared/contract/profiles';
import type { AreaService } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';
import type { ClientStore } from '../store/client-store';
import { readSshConfig } from './ssh-config-import';

export interface ProfilesServiceOptions {
  store: ClientStore;
  connection: Pick<ConnectionService, 'forgetProfile'>;
  /** Where ~/.ssh/config is. */
  home: string;
}

export function createProfilesService({ store, connection, home }: ProfilesServiceOptions): AreaService<typeof profilesMethods> {
  return {
    handlers: {
      'profiles.list': () => store.listProfiles(),
      'profiles.save': ({ id, profile }) => store.saveProfile(id, profile),
      'profiles.remove': async ({ id }) => {
        if (!store.getProfile(id)) throw new RpcError('not_found', `there is no profile ${id}`, why('client.profile_not_found', { id }));
        await connection.forgetProfile(id);
        store.removeProfile(id);
        return null;
      },
      'profiles.importSshConfig': async () => {
        const found = await readSshConfig(home, store.listProfiles());
        const imported: Profile[] = [];
        const skipped = [...found.skipped];
        for (const input of found.profiles) {
          try {
            imported.push(store.saveProfile(undefined, input));
          } catch (error) {
            skipped.push({ host: input.name, reason: (error as Error).message });
          }
        }
        return { imported, skipped };
      },
    },
  };
}
