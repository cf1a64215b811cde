// The OS keychain for the few secrets a user opts in to keep (a key's passphrase): Electron's
// safeStorage (Keychain on macOS, DPAPI on Windows, the secret service on Linux). Where the OS
// offers none, available() is false and the client refuses to remember anything.
import type { SecretStore } from '../core/store/secret-store';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export function safeStorageSecrets(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretStore {
  return {
    // On Linux without a keyring, Electron falls back to a hard-coded key ('basic_text'): not a keychain.
    available: () => safeStorage.isEncryptionAvailable() && !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text'),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
