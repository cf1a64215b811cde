// Every CLI command opens the store the way `serve` does: with the master key where the config
// says (masterKey.file, or PORTCULLIS_MASTER_KEY), so a command never seals secrets with a key
// the running gateway does not use.
import type { GrantLimits } from '../admin-access';
import { resolveConfig } from '../config';
import { masterKeyFileOf } from '../config/options';
import type { RequestSettings } from '../requests/service';
import { openStore, type Store, type StoreOptions } from '../store';

export function cliStoreOptions(dataDir: string, env: Record<string, string | undefined>): StoreOptions {
  return { env, masterKeyFile: masterKeyFileOf(resolveConfig({ data: dataDir }, env)) };
}

/** Store options plus the grant limits the config sets (`grants.maxDays`), for admin commands. */
export function cliAdminOptions(dataDir: string, env: Record<string, string | undefined>): StoreOptions & GrantLimits {
  const config = resolveConfig({ data: dataDir }, env);
  return { env, masterKeyFile: masterKeyFileOf(config), maxGrantMs: config.grants.maxMs };
}

/** The access requests' settings the config sets (requests.*, grants.maxDays), as the running gateway has them. */
export function cliRequestSettings(dataDir: string, env: Record<string, string | undefined>): RequestSettings {
  const config = resolveConfig({ data: dataDir }, env);
  return { ...config.requests, maxGrantMs: config.grants.maxMs };
}

export function openCliStore(dataDir: string, env: Record<string, string | undefined>): Store {
  return openStore(dataDir, cliStoreOptions(dataDir, env));
}
