// The client's local state in SQLite: gateway profiles, the gateway host keys the user trusted,
// the layout and the settings. Everything is validated with the contract's schemas on the way in
// and on the way out; a corrupt layout or settings row is ignored (with a log line), never fatal.
import { why } from '../../../shared/contract/error-reasons';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { HostPlacesSchema, NO_HOST_PLACES, type HostPlaces } from '../../../shared/contract/host-places';
import { LayoutSchema, type Layout } from '../../../shared/contract/layout';
import { DEFAULT_VIEW_STATE, ViewStateSchema, type ViewState } from '../../../shared/contract/view-state';
import { ProfileAuthSchema, ProfileIdSchema, ProfileInputSchema, SettingsSchema, type Profile, type ProfileInput, type Settings } from '../../../shared/contract/profiles';
import { DEFAULT_SETTINGS } from '../../../shared/contract/default-settings';
import { RpcError, describeZodError } from '../../../shared/rpc/protocol';
import { openClientDatabase } from './database';
import type { SecretStore } from './secret-store';

export { DEFAULT_SETTINGS };

export interface TrustedHostKey {
  keyType: string;
  /** The raw key blob, as ssh2 hands it to the host verifier. */
  blob: Buffer;
  fingerprint: string;
}

export interface ClientStore {
  listProfiles(): Profile[];
  getProfile(id: string): Profile | null;
  /** Creates (no id) or replaces a profile. Bad input → RpcError('bad_request'). */
  saveProfile(id: string | undefined, input: ProfileInput): Profile;
  removeProfile(id: string): void;
  /** The remembered passphrase, decrypted through the keychain; null if none (or it cannot be read). */
  rememberedPassphrase(id: string): string | null;
  /** Keeps the passphrase through the keychain if the profile opted in and a keychain exists. */
  rememberPassphrase(id: string, passphrase: string): void;
  /** The key the user trusted for "host:port". */
  trustedHostKey(endpoint: string): TrustedHostKey | null;
  trustHostKey(endpoint: string, key: TrustedHostKey): void;
  forgetHostKey(endpoint: string): void;
  getLayout(): Layout | null;
  saveLayout(layout: Layout): void;
  getSettings(): Settings;
  saveSettings(settings: Settings): Settings;
  getViewState(): ViewState;
  saveViewState(view: ViewState): void;
  /** The profile's favourites and recent hosts; not_found for an unknown profile. */
  hostPlaces(profileId: string): HostPlaces;
  saveHostPlaces(profileId: string, places: HostPlaces): HostPlaces;
  /** The profile connected to last: `gateway.connect` without a profileId uses it. */
  lastProfileId(): string | null;
  setLastProfileId(id: string): void;
  close(): void;
}

export interface ClientStoreOptions {
  secrets?: SecretStore | null;
  log?: (message: string) => void;
}

interface ProfileRow {
  id: string;
  name: string;
  host: string;
  port: number;
  user: string;
  auth: string;
  remember_passphrase: number;
  passphrase_secret: Buffer | null;
}

const placesKey = (profileId: string) => `hostPlaces:${profileId}`;

export const endpointOf = (p: { host: string; port: number }) => `${p.host}:${p.port}`;

export function openClientStore(dataDir: string, options: ClientStoreOptions = {}): ClientStore {
  return createClientStore(openClientDatabase(dataDir), options);
}

