import { describe, expect, it } from 'vitest';
import { safeStorageSecrets, type SafeStorageLike } from './secret-store';

const fake = (available: boolean, backend?: string): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (s) => Buffer.from(`enc:${s}`),
  decryptString: (b) => b.toString().slice(4),
  getSelectedStorageBackend: backend ? () => backend : undefined,
});

describe('safeStorage secret store', () => {
  it('is a keychain only when safeStorage really encrypts with the OS', () => {
    expect(safeStorageSecrets(fake(true, 'gnome_libsecret'), 'linux').available()).toBe(true);
    expect(safeStorageSecrets(fake(true, 'basic_text'), 'linux').available()).toBe(false); // a hard-coded key is no keychain
    expect(safeStorageSecrets(fake(false), 'darwin').available()).toBe(false);
    expect(safeStorageSecrets(fake(true), 'win32').available()).toBe(true);
  });
  it('passes secrets through safeStorage', () => {
    const secrets = safeStorageSecrets(fake(true), 'darwin');
    expect(secrets.decrypt(secrets.encrypt('pw'))).toBe('pw');
  });
});
