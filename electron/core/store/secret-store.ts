// Where a remembered passphrase may live: only the OS keychain. Electron's main process provides
// one backed by safeStorage (electron/main/secret-store.ts); plain Node provides none, so the
// browser shell refuses to remember secrets at all.
export interface SecretStore {
  /** False when the OS offers no keychain encryption (e.g. Linux without a secret service). */
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}