export function createClientStore(db: Database.Database, options: ClientStoreOptions = {}): ClientStore {
  const log = options.log ?? ((message) => console.warn(message));
  const secrets = options.secrets ?? null;
  const keychain = () => (secrets?.available() ? secrets : null);

  const kvGet = db.prepare<[string], { value: string }>('SELECT value FROM kv WHERE key = ?');
  const kvSet = db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const profileRow = db.prepare<[string], ProfileRow>('SELECT * FROM profiles WHERE id = ?');
  const keyRow = db.prepare<[string], { key_type: string; public_key: string; fingerprint: string }>('SELECT * FROM host_keys WHERE endpoint = ?');

  function toProfile(row: ProfileRow): Profile {
    const trusted = keyRow.get(endpointOf(row));
    return {
      id: row.id,
      name: row.name,
      host: row.host,
      port: row.port,
      user: row.user,
      auth: ProfileAuthSchema.parse(JSON.parse(row.auth)),
      rememberPassphrase: row.remember_passphrase === 1,
      ...(trusted ? { trustedHostKey: trusted.fingerprint } : {}),
    };
  }

  /** A value of `kv`, validated; a corrupt row is logged and treated as absent. */
  function readJson<T>(key: string, schema: z.ZodType<T>): T | null {
    const row = kvGet.get(key);
    if (!row) return null;
    let value: unknown;
    try {
      value = JSON.parse(row.value);
    } catch {
      log(`client store: the saved ${key} is not valid JSON; ignoring it`);
      return null;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      log(`client store: the saved ${key} is invalid (${describeZodError(parsed.error)}); ignoring it`);
      return null;
    }
    return parsed.data;
  }

  function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new RpcError('bad_request', `invalid ${what}: ${describeZodError(parsed.error)}`);
    return parsed.data;
  }

  function requireProfile(id: string): void {
    if (!profileRow.get(validate(ProfileIdSchema, id, 'profile id'))) throw new RpcError('not_found', `there is no profile ${id}`, why('client.profile_not_found', { id }));
  }

  return {
    listProfiles: () => db.prepare<[], ProfileRow>('SELECT * FROM profiles ORDER BY name COLLATE NOCASE').all().map(toProfile),
    getProfile(id) {
      const row = profileRow.get(id);
      return row ? toProfile(row) : null;
    },
    saveProfile(id, raw) {
      const input = validate(ProfileInputSchema, raw, 'profile');
      if (input.rememberPassphrase && !keychain()) {
        throw new RpcError(
          'bad_request',
          secrets
            ? 'this system offers no keychain encryption, so a passphrase cannot be remembered safely: turn "remember passphrase" off'
            : 'passphrases are remembered only by the desktop app, in the OS keychain; the browser shell never stores secrets: turn "remember passphrase" off',
        );
      }
      const before = id === undefined ? undefined : profileRow.get(validate(ProfileIdSchema, id, 'profile id'));
      if (id !== undefined && !before) throw new RpcError('not_found', `there is no profile ${id}`, why('client.profile_not_found', { id }));
      const clash = db.prepare<[string, string], { id: string }>('SELECT id FROM profiles WHERE name = ? AND id != ?').get(input.name, id ?? '');
      if (clash) throw new RpcError('bad_request', `a profile named "${input.name}" already exists: choose another name`, why('client.profile_name_taken', { name: input.name }));
      const values = [input.name, input.host, input.port, input.user, JSON.stringify(input.auth), input.rememberPassphrase ? 1 : 0] as const;
      if (id === undefined) {
        id = `p${randomBytes(8).toString('hex')}`;
        db.prepare('INSERT INTO profiles (id, name, host, port, user, auth, remember_passphrase, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(id, ...values, Date.now());
      } else {
        // A remembered passphrase belongs to one key file: drop it when the key or the opt-in changes.
        const keep = input.rememberPassphrase && before!.auth === values[4];
        db.prepare('UPDATE profiles SET name = ?, host = ?, port = ?, user = ?, auth = ?, remember_passphrase = ?, passphrase_secret = CASE WHEN ? THEN passphrase_secret END WHERE id = ?').run(
          ...values,
          keep ? 1 : 0,
          id,
        );
      }
      return toProfile(profileRow.get(id)!);
    },
    removeProfile(id) {
      if (db.prepare('DELETE FROM profiles WHERE id = ?').run(id).changes === 0) throw new RpcError('not_found', `there is no profile ${id}`, why('client.profile_not_found', { id }));
      db.prepare('DELETE FROM kv WHERE key = ?').run(placesKey(id));
    },
    rememberedPassphrase(id) {
      const row = profileRow.get(id);
      const chain = keychain();
      if (!row?.passphrase_secret || !row.remember_passphrase || !chain) return null;
      try {
        return chain.decrypt(row.passphrase_secret);
      } catch {
        log(`client store: the remembered passphrase of profile "${row.name}" cannot be decrypted; asking again`);
        return null;
      }
    },
    rememberPassphrase(id, passphrase) {
      const row = profileRow.get(id);
      const chain = keychain();
      if (!row?.remember_passphrase || !chain) return;
      db.prepare('UPDATE profiles SET passphrase_secret = ? WHERE id = ?').run(chain.encrypt(passphrase), id);
    },
    trustedHostKey(endpoint) {
      const row = keyRow.get(endpoint);
      return row ? { keyType: row.key_type, blob: Buffer.from(row.public_key, 'base64'), fingerprint: row.fingerprint } : null;
    },
    trustHostKey(endpoint, key) {
      db.prepare(
        'INSERT INTO host_keys (endpoint, key_type, public_key, fingerprint, trusted_at) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT(endpoint) DO UPDATE SET key_type = excluded.key_type, public_key = excluded.public_key, fingerprint = excluded.fingerprint, trusted_at = excluded.trusted_at',
      ).run(endpoint, key.keyType, key.blob.toString('base64'), key.fingerprint, Date.now());
    },
    forgetHostKey(endpoint) {
      db.prepare('DELETE FROM host_keys WHERE endpoint = ?').run(endpoint);
    },
    getLayout: () => readJson('layout', LayoutSchema),
    saveLayout(layout) {
      kvSet.run('layout', JSON.stringify(validate(LayoutSchema, layout, 'layout')));
    },
    getSettings: () => readJson('settings', SettingsSchema) ?? DEFAULT_SETTINGS,
    saveSettings(settings) {
      const valid = validate(SettingsSchema, settings, 'settings');
      kvSet.run('settings', JSON.stringify(valid));
      return valid;
    },
    getViewState: () => readJson('view', ViewStateSchema) ?? DEFAULT_VIEW_STATE,
    saveViewState(view) {
      kvSet.run('view', JSON.stringify(validate(ViewStateSchema, view, 'window layout')));
    },
    hostPlaces(profileId) {
      requireProfile(profileId);
      return readJson(placesKey(profileId), HostPlacesSchema) ?? NO_HOST_PLACES;
    },
    saveHostPlaces(profileId, places) {
      requireProfile(profileId);
      const valid = validate(HostPlacesSchema, places, 'favourites and recent hosts');
      kvSet.run(placesKey(profileId), JSON.stringify(valid));
      return valid;
    },
    lastProfileId: () => readJson('lastProfile', ProfileIdSchema),
    setLastProfileId(id) {
      kvSet.run('lastProfile', JSON.stringify(id));
    },
    close: () => db.close(),
  };
}
