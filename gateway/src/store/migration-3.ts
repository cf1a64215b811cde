// Migration 3: login hardening and credential custody. Credentials gain the id of the master key
// that sealed them (NULL marks a plaintext row from before; the store seals those when it opens);
// users gain a sealed TOTP secret and the failed-login counter behind the lockout.
export const LOGIN_CUSTODY_MIGRATION_SQL = `
  ALTER TABLE credentials ADD COLUMN key_id TEXT;          -- master key id; NULL = legacy plaintext
  ALTER TABLE users ADD COLUMN totp_secret BLOB;           -- AES-256-GCM sealed base32 secret; NULL = no TOTP
  ALTER TABLE users ADD COLUMN totp_last_step INTEGER;     -- time step of the last accepted code: no replay
  ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN locked_until INTEGER;       -- ms since epoch; NULL = not locked
`;
